package com.staffkit.common.cache;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Whether what caches hold may be served. It may only while this instance hears every committed
 * change: not from start until the change listener is listening, and not from the moment its
 * connection fails until it has listened again and every cache has dropped what it held (whatever
 * changed meanwhile is unknown). While not trusted, caches neither serve nor store entries.
 */
@Component
public class CacheTrust implements MeterBinder {

    private final ApplicationEventPublisher events;
    private final AtomicBoolean trusted = new AtomicBoolean();

    CacheTrust(ApplicationEventPublisher events) {
        this.events = events;
    }

    public boolean trusted() {
        return trusted.get();
    }

    /** The listener is listening again: caches forget what they held, then may serve what they store. */
    void caughtUp() {
        events.publishEvent(new ChangesMissed());
        trusted.set(true);
    }

    /** The listener may miss changes from now on: caches stop serving and forget what they held. */
    void lost() {
        if (trusted.getAndSet(false)) {
            events.publishEvent(new ChangesMissed());
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("staffkit.cache.trusted", this, trust -> trust.trusted() ? 1 : 0)
                .description("1 while this instance hears every committed change and caches may serve, else 0")
                .register(registry);
    }
}
