package com.staffkit.mail;

import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/** The rows of {@code email_outbox} that {@link Mailer} queues. */
@Repository
class Outbox {

    private static final String INSERT = """
            insert into email_outbox (organization_id, recipient, subject, text_body, html_body, link)
            values (:organizationId, :recipient, :subject, :text, :html, :link)
            """;

    private final NamedParameterJdbcTemplate jdbc;

    Outbox(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(EmailMessage message, MailTemplates.Rendered rendered) {
        jdbc.update(INSERT, row(message, rendered));
    }

    /** Many messages in one batch of statements (a bulk write's activation emails). */
    void addAll(List<EmailMessage> messages, List<MailTemplates.Rendered> rendered) {
        SqlParameterSource[] rows = new SqlParameterSource[messages.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = row(messages.get(i), rendered.get(i));
        }
        jdbc.batchUpdate(INSERT, rows);
    }

    private static SqlParameterSource row(EmailMessage message, MailTemplates.Rendered rendered) {
        return new MapSqlParameterSource()
                .addValue("organizationId", message.organizationId(), Types.BIGINT)
                .addValue("recipient", message.recipient())
                .addValue("subject", message.subject())
                .addValue("text", rendered.text())
                .addValue("html", rendered.html())
                .addValue("link", message.link(), Types.VARCHAR);
    }
}
