package com.staffkit.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * An {@link IntegrationTest} whose context caches callers, as production does. Every class marked
 * with it shares that one context. The change listener waits two seconds before it reconnects, so a
 * test can watch an instance while it is deaf.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@TestPropertySource(
        properties = {
            "staffkit.auth.caller-cache-ttl=1h",
            "staffkit.cache.reconnect-backoff=" + CallerCacheOn.RECONNECT_BACKOFF
        })
public @interface CallerCacheOn {

    String RECONNECT_BACKOFF = "2s";
}
