package com.staffkit.activation;

import com.staffkit.common.error.GoneException;
import com.staffkit.common.events.AccessEvent;
import com.staffkit.common.events.Actor;
import com.staffkit.common.limits.RateLimiter;
import com.staffkit.mail.EmailMessage;
import com.staffkit.mail.Mailer;
import com.staffkit.organization.OrganizationDirectory;
import com.staffkit.staff.AccountSummary;
import com.staffkit.staff.StaffAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Password reset by email. A request always looks the same from outside, whether or not the
 * account exists; both endpoints are rate limited per email and per client address.
 */
@Service
class PasswordResetService {

    private final AccountTokens tokens;
    private final StaffAccounts accounts;
    private final Mailer mailer;
    private final OrganizationDirectory organizations;
    private final RateLimiter rateLimiter;
    private final AccountTokenProperties.PasswordReset properties;
    private final AccountTokenProperties.Links links;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    PasswordResetService(
            AccountTokens tokens,
            StaffAccounts accounts,
            Mailer mailer,
            OrganizationDirectory organizations,
            RateLimiter rateLimiter,
            AccountTokenProperties.PasswordReset properties,
            AccountTokenProperties.Links links,
            Clock clock,
            ApplicationEventPublisher events) {
        this.tokens = tokens;
        this.accounts = accounts;
        this.mailer = mailer;
        this.organizations = organizations;
        this.rateLimiter = rateLimiter;
        this.properties = properties;
        this.links = links;
        this.clock = clock;
        this.events = events;
    }

    @Transactional
    void request(String email, String clientAddress) {
        rateLimiter.hit("password-reset:address:" + clientAddress, properties.maxPerAddress(), properties.window());
        rateLimiter.hit(
                "password-reset:email:" + email.trim().toLowerCase(Locale.ROOT),
                properties.maxPerEmail(),
                properties.window());
        accounts.findResettable(email).ifPresent(account -> {
            send(account);
            events.publishEvent(AccessEvent.about(
                    AccessEvent.PASSWORD_RESET_REQUESTED,
                    account.organizationId(),
                    Actor.ANONYMOUS,
                    account.staffId(),
                    null,
                    clock.instant()));
        });
    }

    @Transactional(noRollbackFor = GoneException.class)
    void confirm(String token, String password, String clientAddress) {
        rateLimiter.hit(
                "password-reset-confirm:address:" + clientAddress, properties.maxPerAddress(), properties.window());
        AccountTokens.Token found = tokens.find(AccountTokens.PASSWORD_RESET, token, true)
                .orElseThrow(() -> AccountTokenProblems.unknown("password reset"));
        if (!found.usable(clock.instant())) {
            throw AccountTokenProblems.gone("password reset");
        }
        AccountSummary account =
                accounts.find(found.staffId()).orElseThrow(() -> AccountTokenProblems.unknown("password reset"));
        rateLimiter.hit(
                "password-reset-confirm:email:" + account.email().toLowerCase(Locale.ROOT),
                properties.maxPerEmail(),
                properties.window());
        if (!account.active()) {
            tokens.markUsed(found.id(), clock.instant());
            throw AccountTokenProblems.gone("password reset");
        }
        accounts.resetPassword(found.staffId(), password);
        tokens.markUsed(found.id(), clock.instant());
    }

    private void send(AccountSummary account) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        String secret =
                tokens.issue(AccountTokens.PASSWORD_RESET, account.staffId(), account.organizationId(), now, expiresAt);
        String organizationName = organizations.name(account.organizationId());
        String link = UriComponentsBuilder.fromUriString(links.publicUrl())
                .path("/reset-password")
                .queryParam("token", secret)
                .build()
                .toUriString();
        mailer.enqueue(new EmailMessage(
                account.organizationId(),
                account.email(),
                "Reset your " + organizationName + " password",
                "password-reset",
                Map.of(
                        "firstName", account.firstName(),
                        "organizationName", organizationName,
                        "link", link,
                        "token", secret,
                        "expiresAt", ActivationService.EMAIL_TIME.format(expiresAt)),
                link));
    }
}
