package com.staffkit.mail;

import java.util.Map;

/**
 * An email to render from a template and queue.
 *
 * @param template the template name under {@code templates/mail/} (both {@code .txt} and {@code .html})
 * @param link the action link, logged instead of sending when no SMTP server is configured
 */
public record EmailMessage(
        Long organizationId,
        String recipient,
        String subject,
        String template,
        Map<String, Object> variables,
        String link) {

    @Override
    public String toString() {
        return "EmailMessage[template=" + template + ", organizationId=" + organizationId + "]";
    }
}
