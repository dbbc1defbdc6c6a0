package com.staffkit.webhook;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The webhook endpoints of organizations ({@code webhook_endpoints}); secrets are written, never read here. */
@Component
class WebhookEndpoints {

    private static final String COLUMNS = """
            select id, organization_id, url, event_types, description, is_active, disabled_reason, created_at, modified_at
            from webhook_endpoints""";

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long organizationId, WebhookRequest request, byte[] secret, Instant now) {
        return jdbc.sql("""
                        insert into webhook_endpoints (organization_id, url, event_types, description, is_active, secret,
                                                       created_at, modified_at)
                        values (:organization, :url, :types, :description, :active, :secret, :now, :now)
                        returning id""")
                .param("organization", organizationId)
                .param("url", request.url())
                .param("types", request.eventTypes().toArray(String[]::new))
                .param("description", request.descriptionOrEmpty())
                .param("active", request.active())
                .param("secret", secret)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /** An endpoint of this organization, locked for a change when {@code forUpdate}. */
    Optional<WebhookEndpoint> find(long id, long organizationId, boolean forUpdate) {
        return jdbc.sql(COLUMNS + " where id = :id and organization_id = :organization"
                        + (forUpdate ? " for update" : ""))
                .param("id", id)
                .param("organization", organizationId)
                .query(WebhookEndpoints::endpoint)
                .optional();
    }

    List<WebhookEndpoint> list(long organizationId, int limit, long offset) {
        return jdbc.sql(COLUMNS + " where organization_id = :organization order by id limit :limit offset :offset")
                .param("organization", organizationId)
                .param("limit", limit)
                .param("offset", offset)
                .query(WebhookEndpoints::endpoint)
                .list();
    }

    long count(long organizationId) {
        return jdbc.sql("select count(*) from webhook_endpoints where organization_id = :organization")
                .param("organization", organizationId)
                .query(Long.class)
                .single();
    }

    /** Writes the request's fields; turning it on again clears why Staffkit had turned it off. */
    WebhookEndpoint replace(long id, WebhookRequest request, Instant now) {
        return jdbc.sql("""
                        update webhook_endpoints
                        set url = :url, event_types = :types, description = :description, is_active = :active,
                            disabled_reason = case when :active then null else disabled_reason end,
                            failing_since = case when :active and not is_active then null else failing_since end,
                            modified_at = :now
                        where id = :id
                        returning id, organization_id, url, event_types, description, is_active, disabled_reason,
                                  created_at, modified_at""")
                .param("url", request.url())
                .param("types", request.eventTypes().toArray(String[]::new))
                .param("description", request.descriptionOrEmpty())
                .param("active", request.active())
                .param("now", Timestamp.from(now))
                .param("id", id)
                .query(WebhookEndpoints::endpoint)
                .single();
    }

    void delete(long id) {
        jdbc.sql("delete from webhook_endpoints where id = :id").param("id", id).update();
    }

    /** A new secret; the one before it keeps signing until {@code previousUntil}. */
    WebhookEndpoint rotate(long id, byte[] secret, Instant previousUntil, Instant now) {
        return jdbc.sql("""
                        update webhook_endpoints
                        set previous_secret = secret, previous_secret_expires_at = :previousUntil, secret = :secret,
                            modified_at = :now
                        where id = :id
                        returning id, organization_id, url, event_types, description, is_active, disabled_reason,
                                  created_at, modified_at""")
                .param("secret", secret)
                .param("previousUntil", Timestamp.from(previousUntil))
                .param("now", Timestamp.from(now))
                .param("id", id)
                .query(WebhookEndpoints::endpoint)
                .single();
    }

    void succeeded(long id, Instant now) {
        jdbc.sql("""
                        update webhook_endpoints set last_success_at = :now, failing_since = null, last_failure_at = null
                        where id = :id""").param("now", Timestamp.from(now)).param("id", id).update();
    }

    /**
     * Notes a failure; returns since when the endpoint has failed without a success. A failure after
     * more than {@code quiet} without one starts a new streak.
     */
    Instant failed(long id, Instant now, Duration quiet) {
        return jdbc.sql("""
                        update webhook_endpoints
                        set failing_since = case when failing_since is null or last_failure_at < :quietSince then :now
                                                 else failing_since end,
                            last_failure_at = :now
                        where id = :id
                        returning failing_since""")
                .param("now", Timestamp.from(now))
                .param("quietSince", Timestamp.from(now.minus(quiet)))
                .param("id", id)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant)
                .orElse(now);
    }

    /** Turns an active endpoint off with the reason; empty when it was off (or gone) already. */
    Optional<WebhookEndpoint> disable(long id, String reason, Instant now) {
        return jdbc.sql("""
                        update webhook_endpoints set is_active = false, disabled_reason = :reason, modified_at = :now
                        where id = :id and is_active
                        returning id, organization_id, url, event_types, description, is_active, disabled_reason,
                                  created_at, modified_at""")
                .param("reason", reason)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .query(WebhookEndpoints::endpoint)
                .optional();
    }

    private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
        Array types = rs.getArray("event_types");
        return new WebhookEndpoint(
                rs.getLong("id"),
                rs.getLong("organization_id"),
                rs.getString("url"),
                List.copyOf(Arrays.asList((String[]) types.getArray())),
                rs.getString("description"),
                rs.getBoolean("is_active"),
                rs.getString("disabled_reason"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("modified_at").toInstant());
    }
}
