package com.staffkit.support;

import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/** A real SMTP server in the test JVM (GreenMail), on one port for the whole run; it can be stopped and restarted. */
public final class TestMail {

    private static final int PORT = freePort();
    private static final Pattern LINK_TOKEN = Pattern.compile("\\?token=([A-Za-z0-9_-]{43})");
    private static GreenMail server;

    private TestMail() {}

    public static int port() {
        start();
        return PORT;
    }

    public static synchronized void start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
        }
    }

    public static synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Every message received so far for this recipient. */
    public static synchronized List<MimeMessage> messagesTo(String recipient) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.stream(message.getAllRecipients())
                                .anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
                    } catch (MessagingException ex) {
                        return false;
                    }
                })
                .toList();
    }

    /** Waits until this many messages reached the recipient, and returns them. */
    public static List<MimeMessage> awaitMessagesTo(String recipient, int count, Duration timeout) {
        try {
            return await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> messagesTo(recipient), messages -> messages.size() >= count);
        } catch (ConditionTimeoutException ex) {
            // Callers assert on what arrived, which says more than a timeout.
            return messagesTo(recipient);
        }
    }

    /** The token of the link in the plain text of the {@code count}-th email to this recipient. */
    public static String awaitLinkToken(String recipient, int count, Duration timeout) {
        List<MimeMessage> messages = awaitMessagesTo(recipient, count, timeout);
        if (messages.size() < count) {
            throw new AssertionError("expected " + count + " emails to " + recipient + ", got " + messages.size());
        }
        try {
            String text = plainText(messages.get(count - 1).getContent());
            Matcher matcher = LINK_TOKEN.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no link with a token in: " + text);
            }
            return matcher.group(1);
        } catch (IOException | MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String plainText(Object content) throws IOException, MessagingException {
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                String text = part.isMimeType("text/plain") ? (String) part.getContent() : plainText(part.getContent());
                if (text != null) {
                    return text;
                }
            }
            return null;
        }
        return content instanceof String text ? text : null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
