package com.staffkit.common.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CacheTrustTests {

    private final List<Object> published = new ArrayList<>();
    private final CacheTrust trust = new CacheTrust(published::add);

    @Test
    void untrustedUntilTheListenerHasCaughtUp() {
        assertThat(trust.trusted()).isFalse();

        trust.caughtUp();

        assertThat(trust.trusted()).isTrue();
        assertThat(published).containsExactly(new ChangesMissed());
    }

    @Test
    void losingTheConnectionStopsTrustAndDropsWhatCachesHold() {
        trust.caughtUp();
        published.clear();

        trust.lost();

        assertThat(trust.trusted()).isFalse();
        assertThat(published).containsExactly(new ChangesMissed());
    }

    @Test
    void failedReconnectionsChangeNothingMore() {
        trust.caughtUp();
        trust.lost();
        published.clear();

        trust.lost();
        trust.lost();

        assertThat(trust.trusted()).isFalse();
        assertThat(published).isEmpty();
    }

    @Test
    void cachesAreEmptiedBeforeTrustReturns() {
        List<Boolean> trustedWhenTold = new ArrayList<>();
        AtomicReference<CacheTrust> watched = new AtomicReference<>();
        watched.set(new CacheTrust(event -> trustedWhenTold.add(watched.get().trusted())));

        watched.get().caughtUp();
        watched.get().lost();
        watched.get().caughtUp();

        assertThat(trustedWhenTold).containsExactly(false, false, false);
        assertThat(watched.get().trusted()).isTrue();
    }
}
