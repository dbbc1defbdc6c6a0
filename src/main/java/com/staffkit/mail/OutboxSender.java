package com.staffkit.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Delivers due outbox rows over SMTP. Each pass claims rows with {@code FOR UPDATE SKIP LOCKED},
 * so instances never pick the same email; a failed send stays queued and is retried with
 * exponential backoff. With no SMTP host configured it logs each email's recipient, subject and
 * link instead, so a development run works without a mail server.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private record Due(
            long id, String recipient, String subject, String text, String html, String link, int attempts) {}

    /** Emails claimed by one statement: ten sends that each hit the SMTP timeouts stay within {@link #CLAIM_HELD}. */
    static final int CLAIM_BATCH = 10;

    static final Duration CLAIM_HELD = Duration.ofMinutes(10);

    /**
     * How long one pass may keep draining: the scheduled jobs share one scheduler thread (fixed-delay
     * tasks run on it), so an outbox that never empties must still let the others run.
     */
    static final Duration PASS_BUDGET = Duration.ofSeconds(10);

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final MailProperties properties;
    private final Clock clock;
    private final boolean developmentRun;

    OutboxSender(
            JdbcClient jdbc,
            ObjectProvider<JavaMailSender> mailSender,
            MailProperties properties,
            Clock clock,
            Environment environment) {
        this.jdbc = jdbc;
        this.mailSender = mailSender;
        this.properties = properties;
        this.clock = clock;
        this.developmentRun = !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }

    @Scheduled(
            fixedDelayString = "${staffkit.mail.poll-interval}",
            initialDelayString = "${staffkit.mail.poll-interval}")
    void poll() {
        try {
            deliverDue();
        } catch (RuntimeException ex) {
            log.warn("Email outbox pass failed; it will run again: {}", ex.toString());
        }
    }

    /**
     * One pass: due emails until none is left or {@link #PASS_BUDGET} is spent (a bulk invite of
     * thousands, or creates arriving faster than one batch per poll interval, drain without waiting
     * for the next poll). They are claimed {@value #CLAIM_BATCH} at a time in one statement; a
     * failed send is scheduled for a retry on its own, and the batch's delivered emails are marked
     * sent together in one statement, whatever ended the batch, so a failure never un-sends an email
     * another one already delivered, and a busy outbox costs the database two statements per batch
     * rather than one per email. (An instance that stops between a send and that mark sends the
     * batch's emails again once their claim lapses: delivery is at least once, as it always was.)
     * Returns how many were sent.
     */
    int deliverDue() {
        Instant deadline = clock.instant().plus(PASS_BUDGET);
        int delivered = 0;
        while (true) {
            List<Due> batch = claim();
            List<Long> sent = new ArrayList<>(batch.size());
            try {
                for (Due email : batch) {
                    if (deliver(email)) {
                        sent.add(email.id());
                    }
                }
            } finally {
                markSent(sent);
            }
            delivered += sent.size();
            // A batch that all failed ends the pass too: the mail server is likely down, and the
            // next poll tries again rather than this one failing through the whole queue.
            if (batch.size() < CLAIM_BATCH || sent.isEmpty() || clock.instant().isAfter(deadline)) {
                return delivered;
            }
        }
    }

    /**
     * Claims due emails by moving their next attempt past {@link #CLAIM_HELD}: other instances skip
     * them meanwhile, and the emails of an instance that stops before sending them come due again.
     */
    private List<Due> claim() {
        Instant now = clock.instant();
        return jdbc
                .sql("""
                        update email_outbox o set next_attempt_at = :held
                        from (select id from email_outbox
                              where sent_at is null and next_attempt_at <= :now
                              order by next_attempt_at, id
                              limit :batch
                              for update skip locked) due
                        where o.id = due.id
                        returning o.id, o.recipient, o.subject, o.text_body, o.html_body, o.link, o.attempts
                        """)
                .param("held", Timestamp.from(now.plus(CLAIM_HELD)))
                .param("now", Timestamp.from(now))
                .param("batch", CLAIM_BATCH)
                .query((rs, row) -> new Due(
                        rs.getLong("id"),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("text_body"),
                        rs.getString("html_body"),
                        rs.getString("link"),
                        rs.getInt("attempts")))
                .list()
                .stream()
                .sorted(Comparator.comparingLong(Due::id))
                .toList();
    }

    private boolean deliver(Due email) {
        JavaMailSender sender = mailSender.getIfAvailable();
        try {
            if (sender == null) {
                // The link carries a single-use token: only a local development run (embedded
                // database) shows it, so that run is usable without a mail server.
                log.info(
                        "Email (no SMTP host configured, not sent) to {}: \"{}\" {}",
                        email.recipient(),
                        email.subject(),
                        email.link() == null ? "" : developmentRun ? email.link() : "(link withheld)");
            } else {
                sender.send(mime(sender, email));
            }
            return true;
        } catch (MailException | MessagingException ex) {
            scheduleRetry(email, ex);
            return false;
        }
    }

    private MimeMessage mime(JavaMailSender sender, Due email) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(email.recipient());
        helper.setSubject(email.subject());
        helper.setText(email.text(), email.html());
        return message;
    }

    private void markSent(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update email_outbox set sent_at = :now, attempts = attempts + 1, last_error = null,
                               text_body = '', html_body = '', link = null
                        where id = any(:ids)""")
                .param("now", Timestamp.from(clock.instant()))
                .param("ids", ids.toArray(Long[]::new))
                .update();
    }

    private void scheduleRetry(Due email, Exception ex) {
        int attempts = email.attempts() + 1;
        Duration wait = backoff(attempts);
        Instant next = clock.instant().plus(wait);
        log.warn("Sending email {} failed (attempt {}); retrying in {}: {}", email.id(), attempts, wait, ex.toString());
        jdbc.sql(
                        "update email_outbox set attempts = :attempts, next_attempt_at = :next, last_error = :error where id = :id")
                .param("attempts", attempts)
                .param("next", Timestamp.from(next))
                .param("error", truncate(ex.toString()))
                .param("id", email.id())
                .update();
    }

    Duration backoff(int attempts) {
        Duration wait = properties.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(properties.maxBackoff()) > 0 ? properties.maxBackoff() : wait;
    }

    private static String truncate(String text) {
        return text.length() <= 1000 ? text : text.substring(0, 1000);
    }
}
