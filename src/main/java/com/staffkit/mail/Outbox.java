package com.staffkit.mail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code email_outbox} that {@link Mailer} queues. */
@Repository
class Outbox {

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(EmailMessage message, MailTemplates.Rendered rendered) {
        jdbc.sql("""
                        insert into email_outbox (organization_id, recipient, subject, text_body, html_body, link)
                        values (:organizationId, :recipient, :subject, :text, :html, :link)
                        """)
                .param("organizationId", message.organizationId())
                .param("recipient", message.recipient())
                .param("subject", message.subject())
                .param("text", rendered.text())
                .param("html", rendered.html())
                .param("link", message.link())
                .update();
    }
}
