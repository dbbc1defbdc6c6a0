package com.staffkit.mail;

import java.util.List;
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
    private final Outbox outbox;

    Mailer(MailTemplates templates, Outbox outbox) {
        this.templates = templates;
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(EmailMessage message) {
        outbox.add(message, templates.render(message.template(), message.variables()));
    }

    /** Many messages at once (a bulk write's): the same rows, written in one batch. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueueAll(List<EmailMessage> messages) {
        outbox.addAll(
                messages,
                messages.stream()
                        .map(message -> templates.render(message.template(), message.variables()))
                        .toList());
    }
}
