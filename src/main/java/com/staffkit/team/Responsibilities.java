package com.staffkit.team;

import com.staffkit.common.error.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a team can be responsible for: a predefined set (with descriptions), plus any custom
 * upper-case name such as {@code REVIEW_PRESCRIPTIONS}.
 */
final class Responsibilities {

    static final Pattern CUSTOM = Pattern.compile("^[A-Z][A-Z0-9_]{1,63}$");

    private static final SequencedMap<String, String> PREDEFINED = new LinkedHashMap<>();

    static {
        PREDEFINED.put("COLLECT_SPECIMENS_FROM_PATIENT", "Collect specimens from patients.");
        PREDEFINED.put("COMMUNICATE_DIAGNOSTIC_RESULTS_TO_PATIENT", "Communicate diagnostic results to patients.");
        PREDEFINED.put("COORDINATE_REFERRALS_FOR_PATIENT", "Coordinate referrals for patients.");
        PREDEFINED.put("PROCESS_REFILL_REQUESTS", "Process prescription refill requests.");
        PREDEFINED.put("PROCESS_CHANGE_REQUESTS", "Process prescription change requests.");
        PREDEFINED.put("SCHEDULE_LAB_VISITS_FOR_PATIENT", "Schedule lab visits for patients.");
        PREDEFINED.put("POPULATION_HEALTH_CAMPAIGN_OUTREACH", "Reach out to patients for population health campaigns.");
        PREDEFINED.put("COLLECT_PATIENT_PAYMENTS", "Collect payments from patients.");
        PREDEFINED.put("COMPLETE_OPEN_LAB_ORDERS", "Complete open lab orders.");
        PREDEFINED.put("REVIEW_ERA_POSTING_EXCEPTIONS", "Review electronic remittance advice posting exceptions.");
        PREDEFINED.put("REVIEW_COVERAGES", "Review patients' insurance coverages.");
        PREDEFINED.put("OPEN_AND_CLOSE_STORE", "Open and close the store.");
        PREDEFINED.put("MANAGE_INVENTORY", "Count, receive and replenish inventory.");
        PREDEFINED.put("HANDLE_CUSTOMER_COMPLAINTS", "Handle customer complaints and returns.");
        PREDEFINED.put("PROCESS_RETURNS", "Process returns and exchanges at the till.");
        PREDEFINED.put("SCHEDULE_SHIFTS", "Plan and publish the staff rota.");
    }

    private Responsibilities() {}

    static Map<String, String> predefined() {
        return java.util.Collections.unmodifiableSequencedMap(PREDEFINED);
    }

    /** Validates and de-duplicates, keeping the first occurrence's order; a bad value is a 400 naming it. */
    static List<String> normalize(List<String> responsibilities) {
        if (responsibilities == null) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        List<String> invalid = new java.util.ArrayList<>();
        for (String responsibility : responsibilities) {
            if (responsibility != null && CUSTOM.matcher(responsibility).matches()) {
                result.add(responsibility);
            } else {
                invalid.add(String.valueOf(responsibility));
            }
        }
        if (!invalid.isEmpty()) {
            throw InvalidRequestException.forField(
                    "responsibilities",
                    "invalid responsibilities " + invalid
                            + ": use a predefined one or an upper-case name matching ^[A-Z][A-Z0-9_]{1,63}$");
        }
        return List.copyOf(result);
    }
}
