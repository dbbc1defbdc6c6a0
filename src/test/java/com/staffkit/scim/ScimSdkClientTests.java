package com.staffkit.scim;

import static com.staffkit.support.Json.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import com.staffkit.support.IntegrationTest;
import com.unboundid.scim2.client.ScimService;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchOperation;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.Email;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Manager;
import com.unboundid.scim2.common.types.Name;
import com.unboundid.scim2.common.types.PhoneNumber;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.UserResource;
import com.unboundid.scim2.common.utils.JsonUtils;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Provisioning through a real SCIM client library, the UnboundID SCIM 2 SDK over Jersey, as a
 * product built on it would: its typed resources, its filters and patch requests go over the wire,
 * and the staff API and the database show what the service made of them.
 */
class ScimSdkClientTests extends IntegrationTest {

    private Member admin;
    private JsonNode apiKey;
    private Client client;
    private ScimService scim;

    @BeforeEach
    void aScimClient() {
        long organization = newOrganization("Scim Sdk " + unique());
        admin = member(organization, "admin");
        apiKey = api.post("/api/v1/api-keys")
                .token(admin.token())
                .json(Map.of("name", "SDK client " + unique(), "roles", List.of("admin")))
                .send()
                .json(201);
        String bearer = "Bearer " + apiKey.get("key").asString();
        client = JerseyClientBuilder.createClient()
                .register(new JacksonJsonProvider(JsonUtils.createObjectMapper()))
                .register(
                        (ClientRequestFilter)
                                request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, bearer),
                        1)
                .register(new PatchOverJavaNetHttp(), 2);
        scim = new ScimService(client.target("http://localhost:" + port + "/scim/v2"));
    }

    @AfterEach
    void close() {
        client.close();
    }

    /**
     * Jersey's default connector (HttpURLConnection) cannot send PATCH on this JDK, and its
     * reflection workaround is closed off: a PATCH goes through java.net.http instead, with the
     * same headers and the SDK's own JSON.
     */
    private static final class PatchOverJavaNetHttp implements ClientRequestFilter {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        @Override
        public void filter(ClientRequestContext request) throws IOException {
            if (!request.getMethod().equals("PATCH")) {
                return;
            }
            String body = JsonUtils.createObjectMapper().writeValueAsString(request.getEntity());
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUri())
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "application/scim+json");
            request.getStringHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(value -> builder.header(name, value));
                }
            });
            try {
                HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                Response.ResponseBuilder aborted = Response.status(response.statusCode());
                response.headers().map().forEach((name, values) -> {
                    if (!Set.of("content-length", "content-type", "transfer-encoding")
                            .contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(value -> aborted.header(name, value));
                    }
                });
                request.abortWith(aborted.entity(response.body())
                        .type(response.headers().firstValue("content-type").orElse("application/scim+json"))
                        .build());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException(ex);
            }
        }
    }

    private UserResource newUser(String userName, String email) {
        UserResource user = new UserResource()
                .setUserName(userName)
                .setName(new Name().setGivenName("Margaret").setFamilyName("Hamilton"))
                .setDisplayName("Margaret H.")
                .setTitle("Director")
                .setTimezone("America/New_York")
                .setActive(true)
                .setEmails(new Email().setValue(email).setType("work").setPrimary(true))
                .setPhoneNumbers(new PhoneNumber().setValue("+1 617 555 0100").setType("work"));
        user.setExternalId("sdk-" + unique());
        user.setExtension(new EnterpriseUserExtension()
                .setEmployeeNumber("MH-1969")
                .setDepartment("Software Engineering")
                .setCostCenter("APOLLO")
                .setOrganization("MIT")
                .setDivision("Instrumentation Lab")
                .setManager(new Manager().setValue("charles-draper")));
        return user;
    }

    private JsonNode rest(String id) {
        return api.get("/api/v1/staffs/" + id).token(admin.token()).send().json(200);
    }

    @Test
    void theServiceProviderConfigReadsAsTheSdksType() throws ScimException {
        ServiceProviderConfigResource config = scim.getServiceProviderConfig();

        assertThat(config.getPatch().isSupported()).isTrue();
        assertThat(config.getFilter().isSupported()).isTrue();
        assertThat(config.getFilter().getMaxResults()).isEqualTo(200);
        assertThat(config.getEtag().isSupported()).isTrue();
        assertThat(config.getSort().isSupported()).isFalse();
        assertThat(config.getChangePassword().isSupported()).isFalse();
        assertThat(config.getAuthenticationSchemes()).isNotEmpty();
    }

    @Test
    void createRetrieveSearchReplaceModifyAndDelete() throws ScimException {
        String userName = uniqueEmail("margaret");

        UserResource created = scim.create("Users", newUser(userName, userName));

        String id = created.getId();
        assertThat(id).isNotBlank();
        assertThat(created.getUserName()).isEqualTo(userName);
        assertThat(created.getName().getGivenName()).isEqualTo("Margaret");
        assertThat(created.getEmails()).singleElement().satisfies(email -> {
            assertThat(email.getValue()).isEqualTo(userName);
            assertThat(email.getType()).isEqualTo("work");
        });
        EnterpriseUserExtension enterprise = created.getExtension(EnterpriseUserExtension.class);
        assertThat(enterprise.getEmployeeNumber()).isEqualTo("MH-1969");
        assertThat(enterprise.getDepartment()).isEqualTo("Software Engineering");
        assertThat(enterprise.getManager().getValue()).isEqualTo("charles-draper");
        assertThat(created.getMeta().getResourceType()).isEqualTo("User");
        assertThat(created.getMeta().getLocation().toString()).endsWith("/scim/v2/Users/" + id);
        assertThat(created.getMeta().getVersion()).isNotBlank();
        JsonNode staff = rest(id);
        assertThat(staff.get("username").asString()).isEqualTo(userName);
        assertThat(staff.get("first_name").asString()).isEqualTo("Margaret");
        assertThat(staff.get("job_title").asString()).isEqualTo("Director");
        assertThat(staff.get("phone").asString()).isEqualTo("+1 617 555 0100");
        assertThat(staff.get("remote_id").asString()).isEqualTo(created.getExternalId());
        assertThat(strings(staff.get("roles"))).containsExactly("member");

        UserResource retrieved = scim.retrieve("Users", id, UserResource.class);
        assertThat(retrieved.getDisplayName()).isEqualTo("Margaret H.");
        assertThat(retrieved.getExtension(EnterpriseUserExtension.class).getDivision())
                .isEqualTo("Instrumentation Lab");

        ListResponse<UserResource> found = scim.searchRequest("Users")
                .filter(Filter.eq("userName", userName))
                .page(1, 10)
                .invoke(UserResource.class);
        assertThat(found.getTotalResults()).isEqualTo(1);
        assertThat(found.getResources()).extracting(UserResource::getId).containsExactly(id);
        ListResponse<UserResource> byValuePath = scim.searchRequest("Users")
                .filter(Filter.and(
                        Filter.hasComplexValue("emails", Filter.eq("type", "work")),
                        Filter.eq("emails.value", userName)))
                .invoke(UserResource.class);
        assertThat(byValuePath.getResources()).extracting(UserResource::getId).containsExactly(id);
        ListResponse<UserResource> none =
                scim.search("Users", Filter.eq("userName", "nobody-" + unique()).toString(), UserResource.class);
        assertThat(none.getTotalResults()).isZero();

        retrieved.setTitle("Lead");
        retrieved.setName(new Name().setGivenName("Maggie").setFamilyName("Hamilton"));
        retrieved.setExtension(
                retrieved.getExtension(EnterpriseUserExtension.class).setDepartment("Flight Software"));
        UserResource replaced = scim.replace(retrieved);
        assertThat(replaced.getTitle()).isEqualTo("Lead");
        assertThat(replaced.getMeta().getVersion())
                .isNotEqualTo(retrieved.getMeta().getVersion());
        assertThat(rest(id).get("first_name").asString()).isEqualTo("Maggie");
        assertThat(jdbc.sql("select department from staff where id = :id")
                        .param("id", Long.parseLong(id))
                        .query(String.class)
                        .single())
                .isEqualTo("Flight Software");

        UserResource modified = scim.modify(
                "Users",
                id,
                new PatchRequest(
                        PatchOperation.replace("title", "Associate Administrator"),
                        PatchOperation.replace("active", false),
                        PatchOperation.replace(
                                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter", "NASA")),
                UserResource.class);
        assertThat(modified.getTitle()).isEqualTo("Associate Administrator");
        assertThat(modified.getActive()).isFalse();
        assertThat(modified.getExtension(EnterpriseUserExtension.class).getCostCenter())
                .isEqualTo("NASA");
        JsonNode afterPatch = rest(id);
        assertThat(afterPatch.get("job_title").asString()).isEqualTo("Associate Administrator");
        assertThat(afterPatch.get("is_active").asBoolean()).isFalse();
        UserResource viaBuilder = scim.modifyRequest("Users", id)
                .replaceValue("displayName", "M. Hamilton")
                .removeValues("timezone")
                .invoke(UserResource.class);
        assertThat(viaBuilder.getDisplayName()).isEqualTo("M. Hamilton");
        assertThat(rest(id).get("time_zone").isNull()).isTrue();

        scim.delete("Users", id);

        ResourceNotFoundException gone = catchThrowableOfType(
                ResourceNotFoundException.class, () -> scim.retrieve("Users", id, UserResource.class));
        assertThat(gone.getScimError().getStatus()).isEqualTo(404);
        assertThat(scim.searchRequest("Users")
                        .filter(Filter.eq("userName", userName))
                        .invoke(UserResource.class)
                        .getTotalResults())
                .isZero();
        JsonNode deactivated = rest(id);
        assertThat(deactivated.get("is_active").asBoolean()).isFalse();
        assertThat(deactivated.get("username").asString()).isEqualTo(userName);
    }

    @Test
    void aTakenUserNameIsAUniquenessErrorToTheSdk() throws ScimException {
        String userName = uniqueEmail("twice");
        scim.create("Users", newUser(userName, userName));

        ScimException conflict = catchThrowableOfType(
                ScimException.class, () -> scim.create("Users", newUser(userName, uniqueEmail("other"))));

        assertThat(conflict.getScimError().getStatus()).isEqualTo(409);
        assertThat(conflict.getScimError().getScimType()).isEqualTo("uniqueness");
    }

    @Test
    void aStaleVersionIsAPreconditionFailureToTheSdk() throws ScimException {
        String userName = uniqueEmail("stale");
        UserResource created = scim.create("Users", newUser(userName, userName));
        scim.modify(
                "Users",
                created.getId(),
                new PatchRequest(PatchOperation.replace("title", "Newer")),
                UserResource.class);

        ScimException stale = catchThrowableOfType(
                ScimException.class,
                () -> scim.deleteRequest("Users", created.getId())
                        .ifMatch(created.getMeta().getVersion())
                        .invoke());

        assertThat(stale.getScimError().getStatus()).isEqualTo(412);
        assertThat(rest(created.getId()).get("is_active").asBoolean()).isTrue();
    }

    @Test
    void anInvalidFilterIsAnInvalidFilterErrorToTheSdk() {
        ScimException invalid = catchThrowableOfType(
                ScimException.class,
                () -> scim.searchRequest("Users")
                        .filter(Filter.eq("nickName", "x"))
                        .invoke(UserResource.class));

        assertThat(invalid.getScimError().getStatus()).isEqualTo(400);
        assertThat(invalid.getScimError().getScimType()).isEqualTo("invalidFilter");
    }

    @Test
    void groupsAreCreatedFilledAndEmptiedThroughTheSdk() throws ScimException {
        UserResource ada = scim.create("Users", newUser(uniqueEmail("ada"), uniqueEmail("ada-mail")));
        UserResource alan = scim.create("Users", newUser(uniqueEmail("alan"), uniqueEmail("alan-mail")));
        GroupResource group = new GroupResource()
                .setDisplayName("Engines " + unique())
                .setMembers(List.of(new com.unboundid.scim2.common.types.Member().setValue(ada.getId())));
        group.setExternalId("sdk-" + unique());

        GroupResource created = scim.create("Groups", group);
        assertThat(created.getMembers())
                .extracting(com.unboundid.scim2.common.types.Member::getValue)
                .containsExactly(ada.getId());
        String id = created.getId();

        scim.modifyRequest("Groups", id)
                .addOperation(PatchOperation.add(
                        "members",
                        JsonUtils.valueToNode(
                                List.of(new com.unboundid.scim2.common.types.Member().setValue(alan.getId())))))
                .invoke(GroupResource.class);
        assertThat(teamMembers(id))
                .containsExactlyInAnyOrder(Long.parseLong(ada.getId()), Long.parseLong(alan.getId()));

        scim.modifyRequest("Groups", id)
                .addOperation(PatchOperation.remove("members[value eq \"" + ada.getId() + "\"]"))
                .invoke(GroupResource.class);
        assertThat(teamMembers(id)).containsExactly(Long.parseLong(alan.getId()));

        ListResponse<GroupResource> found = scim.searchRequest("Groups")
                .filter(Filter.eq("externalId", group.getExternalId()))
                .excludedAttributes("members")
                .invoke(GroupResource.class);
        assertThat(found.getResources()).singleElement().satisfies(listed -> {
            assertThat(listed.getId()).isEqualTo(id);
            assertThat(listed.getMembers()).isNull();
        });

        scim.delete("Groups", id);
        assertThat(catchThrowableOfType(
                        ResourceNotFoundException.class, () -> scim.retrieve("Groups", id, GroupResource.class)))
                .isNotNull();
        assertThat(api.get("/api/teams/" + id).token(admin.token()).send().status())
                .isEqualTo(404);
    }

    private List<Long> teamMembers(String teamId) {
        return jdbc.sql("select staff_id from team_members where team_id = :id")
                .param("id", Long.parseLong(teamId))
                .query(Long.class)
                .list();
    }
}
