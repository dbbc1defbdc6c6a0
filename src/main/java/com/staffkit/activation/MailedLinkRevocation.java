package com.staffkit.activation;

import com.staffkit.staff.StaffLoginChanged;
import com.staffkit.staff.StaffPasswordChanged;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A mailed link is only as good as the account facts it was sent under: once the email or username
 * changes, or the password is changed (by the user or through a reset), every activation and reset
 * link still outstanding stops working, in the transaction of the change. A link sent to an old
 * address never sets the password of an account that moved on.
 */
@Component
class MailedLinkRevocation {

    private final AccountTokens tokens;
    private final Clock clock;

    MailedLinkRevocation(AccountTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @EventListener
    void onLoginChanged(StaffLoginChanged event) {
        tokens.invalidateOutstanding(event.staffId(), clock.instant());
    }

    @EventListener
    void onPasswordChanged(StaffPasswordChanged event) {
        tokens.invalidateOutstanding(event.staffId(), clock.instant());
    }
}
