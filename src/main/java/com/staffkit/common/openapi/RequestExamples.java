package com.staffkit.common.openapi;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The request body Swagger UI fills in for each operation, written to be sent as shown by a signed-in
 * admin: no placeholder ids such as {@code "organization": 0}, no random strings generated from a
 * pattern. Fields that only the caller can know (a token from an email, a password) say so.
 */
final class RequestExamples implements OpenApiCustomizer {

    private static final String STORE = """
            {"name": "Shop 2", "email": "shop2@example.com", "phone_number": "+32043843443", "remote_id": "shop2",
             "address": {"line": "Moda Caddesi 1", "postcode": "34710", "city": "Istanbul", "township": "Kadıköy",
                         "country": "TR"}}""";
    private static final String ROLE = """
            {"name": "Patient Presenter", "description": "Presents patients to providers",
             "permissions": ["staff:read", "teams:read"]}""";
    private static final String TEAM = """
            {"name": "Prescription Management Team", "description": "Handles refills and change requests",
             "responsibilities": ["PROCESS_REFILL_REQUESTS", "REVIEW_PRESCRIPTIONS"]}""";

    private static final String WEBHOOK = """
            {"url": "https://payroll.example.com/hooks/staffkit", "event_types": ["staff.*", "team.member_added"],
             "description": "Payroll sync", "is_active": true}""";

    static final Map<String, String> BY_OPERATION = Map.ofEntries(
            Map.entry("login", """
                    {"username": "admin@localhost", "password": "your password"}"""),
            Map.entry("refreshTokens", """
                    {"refresh_token": "the refresh_token of your login"}"""),
            Map.entry("logout", """
                    {"refresh_token": "the refresh_token of your login"}"""),
            Map.entry("activateAccount", """
                    {"token": "the token of the link in the activation email", "password": "correct horse battery"}"""),
            Map.entry("requestPasswordReset", """
                    {"email": "john.doe@example.com"}"""),
            Map.entry("confirmPasswordReset", """
                    {"token": "the token of the link in the reset email", "password": "correct horse battery"}"""),
            Map.entry("changeMyPassword", """
                    {"current_password": "your password", "new_password": "correct horse battery"}"""),
            Map.entry("selectCurrentStore", """
                    {"store": 1}"""),
            Map.entry("createStaff", """
                    {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com", "username": "jdoe",
                     "roles": ["manager"], "job_title": "Store manager", "time_zone": "Europe/Istanbul",
                     "remote_id": "3333", "attributes": {"badge": "A-17"}, "tags": ["night-shift"],
                     "generate_password": true}"""),
            Map.entry("replaceStaff", """
                    {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com", "username": "jdoe",
                     "roles": ["manager"], "job_title": "Shift lead", "time_zone": "Europe/Istanbul",
                     "remote_id": "3333", "is_active": true}"""),
            Map.entry("createStaffInBulk", """
                    {"items": [
                      {"first_name": "John", "last_name": "Doe", "email": "john.doe@example.com", "remote_id": "3333",
                       "roles": ["manager"], "job_title": "Store manager"},
                      {"first_name": "Jane", "last_name": "Roe", "email": "jane.roe@example.com", "remote_id": "3334",
                       "job_title": "Cashier"}]}"""),
            Map.entry("updateStaffInBulk", """
                    {"items": [
                      {"id": 1, "job_title": "Shift lead"},
                      {"id": 2, "phone": null}]}"""),
            Map.entry("updateStaff", """
                    {"job_title": "Shift lead", "phone": null}"""),
            Map.entry("createStore", STORE),
            Map.entry("replaceStore", STORE),
            Map.entry("updateStore", """
                    {"phone_number": "+32043843444"}"""),
            Map.entry("createRole", ROLE),
            Map.entry("replaceRole", ROLE),
            Map.entry("updateRole", """
                    {"description": "Presents patients to their providers"}"""),
            Map.entry("createTeam", TEAM),
            Map.entry("replaceTeam", TEAM),
            Map.entry("updateTeam", """
                    {"description": "Refills, change requests and renewals"}"""),
            Map.entry("addTeamMembers", """
                    {"staff_ids": [68, 69]}"""),
            Map.entry("createOrganization", """
                    {"name": "Acme Franchise Kadıköy", "slug": "acme-kadikoy"}"""),
            Map.entry("updateOrganization", """
                    {"name": "Acme Franchise Moda"}"""),
            Map.entry("createApiKey", """
                    {"name": "POS integration", "roles": ["member"]}"""),
            Map.entry("createWebhook", WEBHOOK),
            Map.entry("replaceWebhook", WEBHOOK),
            Map.entry("updateWebhook", """
                    {"event_types": ["staff.*"]}"""));

    private static Object parse(String example) {
        try {
            return Json.mapper().readTree(example);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Invalid request example: " + example, e);
        }
    }

    @Override
    public void customise(OpenAPI api) {
        api.getPaths()
                .values()
                .forEach(item -> item.readOperations().forEach(operation -> {
                    String example = BY_OPERATION.get(operation.getOperationId());
                    if (example != null && operation.getRequestBody() != null) {
                        operation.getRequestBody().getContent().values().forEach(media -> {
                            media.setExamples(null);
                            media.setExample(parse(example));
                        });
                    }
                }));
    }
}
