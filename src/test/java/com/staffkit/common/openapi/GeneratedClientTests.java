package com.staffkit.common.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.staffkit.client.ApiClient;
import com.staffkit.client.ApiException;
import com.staffkit.client.api.ApiKeysApi;
import com.staffkit.client.api.AuthenticationApi;
import com.staffkit.client.api.MeApi;
import com.staffkit.client.api.RolesAndPermissionsApi;
import com.staffkit.client.api.StaffApi;
import com.staffkit.client.api.StoresApi;
import com.staffkit.client.api.TeamsApi;
import com.staffkit.client.model.ApiKey;
import com.staffkit.client.model.CreateApiKeyRequest;
import com.staffkit.client.model.LoginRequest;
import com.staffkit.client.model.LoginResponse;
import com.staffkit.client.model.RefreshRequest;
import com.staffkit.client.model.Role;
import com.staffkit.client.model.RoleRequest;
import com.staffkit.client.model.Staff;
import com.staffkit.client.model.StaffCreate;
import com.staffkit.client.model.StaffImport;
import com.staffkit.client.model.StaffPatch;
import com.staffkit.client.model.Store;
import com.staffkit.client.model.StoreRequest;
import com.staffkit.client.model.Team;
import com.staffkit.client.model.TeamRequest;
import com.staffkit.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service called through a client generated from {@code docs/openapi.json} by OpenAPI
 * Generator (Java, native HTTP client), as an integration partner would: every call goes through
 * the generated methods and models, so an untyped response or a wrong status in the document fails
 * here.
 */
class GeneratedClientTests extends IntegrationTest {

    private LoginResponse session;
    private ApiClient client;

    @BeforeEach
    void logInThroughTheClient() throws ApiException {
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(api.baseUrl());
        AuthenticationApi authentication = new AuthenticationApi(anonymous);
        LoginResponse login =
                authentication.login(new LoginRequest().username(ADMIN_EMAIL).password(ADMIN_PASSWORD));
        assertThat(login.getTokenType()).isEqualTo("Bearer");
        session = authentication.refreshTokens(new RefreshRequest().refreshToken(login.getRefreshToken()));
        assertThat(session.getAccessToken()).isNotBlank().isNotEqualTo(login.getAccessToken());
        client = authorized("Authorization", "Bearer " + session.getAccessToken());
    }

    @Test
    void runsTheStaffStoreRoleTeamAndApiKeyFlows() throws ApiException {
        assertThat(new MeApi(client).getMe().getPermissions()).contains("staff:write");

        StaffApi staffApi = new StaffApi(client);
        String email = uniqueEmail("generated");
        StaffCreate staffCreate = new StaffCreate()
                .firstName("Gen")
                .lastName("Client")
                .email(email)
                .roles(List.of("member"))
                .generatePassword(true);
        String idempotencyKey = UUID.randomUUID().toString();
        Staff created = staffApi.createStaff(staffCreate, idempotencyKey);
        assertThat(created.getEmail()).isEqualTo(email);
        assertThat(created.getGeneratedPassword()).isNotBlank();
        // A retry with the same Idempotency-Key gets the same member (and password), not a 409.
        Staff retried = staffApi.createStaff(staffCreate, idempotencyKey);
        assertThat(retried.getId()).isEqualTo(created.getId());
        assertThat(retried.getGeneratedPassword()).isEqualTo(created.getGeneratedPassword());
        assertThat(created.getCurrentStore()).isNull();
        Staff patched = staffApi.updateStaff(created.getId(), new StaffPatch().jobTitle("Shift lead"), null);
        assertThat(patched.getJobTitle()).isEqualTo("Shift lead");
        assertThat(patched.getFirstName()).isEqualTo("Gen");
        assertThat(staffApi.listStaff(
                                null, null, email, null, null, null, null, null, null, null, null, null, null, null,
                                null, null)
                        .getResults())
                .extracting(Staff::getId)
                .containsExactly(created.getId());

        Store store = new StoresApi(client).createStore(new StoreRequest().name("Generated store " + unique()), null);
        staffApi.assignStore(created.getId(), store.getId());
        assertThat(staffApi.getStaff(created.getId(), null).getRetailStores())
                .extracting(summary -> summary.getId())
                .containsExactly(store.getId());

        Role role = new RolesAndPermissionsApi(client)
                .createRole(new RoleRequest().name("Generated " + unique()).permissions(List.of("staff:read")), null);
        assertThat(role.getPermissions()).containsExactly("staff:read");

        TeamsApi teams = new TeamsApi(client);
        Team team = teams.createTeam(new TeamRequest().name("Generated team " + unique()), null);
        teams.addTeamMember(team.getId(), created.getId());
        assertThat(teams.listTeamMembers(team.getId(), null, null, null).getResults())
                .extracting(Staff::getId)
                .containsExactly(created.getId());

        ApiKey key = new ApiKeysApi(client)
                .createApiKey(
                        new CreateApiKeyRequest().name("Generated " + unique()).roles(List.of("member")), null);
        assertThat(key.getKey()).isNotBlank();
        StaffApi asPartner = new StaffApi(authorized("X-Api-Key", key.getKey()));
        assertThat(asPartner.getStaff(created.getId(), null).getEmail()).isEqualTo(email);
        StaffApi withToken = new StaffApi(authorized("Authorization", "Token " + key.getKey()));
        assertThat(withToken.getStaff(created.getId(), null).getId()).isEqualTo(created.getId());
    }

    @Test
    void importsACsvAndFollowsItsProgress() throws ApiException {
        StaffApi staffApi = new StaffApi(client);
        String email = uniqueEmail("generated-import");
        StaffImport queued =
                staffApi.importStaff("first_name,last_name,email\nGen,Imported," + email + "\n", "create", false, null);
        assertThat(queued.getRowsTotal()).isEqualTo(1);

        StaffImport done = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> staffApi.getStaffImport(queued.getId(), null, null),
                        found -> found.getStatus() == StaffImport.StatusEnum.SUCCEEDED);
        assertThat(done.getCreated()).isEqualTo(1);
        assertThat(done.getErrors().getResults()).isEmpty();
    }

    @Test
    void errorsComeBackAsProblemsTheClientCanRead() throws ApiException {
        assertThatThrownBy(() -> new StaffApi(client).getStaff(Long.MAX_VALUE, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(404);
                    assertThat(e.getResponseHeaders().firstValue("Content-Type"))
                            .hasValue("application/problem+json");
                    assertThat(e.getResponseBody()).contains("\"status\":404");
                });
        new AuthenticationApi(client).logout(new RefreshRequest().refreshToken(session.getRefreshToken()));
        assertThatThrownBy(() -> new MeApi(client).getMe())
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }

    private ApiClient authorized(String header, String value) {
        ApiClient authorized = new ApiClient();
        authorized.updateBaseUri(api.baseUrl());
        authorized.setRequestInterceptor(request -> request.header(header, value));
        return authorized;
    }
}
