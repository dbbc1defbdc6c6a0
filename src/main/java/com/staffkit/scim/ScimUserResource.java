package com.staffkit.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.staffkit.common.persistence.Criterion;
import com.staffkit.staff.DirectoryProfile;
import com.staffkit.staff.ProvisionedProfile;
import com.staffkit.staff.ProvisionedStaff;
import com.staffkit.staff.StaffAttribute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A staff member as a SCIM User (RFC 7643 §4.1, with the enterprise extension §4.3): {@code id} is
 * the staff id, {@code externalId} its remote_id, {@code userName} its username, one {@code work}
 * email, a {@code work} and a {@code mobile} phone number, {@code title} its job title, and
 * {@code groups} (read-only) its teams. What Users can be filtered on is {@link #FILTERS}.
 */
final class ScimUserResource {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static final List<String> EXTENSIONS = List.of(ScimSchemas.ENTERPRISE_USER);

    static final ScimFilters FILTERS = new ScimFilters(
            Map.ofEntries(
                    Map.entry("id", single(StaffAttribute.ID)),
                    Map.entry("externalid", single(StaffAttribute.REMOTE_ID)),
                    Map.entry("username", single(StaffAttribute.USERNAME)),
                    Map.entry("displayname", single(StaffAttribute.DISPLAY_NAME)),
                    Map.entry("name.givenname", single(StaffAttribute.FIRST_NAME)),
                    Map.entry("name.familyname", single(StaffAttribute.LAST_NAME)),
                    Map.entry("title", single(StaffAttribute.JOB_TITLE)),
                    Map.entry("timezone", single(StaffAttribute.TIME_ZONE)),
                    Map.entry("active", single(StaffAttribute.ACTIVE)),
                    Map.entry("meta.created", single(StaffAttribute.CREATED_AT)),
                    Map.entry("meta.lastmodified", single(StaffAttribute.MODIFIED_AT)),
                    Map.entry("employeenumber", single(StaffAttribute.EMPLOYEE_NUMBER)),
                    Map.entry("costcenter", single(StaffAttribute.COST_CENTER)),
                    Map.entry("organization", single(StaffAttribute.ENTERPRISE_ORGANIZATION)),
                    Map.entry("division", single(StaffAttribute.DIVISION)),
                    Map.entry("department", single(StaffAttribute.DEPARTMENT)),
                    Map.entry("manager.value", single(StaffAttribute.MANAGER_ID)),
                    Map.entry(
                            "emails",
                            new ScimFilters.Multi(List.of(
                                    Map.of("value", StaffAttribute.EMAIL, "type", "work", "primary", Boolean.TRUE)))),
                    Map.entry(
                            "phonenumbers",
                            new ScimFilters.Multi(List.of(
                                    Map.of("value", StaffAttribute.PHONE, "type", "work", "primary", Boolean.TRUE),
                                    Map.of(
                                            "value",
                                            StaffAttribute.MOBILE_PHONE,
                                            "type",
                                            "mobile",
                                            "primary",
                                            Boolean.FALSE))))),
            List.of(ScimSchemas.USER, ScimSchemas.ENTERPRISE_USER));

    /** Multi-valued attributes, where a PATCH add appends. */
    static final ScimPatch PATCH = new ScimPatch(
            Set.of(
                    "emails",
                    "phonenumbers",
                    "ims",
                    "photos",
                    "addresses",
                    "groups",
                    "entitlements",
                    "roles",
                    "x509certificates"),
            Set.of("id", "meta", "groups"),
            EXTENSIONS);

    private ScimUserResource() {}

    private static ScimFilters.Single single(Criterion.Attribute attribute) {
        return new ScimFilters.Single(attribute);
    }

    static ObjectNode json(ProvisionedStaff staff) {
        ObjectNode user = NODES.objectNode();
        DirectoryProfile directory = staff.directory();
        boolean enterprise = directory.employeeNumber() != null
                || directory.costCenter() != null
                || directory.organization() != null
                || directory.division() != null
                || directory.department() != null
                || directory.managerId() != null;
        ArrayNode schemas = user.putArray("schemas").add(ScimSchemas.USER);
        if (enterprise) {
            schemas.add(ScimSchemas.ENTERPRISE_USER);
        }
        user.put("id", Long.toString(staff.id()));
        putIfPresent(user, "externalId", staff.remoteId());
        user.put("userName", userName(staff));
        String formatted = staff.firstName() + " " + staff.lastName();
        user.putObject("name")
                .put("formatted", formatted)
                .put("familyName", staff.lastName())
                .put("givenName", staff.firstName());
        user.put("displayName", directory.displayName() != null ? directory.displayName() : formatted);
        putIfPresent(user, "title", staff.jobTitle());
        putIfPresent(user, "timezone", staff.timeZone());
        user.put("active", staff.active());
        if (staff.email() != null) {
            user.putArray("emails")
                    .addObject()
                    .put("value", staff.email())
                    .put("type", "work")
                    .put("primary", true);
        }
        if (staff.phone() != null || staff.mobilePhone() != null) {
            ArrayNode phones = user.putArray("phoneNumbers");
            if (staff.phone() != null) {
                phones.addObject()
                        .put("value", staff.phone())
                        .put("type", "work")
                        .put("primary", true);
            }
            if (staff.mobilePhone() != null) {
                phones.addObject()
                        .put("value", staff.mobilePhone())
                        .put("type", "mobile")
                        .put("primary", staff.phone() == null);
            }
        }
        if (!staff.teams().isEmpty()) {
            ArrayNode groups = user.putArray("groups");
            for (ProvisionedStaff.TeamRef team : staff.teams()) {
                groups.addObject()
                        .put("value", Long.toString(team.id()))
                        .put("$ref", ScimDiscovery.location("/Groups/" + team.id()))
                        .put("display", team.name())
                        .put("type", "direct");
            }
        }
        if (enterprise) {
            ObjectNode extension = user.putObject(ScimSchemas.ENTERPRISE_USER);
            putIfPresent(extension, "employeeNumber", directory.employeeNumber());
            putIfPresent(extension, "costCenter", directory.costCenter());
            putIfPresent(extension, "organization", directory.organization());
            putIfPresent(extension, "division", directory.division());
            putIfPresent(extension, "department", directory.department());
            if (directory.managerId() != null) {
                extension.putObject("manager").put("value", directory.managerId());
            }
        }
        user.putObject("meta")
                .put("resourceType", "User")
                .put("created", staff.createdAt().toString())
                .put("lastModified", staff.modifiedAt().toString())
                .put("location", ScimDiscovery.location("/Users/" + staff.id()))
                .put("version", ScimVersions.etag(staff.version()));
        return user;
    }

    /** A staff member made through the REST API may have no username: its email stands in, else its id. */
    private static String userName(ProvisionedStaff staff) {
        if (staff.username() != null) {
            return staff.username();
        }
        return staff.email() != null ? staff.email() : Long.toString(staff.id());
    }

    /**
     * The profile a User body describes, whole: what it leaves out is cleared. Read-only attributes
     * ({@code id}, {@code groups}, {@code meta}) are ignored, as RFC 7644 §3.5.1 allows. A staff
     * member needs a first and a last name: without {@code name}, they come from {@code displayName}
     * (its first word and the rest), else from the {@code userName}.
     */
    static ProvisionedProfile profile(ObjectNode user) {
        String userName = ScimNodes.text(user, "userName");
        if (userName == null || userName.isBlank()) {
            throw ScimException.invalidValue("userName is required.");
        }
        JsonNode name = ScimNodes.field(user, "name");
        String displayName = ScimNodes.text(user, "displayName");
        String givenName = ScimNodes.text(name, "givenName");
        String familyName = ScimNodes.text(name, "familyName");
        String[] fallback = fallbackNames(displayName, userName);
        JsonNode enterprise = ScimNodes.field(user, ScimSchemas.ENTERPRISE_USER);
        JsonNode manager = ScimNodes.field(enterprise, "manager");
        String managerId = manager != null && manager.isValueNode() && !manager.isNull()
                ? blankToNull(manager.asText())
                : ScimNodes.text(manager, "value");
        return new ProvisionedProfile(
                userName.trim(),
                email(ScimNodes.field(user, "emails")),
                isBlank(givenName) ? fallback[0] : givenName,
                isBlank(familyName) ? fallback[1] : familyName,
                ScimNodes.text(user, "title"),
                phone(ScimNodes.field(user, "phoneNumbers"), "work"),
                phone(ScimNodes.field(user, "phoneNumbers"), "mobile"),
                ScimNodes.text(user, "timezone"),
                ScimNodes.text(user, "externalId"),
                new DirectoryProfile(
                        displayName,
                        ScimNodes.text(enterprise, "employeeNumber"),
                        ScimNodes.text(enterprise, "costCenter"),
                        ScimNodes.text(enterprise, "organization"),
                        ScimNodes.text(enterprise, "division"),
                        ScimNodes.text(enterprise, "department"),
                        managerId),
                ScimNodes.bool(user, "active"),
                ScimNodes.text(user, "password"));
    }

    private static String[] fallbackNames(@Nullable String displayName, String userName) {
        String source = !isBlank(displayName) ? displayName.trim() : userName.split("@", 2)[0];
        String[] words = source.split("\\s+", 2);
        return new String[] {words[0], words.length > 1 ? words[1] : words[0]};
    }

    /** The primary email, else the work one, else the first. */
    private static @Nullable String email(@Nullable JsonNode emails) {
        List<JsonNode> values = values(emails);
        JsonNode chosen = values.stream()
                .filter(value -> Boolean.TRUE.equals(ScimNodes.bool(value, "primary")))
                .findFirst()
                .or(() -> ofType(values, "work"))
                .orElse(values.isEmpty() ? null : values.getFirst());
        return chosen == null ? null : ScimNodes.text(chosen, "value");
    }

    /**
     * The phone number of a type: {@code mobile} only the mobile one; {@code work} the work one,
     * else the primary or first one that is not the mobile one.
     */
    private static @Nullable String phone(@Nullable JsonNode phones, String type) {
        List<JsonNode> values = values(phones);
        java.util.Optional<JsonNode> chosen = ofType(values, type);
        if (chosen.isEmpty() && type.equals("work")) {
            List<JsonNode> others = values.stream()
                    .filter(value -> !"mobile".equalsIgnoreCase(ScimNodes.text(value, "type")))
                    .toList();
            chosen = others.stream()
                    .filter(value -> Boolean.TRUE.equals(ScimNodes.bool(value, "primary")))
                    .findFirst()
                    .or(() -> others.stream().findFirst());
        }
        return chosen.map(value -> ScimNodes.text(value, "value")).orElse(null);
    }

    private static java.util.Optional<JsonNode> ofType(List<JsonNode> values, String type) {
        return values.stream()
                .filter(value -> type.equalsIgnoreCase(ScimNodes.text(value, "type")))
                .findFirst();
    }

    private static List<JsonNode> values(@Nullable JsonNode values) {
        if (values == null || values.isNull()) {
            return List.of();
        }
        if (!(values instanceof ArrayNode list)) {
            throw ScimException.invalidValue("emails and phoneNumbers are arrays of {value, type, primary}.");
        }
        List<JsonNode> result = new java.util.ArrayList<>();
        list.forEach(result::add);
        return result;
    }

    private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    static Criterion filter(@Nullable String filter) {
        return FILTERS.parse(filter);
    }
}
