package com.staffkit.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from the sender address of every email
 * @param pollInterval how often the outbox is checked for due emails
 * @param initialBackoff the wait before the first retry of a failed send; it doubles per attempt
 * @param maxBackoff the longest wait between retries (a failed email is retried until it is sent)
 */
@ConfigurationProperties("staffkit.mail")
record MailProperties(String from, Duration pollInterval, Duration initialBackoff, Duration maxBackoff) {}
