package com.staffkit.staff;

import com.staffkit.common.cache.CacheTrust;
import com.staffkit.common.cache.ChangesMissed;
import com.staffkit.common.cache.CommittedChange;
import com.staffkit.common.cache.TrustedCache;
import com.staffkit.common.events.Target;
import com.staffkit.role.RoleGrant;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a single create's rules look up, kept in memory: whether an organization is in force, and
 * which roles a list of names means in it. Both change rarely and are announced when they do
 * ({@link CommittedChange}): every organization's state is dropped when any organization changes
 * (a deactivation takes its descendants with it), every role list when any role or organization
 * changes. A refused lookup (an unknown role) is not kept; nothing is served while this instance
 * may have missed a change ({@link TrustedCache}).
 */
@Component
class RegistrationLookupCache implements MeterBinder {

    /** Organizations and distinct role lists: a handful each per organization. */
    private static final long MAXIMUM_SIZE = 10_000;

    private final TrustedCache<Long, Boolean> organizationsInForce;
    private final TrustedCache<RolesKey, List<RoleGrant>> roles;

    RegistrationLookupCache(CacheTrust trust) {
        this.organizationsInForce = new TrustedCache<>("organizations_in_force", MAXIMUM_SIZE, trust);
        this.roles = new TrustedCache<>("role_names", MAXIMUM_SIZE, trust);
    }

    private record RolesKey(long organizationId, List<String> names) {}

    boolean organizationInForce(long organizationId, LongPredicate load) {
        return organizationsInForce
                .get(organizationId, id -> Optional.of(load.test(id)))
                .orElseThrow();
    }

    List<RoleGrant> roles(long organizationId, List<String> names, Supplier<List<RoleGrant>> load) {
        return roles.get(new RolesKey(organizationId, List.copyOf(names)), key -> Optional.of(List.copyOf(load.get())))
                .orElseThrow();
    }

    @EventListener
    void onChange(CommittedChange change) {
        if (change.targets(Target.ORGANIZATION)) {
            organizationsInForce.evictAll();
            roles.evictAll();
        } else if (change.targets(Target.ROLE)) {
            roles.evictAll();
        }
    }

    @EventListener
    void onChangesMissed(ChangesMissed missed) {
        organizationsInForce.evictAll();
        roles.evictAll();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        organizationsInForce.bindTo(registry);
        roles.bindTo(registry);
    }
}
