package com.staffkit.common.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.staffkit.common.events.Actor;
import com.staffkit.common.events.DomainEvent;
import com.staffkit.common.events.FieldChange;
import com.staffkit.common.events.Target;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommittedChangeTests {

    @Test
    void aDomainEventIsAnnouncedByItsTypeTargetAndOrganizationOnly() {
        DomainEvent event = new DomainEvent(
                "staff.updated",
                7,
                Actor.staff(1),
                new Target(Target.STAFF, 42, "ada@example.com"),
                List.of(FieldChange.secret("password"), FieldChange.of("email", "old@example.com", "ada@example.com")),
                Instant.now());

        String payload = CommittedChange.of(event).payload();

        assertThat(payload).isEqualTo("staff.updated staff 42 7");
        assertThat(payload).doesNotContain("example.com", "password");
    }

    @Test
    void aPayloadReadsBackAsTheSameChange() {
        CommittedChange change = new CommittedChange("session.revoked", "staff", Long.MAX_VALUE, Long.MIN_VALUE);

        assertThat(CommittedChange.parse(change.payload())).contains(change);
    }

    @Test
    void everyPayloadStaysFarBelowPostgresLimit() {
        String longest = "a".repeat(100);
        CommittedChange change = new CommittedChange(longest, longest, Long.MIN_VALUE, Long.MIN_VALUE);

        assertThat(change.payload()).hasSizeLessThanOrEqualTo(CommittedChange.MAX_PAYLOAD_LENGTH);
        assertThat(CommittedChange.MAX_PAYLOAD_LENGTH).isLessThan(8000);
        assertThatThrownBy(() -> new CommittedChange("a".repeat(101), "staff", 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesThatCouldSplitAPayloadAreRefused() {
        assertThatThrownBy(() -> new CommittedChange("staff updated", "staff", 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CommittedChange("staff.updated", "", 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnreadablePayloadIsNoChangeAtAll() {
        assertThat(CommittedChange.parse("")).isEmpty();
        assertThat(CommittedChange.parse("staff.updated staff 42")).isEmpty();
        assertThat(CommittedChange.parse("staff.updated staff 42 7 extra")).isEmpty();
        assertThat(CommittedChange.parse("staff.updated staff forty-two 7")).isEmpty();
        assertThat(CommittedChange.parse("Staff.Updated staff 42 7")).isEmpty();
        assertThat(CommittedChange.parse("x".repeat(9000))).isEmpty();
    }
}
