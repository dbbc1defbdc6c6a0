package com.staffkit.common.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TrustedCache#getAll}: a page's rows from memory, the missing ones loaded together; {@link
 * TrustedCache#hasRoom}.
 */
class TrustedCacheTests {

    private final CacheTrust trust = new CacheTrust(event -> {});
    private final TrustedCache<Long, String> cache = new TrustedCache<>("test", 100, trust);
    private final List<List<Long>> loads = new ArrayList<>();

    @BeforeEach
    void trusted() {
        trust.caughtUp();
    }

    /** Loads "v<id>" for every id but 13, which does not exist, and records each call. */
    private Map<Long, String> load(Collection<Long> ids) {
        loads.add(List.copyOf(ids));
        return ids.stream().filter(id -> id != 13).collect(Collectors.toMap(Function.identity(), id -> "v" + id));
    }

    @Test
    void loadsOnlyWhatIsMissingInOneCallAndKeepsIt() {
        cache.getAll(List.of(1L, 2L), this::load);

        Map<Long, String> found = cache.getAll(List.of(1L, 2L, 3L, 4L, 13L), this::load);

        assertThat(found).containsOnlyKeys(1L, 2L, 3L, 4L).containsEntry(3L, "v3");
        assertThat(loads).containsExactly(List.of(1L, 2L), List.of(3L, 4L, 13L));
        assertThat(cache.getAll(List.of(1L, 2L, 3L, 4L), this::load)).hasSize(4);
        assertThat(loads).as("all from memory now").hasSize(2);
    }

    @Test
    void aValueLoadedWhileAnEvictionRacedIsNotKept() {
        Map<Long, String> found = cache.getAll(List.of(7L), ids -> {
            cache.evict(7L); // a change committed while the row was being read
            return Map.of(7L, "stale");
        });

        assertThat(found).containsEntry(7L, "stale");
        assertThat(cache.getAll(List.of(7L), this::load)).containsEntry(7L, "v7");
        assertThat(loads).containsExactly(List.of(7L));
    }

    @Test
    void whileNotTrustedEveryKeyIsLoadedAndNothingKept() {
        trust.lost();
        cache.getAll(List.of(1L, 2L), this::load);
        cache.getAll(List.of(1L, 2L), this::load);

        assertThat(loads).containsExactly(List.of(1L, 2L), List.of(1L, 2L));
    }

    @Test
    void anEvictedKeyIsLoadedAgain() {
        cache.getAll(List.of(1L, 2L), this::load);
        cache.evict(2L);

        cache.getAll(List.of(1L, 2L), this::load);

        assertThat(loads).containsExactly(List.of(1L, 2L), List.of(2L));
    }

    @Test
    void hasRoomUntilItHoldsAsManyAsItMayAndOnlyWhileTrusted() {
        TrustedCache<Long, String> small = new TrustedCache<>("small", 2, trust);
        small.getAll(List.of(1L), this::load);
        assertThat(small.hasRoom()).isTrue();

        small.getAll(List.of(2L), this::load);
        assertThat(small.hasRoom()).as("full").isFalse();

        small.evict(2L);
        assertThat(small.hasRoom()).isTrue();
        trust.lost();
        assertThat(small.hasRoom()).as("not serving").isFalse();
        assertThat(new TrustedCache<Long, String>("off", 0, trust).hasRoom()).isFalse();
    }
}
