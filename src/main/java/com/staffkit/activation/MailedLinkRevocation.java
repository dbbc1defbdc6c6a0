package com.staffkit.activation;

import com.staffkit.common.events.DomainEvent;
import com.staffkit.staff.StaffEvents;
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
    void onStaffChanged(DomainEvent event) {
        if (StaffEvents.voidsMailedLinks(event)) {
            tokens.invalidateOutstanding(event.target().id(), clock.instant());
        }
    }
}
