package com.staffkit.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.staffkit.support.ApiResponse;
import com.staffkit.support.IntegrationTest;
import com.staffkit.support.TestMail;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The whole flow with a real SMTP server: create, receive the email, follow its token, activate, log in. */
class ActivationTests extends IntegrationTest {

    private static final Pattern LINK =
            Pattern.compile("https://app\\.staffkit\\.test/(activate|reset-password)\\?token=([A-Za-z0-9_-]{43})");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private record Mail(String subject, String text, String html, String token, String link) {}

    private static Mail read(MimeMessage message) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        String text = null;
        String html = null;
        for (BodyPart part : parts(multipart)) {
            if (part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        Matcher matcher = LINK.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return new Mail(message.getSubject(), text, html, matcher.group(2), matcher.group(0));
    }

    private static List<BodyPart> parts(Multipart multipart) throws Exception {
        List<BodyPart> parts = new java.util.ArrayList<>();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart nested) {
                parts.addAll(parts(nested));
            } else {
                parts.add(part);
            }
        }
        return parts;
    }

    private Mail awaitMail(String email, int count) throws Exception {
        List<MimeMessage> messages = TestMail.awaitMessagesTo(email, count, WAIT);
        assertThat(messages).as("emails to " + email).hasSize(count);
        return read(messages.get(count - 1));
    }

    private JsonNode pendingStaff(long organization, String email) {
        return createStaff(Map.of(
                "organization",
                organization,
                "first_name",
                "Fred",
                "last_name",
                "Smith",
                "email",
                email,
                "roles",
                List.of("member")));
    }

    @Nested
    class Activation {

        @Test
        void createEmailTokenActivateLogIn() throws Exception {
            long organization = newOrganization("Sunrise Care");
            String email = uniqueEmail("fred");
            JsonNode staff = pendingStaff(organization, email);
            assertThat(staff.get("has_activated").asBoolean()).isFalse();

            Mail mail = awaitMail(email, 1);
            assertThat(mail.subject()).contains("Sunrise Care");
            assertThat(mail.text())
                    .contains("Hello Fred")
                    .contains("Sunrise Care")
                    .contains(mail.token());
            assertThat(mail.html())
                    .contains("Sunrise Care")
                    .contains(mail.link().replace("&", "&amp;"))
                    .contains(mail.token());

            ApiResponse check = api.get("/api/v1/activation/" + mail.token()).send();
            assertThat(check.status()).isEqualTo(200);
            assertThat(check.json().get("first_name").asString()).isEqualTo("Fred");
            assertThat(check.json().get("email").asString())
                    .startsWith(email.substring(0, 1))
                    .contains("***")
                    .endsWith("@example.com");
            assertThat(check.body()).doesNotContain(email);

            ApiResponse pendingLogin = api.post("/api/v1/auth/login")
                    .json(Map.of("username", email, "password", PASSWORD))
                    .send();
            assertThat(pendingLogin.status()).isEqualTo(401);

            ApiResponse activated = api.post("/api/v1/activation")
                    .json(Map.of("token", mail.token(), "password", PASSWORD))
                    .send();
            assertThat(activated.status()).isEqualTo(200);
            assertThat(activated.json().get("token_type").asString()).isEqualTo("Bearer");
            String access = activated.json().get("access_token").asString();
            ApiResponse me = api.get("/api/v1/me").token(access).send();
            assertThat(me.json().get("has_activated").asBoolean()).isTrue();
            assertThat(login(email, PASSWORD)).isNotBlank();
        }

        @Test
        void tokensAreStoredOnlyAsHashesAndOutboxBodiesAreClearedOnceSent() throws Exception {
            String email = uniqueEmail("hash");
            pendingStaff(defaultOrganization(), email);
            Mail mail = awaitMail(email, 1);

            Long plain = jdbc.sql("select count(*) from account_tokens where encode(token_hash, 'escape') like :t")
                    .param("t", "%" + mail.token() + "%")
                    .query(Long.class)
                    .single();
            assertThat(plain).isZero();
            // The mail reaches the SMTP server before the sender commits the sent row: wait for the commit.
            Map<String, Object> outbox = await().atMost(WAIT)
                    .until(
                            () -> jdbc.sql(
                                            "select text_body, html_body, link, sent_at, attempts from email_outbox where recipient = :r")
                                    .param("r", email)
                                    .query()
                                    .singleRow(),
                            row -> row.get("sent_at") != null);
            assertThat(outbox.get("text_body")).isEqualTo("");
            assertThat(outbox.get("link")).isNull();
            assertThat(outbox.get("sent_at")).isNotNull();
        }

        @Test
        void reusingATokenIs410() throws Exception {
            String email = uniqueEmail("reuse");
            pendingStaff(defaultOrganization(), email);
            Mail mail = awaitMail(email, 1);
            assertThat(api.post("/api/v1/activation")
                            .json(Map.of("token", mail.token(), "password", PASSWORD))
                            .send()
                            .status())
                    .isEqualTo(200);

            ApiResponse again = api.post("/api/v1/activation")
                    .json(Map.of("token", mail.token(), "password", "another-password-1"))
                    .send();
            assertThat(again.status()).isEqualTo(410);
            assertThat(again.contentType()).startsWith("application/problem+json");
            assertThat(api.get("/api/v1/activation/" + mail.token()).send().status())
                    .isEqualTo(410);
            assertThat(login(email, PASSWORD)).isNotBlank();
        }

        @Test
        void expiredTokenIs410AndUnknownIs404() throws Exception {
            String email = uniqueEmail("expired");
            pendingStaff(defaultOrganization(), email);
            Mail mail = awaitMail(email, 1);
            jdbc.sql("update account_tokens a set expires_at = now() - interval '1 minute' from staff s"
                            + " where s.id = a.staff_id and s.email = :email")
                    .param("email", email)
                    .update();

            assertThat(api.get("/api/v1/activation/" + mail.token()).send().status())
                    .isEqualTo(410);
            assertThat(api.post("/api/v1/activation")
                            .json(Map.of("token", mail.token(), "password", PASSWORD))
                            .send()
                            .status())
                    .isEqualTo(410);
            ApiResponse unknown = api.get("/api/v1/activation/not-a-real-token").send();
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().get("detail").asString()).isNotBlank();
        }

        @Test
        void weakPasswordIs400AndKeepsTheTokenUsable() throws Exception {
            String email = uniqueEmail("weak");
            pendingStaff(defaultOrganization(), email);
            Mail mail = awaitMail(email, 1);

            ApiResponse weak = api.post("/api/v1/activation")
                    .json(Map.of("token", mail.token(), "password", "short"))
                    .send();
            assertThat(weak.status()).isEqualTo(400);
            assertThat(weak.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
            assertThat(api.get("/api/v1/activation/" + mail.token()).send().status())
                    .isEqualTo(200);
        }

        @Test
        void resendInvalidatesTheOldTokenAndSendsANewOne() throws Exception {
            String email = uniqueEmail("resend");
            long id = pendingStaff(defaultOrganization(), email).get("id").asLong();
            Mail first = awaitMail(email, 1);

            ApiResponse resend = api.post("/api/v1/staffs/" + id + "/activation")
                    .token(superadminToken())
                    .send();
            assertThat(resend.status()).isEqualTo(202);
            Mail second = awaitMail(email, 2);

            assertThat(second.token()).isNotEqualTo(first.token());
            assertThat(api.get("/api/v1/activation/" + first.token()).send().status())
                    .isEqualTo(410);
            assertThat(api.post("/api/v1/activation")
                            .json(Map.of("token", second.token(), "password", PASSWORD))
                            .send()
                            .status())
                    .isEqualTo(200);
            assertThat(api.post("/api/v1/staffs/" + id + "/activation")
                            .token(superadminToken())
                            .send()
                            .status())
                    .isEqualTo(409);
        }

        @Test
        void noActivationEmailWithAPasswordOrForAWorker() {
            String withPassword = uniqueEmail("haspw");
            createStaff(Map.of("first_name", "A", "last_name", "B", "email", withPassword, "password", PASSWORD));
            String worker = uniqueEmail("worker");
            createStaff(Map.of("first_name", "W", "last_name", "K", "email", worker, "roles", List.of("worker")));

            assertThat(TestMail.awaitMessagesTo(withPassword, 1, Duration.ofSeconds(1)))
                    .isEmpty();
            assertThat(TestMail.messagesTo(worker)).isEmpty();
        }

        @Test
        void resendNeedsStaffWriteAndRespectsTenancy() {
            String email = uniqueEmail("tenant");
            long id = pendingStaff(newOrganization("Other Co"), email).get("id").asLong();
            Member otherAdmin = member(newOrganization("Third Co"), "admin");
            assertThat(api.post("/api/v1/staffs/" + id + "/activation")
                            .token(otherAdmin.token())
                            .send()
                            .status())
                    .isEqualTo(404);
            assertThat(api.post("/api/v1/staffs/" + id + "/activation")
                            .token(member().token())
                            .send()
                            .status())
                    .isEqualTo(403);
        }
    }

    @Nested
    class PasswordReset {

        private ApiResponse requestReset(String email, String address) {
            return api.post("/api/v1/password-reset")
                    .header("X-Forwarded-For", address)
                    .json(Map.of("email", email))
                    .send();
        }

        private String address() {
            return "198.51.100." + (Math.abs(unique().hashCode()) % 250 + 1);
        }

        @Test
        void resetFlowSetsTheNewPasswordAndEndsSessions() throws Exception {
            Member member = member();
            ApiResponse response = requestReset(member.email(), address());
            assertThat(response.status()).isEqualTo(202);
            Mail mail = awaitMail(member.email(), 1);
            assertThat(mail.link()).contains("/reset-password?token=");

            String newPassword = "a-fresh-password-42";
            ApiResponse confirm = api.post("/api/v1/password-reset/confirm")
                    .header("X-Forwarded-For", address())
                    .json(Map.of("token", mail.token(), "password", newPassword))
                    .send();
            assertThat(confirm.status()).isEqualTo(204);
            assertThat(api.get("/api/v1/me").token(member.token()).send().status())
                    .isEqualTo(401);
            assertThat(api.post("/api/v1/auth/login")
                            .json(Map.of("username", member.email(), "password", PASSWORD))
                            .send()
                            .status())
                    .isEqualTo(401);
            assertThat(login(member.email(), newPassword)).isNotBlank();
            assertThat(api.post("/api/v1/password-reset/confirm")
                            .json(Map.of("token", mail.token(), "password", "yet-another-password"))
                            .send()
                            .status())
                    .isEqualTo(410);
        }

        @Test
        void unknownAndKnownEmailsLookTheSame() throws Exception {
            Member member = member();
            String unknown = uniqueEmail("nobody");
            // Warm both paths (templates compile on first use), then compare.
            requestReset(uniqueEmail("warm"), address());
            requestReset(member().email(), address());
            long knownTime = 0;
            long unknownTime = 0;
            ApiResponse known = null;
            ApiResponse missing = null;
            for (int i = 0; i < 4; i++) {
                long start = System.nanoTime();
                known = requestReset(member.email(), address());
                knownTime += System.nanoTime() - start;
                start = System.nanoTime();
                missing = requestReset(unknown, address());
                unknownTime += System.nanoTime() - start;
            }
            assertThat(known.status()).isEqualTo(missing.status()).isEqualTo(202);
            assertThat(known.body()).isEqualTo(missing.body());
            assertThat(Math.abs(knownTime - unknownTime) / 4)
                    .isLessThan(Duration.ofMillis(150).toNanos());
            assertThat(TestMail.awaitMessagesTo(member.email(), 4, WAIT)).hasSize(4);
            assertThat(TestMail.messagesTo(unknown)).isEmpty();
        }

        @Test
        void pendingAndInactiveAccountsGetNoResetEmail() {
            String pending = uniqueEmail("pending");
            pendingStaff(defaultOrganization(), pending);
            TestMail.awaitMessagesTo(pending, 1, WAIT);
            requestReset(pending, address());
            Member inactive = member();
            api.delete("/api/v1/staffs/" + inactive.id())
                    .token(superadminToken())
                    .send();
            requestReset(inactive.email(), address());

            assertThat(TestMail.awaitMessagesTo(pending, 2, Duration.ofSeconds(1)))
                    .hasSize(1);
            assertThat(TestMail.messagesTo(inactive.email())).isEmpty();
        }

        @Test
        void rateLimitedPerEmailAndPerAddress() {
            String email = uniqueEmail("limited");
            for (int i = 0; i < 5; i++) {
                assertThat(requestReset(email, address()).status()).isEqualTo(202);
            }
            ApiResponse limited = requestReset(email, address());
            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isNotBlank();

            String address = "203.0.113." + (Math.abs(unique().hashCode()) % 250 + 1);
            for (int i = 0; i < 30; i++) {
                assertThat(requestReset(uniqueEmail("addr"), address).status()).isEqualTo(202);
            }
            assertThat(requestReset(uniqueEmail("addr"), address).status()).isEqualTo(429);
            assertThat(jdbc.sql("select hits from rate_limits where key = :k")
                            .param("k", "password-reset:address:" + address)
                            .query(Integer.class)
                            .single())
                    .isEqualTo(31);
        }
    }

    @Nested
    class Outbox {

        @Test
        void moreEmailsThanOneClaimAreEachDeliveredOnce() throws Exception {
            List<String> emails = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                String email = uniqueEmail("batch" + i);
                emails.add(email);
                pendingStaff(defaultOrganization(), email);
            }
            for (String email : emails) {
                awaitMail(email, 1);
            }
            await().during(Duration.ofMillis(500))
                    .atMost(WAIT)
                    .until(() ->
                            emails.stream().allMatch(e -> TestMail.messagesTo(e).size() == 1));
            assertThat(jdbc.sql("select count(*) from email_outbox where recipient in (:r) and sent_at is not null")
                            .param("r", emails)
                            .query(Long.class)
                            .single())
                    .isEqualTo(25);
        }

        @Test
        void aFailedSendStaysQueuedAndIsDeliveredExactlyOnceLater() throws Exception {
            String email = uniqueEmail("outage");
            TestMail.stop();
            try {
                pendingStaff(defaultOrganization(), email);
                await().atMost(WAIT)
                        .until(
                                () -> jdbc.sql("select attempts from email_outbox where recipient = :r")
                                        .param("r", email)
                                        .query(Integer.class)
                                        .single(),
                                attempts -> attempts >= 2);
                Map<String, Object> row = jdbc.sql("select sent_at, last_error from email_outbox where recipient = :r")
                        .param("r", email)
                        .query()
                        .singleRow();
                assertThat(row.get("sent_at")).isNull();
                assertThat(row.get("last_error")).isNotNull();
            } finally {
                TestMail.start();
            }
            awaitMail(email, 1);
            // Exactly once: the one delivery stays the only one while the sender keeps polling.
            await().during(Duration.ofMillis(1500))
                    .atMost(WAIT)
                    .until(() -> TestMail.messagesTo(email).size() == 1);
            assertThat(jdbc.sql("select count(*) from email_outbox where recipient = :r and sent_at is not null")
                            .param("r", email)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
