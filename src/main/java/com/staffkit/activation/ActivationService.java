package com.staffkit.activation;

import com.staffkit.auth.LoginResponse;
import com.staffkit.auth.SessionStarter;
import com.staffkit.common.events.AccessEvent;
import com.staffkit.common.events.Actor;
import com.staffkit.common.events.EventBatch;
import com.staffkit.common.security.Caller;
import com.staffkit.mail.EmailMessage;
import com.staffkit.mail.Mailer;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.staff.AccountSummary;
import com.staffkit.staff.ActivationRequested;
import com.staffkit.staff.StaffAccounts;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Account activation: a pending staff member is mailed a single-use link; following it and choosing
 * a password activates the account and logs it in.
 */
@Service
class ActivationService {

    static final DateTimeFormatter EMAIL_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final AccountTokens tokens;
    private final StaffAccounts accounts;
    private final Mailer mailer;
    private final OrganizationDirectory organizations;
    private final SessionStarter sessions;
    private final AccountTokenProperties.Activation properties;
    private final AccountTokenProperties.Links links;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    ActivationService(
            AccountTokens tokens,
            StaffAccounts accounts,
            Mailer mailer,
            OrganizationDirectory organizations,
            SessionStarter sessions,
            AccountTokenProperties.Activation properties,
            AccountTokenProperties.Links links,
            Clock clock,
            ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.mailer = mailer;
        this.organizations = organizations;
        this.sessions = sessions;
        this.properties = properties;
        this.links = links;
        this.clock = clock;
        this.events = events;
    }

    record ActivationInfo(String firstName, String email, String organization, Instant expiresAt) {}

    /** A new pending account gets its activation email in the transaction that creates it. */
    @EventListener
    void onActivationRequested(ActivationRequested event) {
        if (!EventBatch.collect(this, event.account(), this::sendAll)) {
            sendAll(List.of(event.account()));
        }
    }

    /** Sends a new activation email; earlier links stop working. */
    @Transactional
    void resend(Caller caller, long staffId) {
        AccountSummary account = accounts.pendingForResend(caller, staffId);
        send(account);
        events.publishEvent(AccessEvent.about(
                AccessEvent.ACTIVATION_REQUESTED,
                account.organizationId(),
                Actor.of(caller),
                account.staffId(),
                null,
                clock.instant()));
    }

    @Transactional(readOnly = true)
    ActivationInfo check(String token) {
        AccountTokens.Token found = usable(token, false);
        AccountSummary account =
                accounts.find(found.staffId()).orElseThrow(() -> AccountTokenProblems.unknown("activation"));
        if (account.activated() || !account.active()) {
            throw AccountTokenProblems.gone("activation");
        }
        return new ActivationInfo(
                account.firstName(),
                maskEmail(account.email()),
                organizations.name(account.organizationId()),
                found.expiresAt());
    }

    /** Sets the password, activates the account, consumes the token and logs the account in. */
    @Transactional(noRollbackFor = com.staffkit.common.error.GoneException.class)
    LoginResponse activate(String token, String password) {
        AccountTokens.Token found = usable(token, true);
        AccountSummary account =
                accounts.find(found.staffId()).orElseThrow(() -> AccountTokenProblems.unknown("activation"));
        if (account.activated() || !account.active()) {
            tokens.markUsed(found.id(), clock.instant());
            throw AccountTokenProblems.gone("activation");
        }
        accounts.activate(found.staffId(), password);
        tokens.markUsed(found.id(), clock.instant());
        return sessions.start(found.staffId());
    }

    private AccountTokens.Token usable(String token, boolean forUpdate) {
        AccountTokens.Token found = tokens.find(AccountTokens.ACTIVATION, token, forUpdate)
                .orElseThrow(() -> AccountTokenProblems.unknown("activation"));
        if (!found.usable(clock.instant())) {
            throw AccountTokenProblems.gone("activation");
        }
        return found;
    }

    /** A new link for an existing account: its earlier activation links stop working. */
    private void send(AccountSummary account) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        String secret =
                tokens.issue(AccountTokens.ACTIVATION, account.staffId(), account.organizationId(), now, expiresAt);
        mailer.enqueue(activationEmail(account, organizations.name(account.organizationId()), secret, expiresAt));
    }

    /**
     * The activation emails of newly registered accounts (one, a group of creates, a bulk write):
     * their first tokens and their emails written in sets.
     */
    private void sendAll(List<AccountSummary> accounts) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        List<String> secrets = tokens.issueFirst(AccountTokens.ACTIVATION, accounts, now, expiresAt);
        Map<Long, String> organizationNames = new HashMap<>();
        List<EmailMessage> emails = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            AccountSummary account = accounts.get(i);
            String organizationName = organizationNames.computeIfAbsent(account.organizationId(), organizations::name);
            emails.add(activationEmail(account, organizationName, secrets.get(i), expiresAt));
        }
        mailer.enqueueAll(emails);
    }

    private EmailMessage activationEmail(
            AccountSummary account, String organizationName, String secret, Instant expiresAt) {
        String link = UriComponentsBuilder.fromUriString(links.publicUrl())
                .path("/activate")
                .queryParam("token", secret)
                .build()
                .toUriString();
        return new EmailMessage(
                account.organizationId(),
                account.email(),
                "Activate your " + organizationName + " account",
                "activation",
                Map.of(
                        "firstName", account.firstName(),
                        "organizationName", organizationName,
                        "link", link,
                        "token", secret,
                        "expiresAt", EMAIL_TIME.format(expiresAt)),
                link);
    }

    /** "fred.smith@example.com" becomes "f********@example.com". */
    static String maskEmail(String email) {
        if (email == null) {
            return null;
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "*".repeat(Math.max(3, at - 1)) + email.substring(at);
    }
}
