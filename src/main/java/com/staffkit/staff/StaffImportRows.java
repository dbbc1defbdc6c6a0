package com.staffkit.staff;

import com.staffkit.common.error.ApiException;
import com.staffkit.common.error.FieldViolation;
import com.staffkit.common.error.InvalidRequestException;
import com.staffkit.common.input.JsonBinding;
import com.staffkit.common.security.Caller;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rows of a staff CSV ({@link StaffCsv}'s columns) applied as creates or upserts: each row becomes
 * the body a single create or merge patch would take, so it meets the same binding, rules, audit
 * events and emails, and goes through {@link StaffBulk} a batch at a time. An upsert finds its
 * staff member by {@code remote_id}, else by {@code email}, in the caller's organization; a row
 * that would change nothing writes nothing and counts as unchanged, so an export imported back
 * changes nothing.
 */
@Service
public class StaffImportRows {

    public enum Mode {
        CREATE,
        UPSERT
    }

    /** One data row: its line number in the file (the header is line 1) and its cells by column name, as written. */
    public record Row(long line, Map<String, String> cells) {}

    public record RowError(long line, @Nullable String column, String problem) {}

    public record Outcome(int created, int updated, int unchanged, int failed, List<RowError> errors) {}

    private static final Set<String> REQUIRED_TO_CREATE = Set.of("first_name", "last_name");

    private final StaffBulk bulk;
    private final StaffImportMatches matches;
    private final JsonBinding binding;

    StaffImportRows(StaffBulk bulk, StaffImportMatches matches, JsonBinding binding) {
        this.bulk = bulk;
        this.matches = matches;
        this.binding = binding;
    }

    /** The header's column names, checked: each a staff CSV column, none twice, and first_name and last_name present. */
    public static List<String> checkedHeader(List<String> names) {
        List<String> columns = names.stream()
                .map(name -> name == null ? "" : name.strip().toLowerCase(Locale.ROOT))
                .toList();
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (!StaffCsv.COLUMNS.contains(column)) {
                throw InvalidRequestException.forField(
                        "header",
                        "unknown column '" + column + "'; the columns are " + String.join(", ", StaffCsv.COLUMNS));
            }
            if (!seen.add(column)) {
                throw InvalidRequestException.forField("header", "column '" + column + "' appears twice");
            }
        }
        if (!seen.containsAll(REQUIRED_TO_CREATE)) {
            throw InvalidRequestException.forField("header", "needs the columns first_name and last_name");
        }
        return columns;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Outcome apply(Caller caller, Mode mode, List<Row> rows) {
        List<@Nullable ObjectNode> bodies = new ArrayList<>(rows.size());
        Map<Integer, ApiException> refused = new LinkedHashMap<>();
        StaffImportMatches.Stores stores = matches.stores(caller.organizationId(), rows);
        for (int i = 0; i < rows.size(); i++) {
            try {
                bodies.add(body(rows.get(i), stores));
            } catch (ApiException problem) {
                bodies.add(null);
                refused.put(i, problem);
            }
        }
        Map<Integer, Long> existing = mode == Mode.UPSERT ? matches.existing(caller.organizationId(), rows) : Map.of();
        List<StaffBulk.Item<CreateStaffRequest>> creates = new ArrayList<>();
        List<StaffBulk.Item<StaffBulk.Change>> changes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ApiException problem = refused.get(i);
            ObjectNode body = bodies.get(i);
            Long id = existing.get(i);
            if (id != null) {
                changes.add(
                        problem == null
                                ? StaffBulk.Item.of(i, new StaffBulk.Change(id, body))
                                : StaffBulk.Item.refused(i, problem));
            } else if (problem != null) {
                creates.add(StaffBulk.Item.refused(i, problem));
            } else {
                try {
                    creates.add(StaffBulk.Item.of(i, binding.bind(body, CreateStaffRequest.class)));
                } catch (ApiException invalid) {
                    creates.add(StaffBulk.Item.refused(i, invalid));
                }
            }
        }
        List<StaffBulk.Outcome> outcomes = new ArrayList<>(bulk.create(caller, creates, false, false));
        if (!changes.isEmpty()) {
            outcomes.addAll(bulk.change(caller, changes, false));
        }
        return tally(rows, outcomes);
    }

    /** A row as the JSON a create takes (and, for an upsert, the merge patch of the columns the file has). */
    private ObjectNode body(Row row, StaffImportMatches.Stores stores) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        row.cells().forEach((column, raw) -> {
            String cell = StaffCsv.restored(raw);
            switch (column) {
                case "roles" -> {
                    List<String> roles = StaffCsv.list(cell);
                    if (roles.isEmpty()) {
                        body.putNull("roles");
                    } else {
                        roles.forEach(body.putArray("roles")::add);
                    }
                }
                case "stores" -> {
                    var ids = body.putArray("retail_stores");
                    List<String> unknown = new ArrayList<>();
                    for (String remoteId : StaffCsv.list(cell)) {
                        Long id = stores.idOf(remoteId);
                        if (id == null) {
                            unknown.add(remoteId);
                        } else {
                            ids.add(id);
                        }
                    }
                    if (!unknown.isEmpty()) {
                        throw InvalidRequestException.forField(
                                "stores", "unknown store remote_ids: " + String.join(", ", unknown));
                    }
                }
                case "is_active" -> {
                    if (cell == null) {
                        body.putNull("is_active");
                    } else if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
                        body.put("is_active", Boolean.parseBoolean(cell.toLowerCase(Locale.ROOT)));
                    } else {
                        throw InvalidRequestException.forField("is_active", "must be true or false");
                    }
                }
                default -> {
                    if (cell == null) {
                        body.putNull(column);
                    } else {
                        body.put(column, cell);
                    }
                }
            }
        });
        return body;
    }

    private static Outcome tally(List<Row> rows, List<StaffBulk.Outcome> outcomes) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        List<RowError> errors = new ArrayList<>();
        for (StaffBulk.Outcome outcome : outcomes) {
            switch (outcome.kind()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case FAILED -> {
                    failed++;
                    errors.addAll(errors(rows.get(outcome.index()).line(), Objects.requireNonNull(outcome.problem())));
                }
            }
        }
        errors.sort(java.util.Comparator.comparingLong(RowError::line));
        return new Outcome(created, updated, unchanged, failed, errors);
    }

    /** A row's problem as the file's terms: one error per field, named by its column. */
    private static List<RowError> errors(long line, ApiException problem) {
        List<FieldViolation> fields = problem.errors();
        if (fields.isEmpty()) {
            return List.of(new RowError(line, null, problem.getBody().getDetail()));
        }
        return fields.stream()
                .map(field -> new RowError(line, StaffCsv.column(field.field()), field.message()))
                .toList();
    }
}
