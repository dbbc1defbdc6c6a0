package com.staffkit.mail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Queues email in the outbox, in the transaction of the change that causes it: the email exists
 * exactly when the change commits, and the {@link OutboxSender} delivers it.
 */
@Service
public class Mailer {

    private final MailTemplates templates;
    private final JdbcClient jdbc;

    Mailer(MailTemplates templates, JdbcClient jdbc) {
        this.templates = templates;
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(EmailMessage message) {
        MailTemplates.Rendered rendered = templates.render(message.template(), message.variables());
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
