package com.staffkit.common.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded read-through cache that serves only while {@link CacheTrust} says this instance hears
 * every committed change, and never keeps a value read before an eviction that raced with it.
 *
 * <p>Every eviction moves a generation before it removes anything; a value read from the database
 * is stored only if the generation has not moved since the read began, and the store is atomic with
 * respect to the key's removal. So whichever order a read and a change's eviction take, the stale
 * value is either never stored or removed after it was.
 *
 * @param <K> the key
 * @param <V> what is cached: immutable
 */
public final class TrustedCache<K, V> {

    private final String name;
    private final Cache<K, V> entries;
    private final CacheTrust trust;
    /** Hits and misses as readers see them: a read while not trusted is a miss too. */
    private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();

    private final AtomicLong generation = new AtomicLong();
    private final boolean enabled;

    /**
     * @param name the {@code cache} tag of its metrics
     * @param maximumSize how many values it holds at most; zero turns it off
     */
    public TrustedCache(String name, long maximumSize, CacheTrust trust) {
        this(name, trust, maximumSize > 0, Caffeine.newBuilder().maximumSize(Math.max(0, maximumSize)));
    }

    /**
     * @param name the {@code cache} tag of its metrics
     * @param bounds how it is bounded and when values expire (size or weight, expiry)
     */
    public TrustedCache(String name, CacheTrust trust, Caffeine<? super K, ? super V> bounds) {
        this(name, trust, true, bounds);
    }

    private TrustedCache(String name, CacheTrust trust, boolean enabled, Caffeine<? super K, ? super V> bounds) {
        this.name = name;
        this.trust = trust;
        this.enabled = enabled;
        this.entries = bounds.recordStats(() -> stats).build();
    }

    /** The value for {@code key}, from memory or else from {@code load} (and then kept, when allowed). */
    public Optional<V> get(K key, Function<K, Optional<V>> load) {
        if (!enabled || !trust.trusted()) {
            stats.recordMisses(1);
            return load.apply(key);
        }
        V cached = entries.policy().getIfPresentQuietly(key);
        if (cached != null) {
            stats.recordHits(1);
            return Optional.of(cached);
        }
        stats.recordMisses(1);
        long readFrom = generation.get();
        Optional<V> loaded = load.apply(key);
        loaded.ifPresent(value -> keepUnlessEvictedSince(readFrom, key, value));
        return loaded;
    }

    /** Keeps a value read from the database, unless an eviction began after its read did. */
    private void keepUnlessEvictedSince(long readFrom, K key, V value) {
        entries.asMap().compute(key, (k, held) -> generation.get() == readFrom && trust.trusted() ? value : held);
    }

    /**
     * The values of {@code keys} found in memory or else by one call of {@code load} for those missing
     * (then kept, when allowed, as {@link #get} keeps one); a key neither holds nor loads is left out.
     */
    public Map<K, V> getAll(Collection<K> keys, Function<Collection<K>, Map<K, V>> load) {
        if (!enabled || !trust.trusted()) {
            stats.recordMisses(keys.size());
            return load.apply(keys);
        }
        Map<K, V> found = new HashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            V cached = entries.policy().getIfPresentQuietly(key);
            if (cached != null) {
                found.put(key, cached);
            } else {
                missing.add(key);
            }
        }
        stats.recordHits(found.size());
        if (missing.isEmpty()) {
            return found;
        }
        stats.recordMisses(missing.size());
        long readFrom = generation.get();
        load.apply(missing).forEach((key, value) -> {
            found.put(key, value);
            keepUnlessEvictedSince(readFrom, key, value);
        });
        return found;
    }

    /**
     * Whether it serves and still holds fewer values than it may: while it does, whatever is read is
     * kept without pushing anything out.
     */
    public boolean hasRoom() {
        return enabled
                && trust.trusted()
                && entries.policy()
                        .eviction()
                        .map(bound -> bound.weightedSize().orElse(entries.estimatedSize()) < bound.getMaximum())
                        .orElse(true);
    }

    public void evict(K key) {
        generation.incrementAndGet();
        entries.invalidate(key);
    }

    public void evictAll() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    /** {@code cache.size}, {@code cache.gets} (hit or miss), {@code cache.evictions} with {@code cache=<name>}. */
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, entries, name);
    }
}
