package com.staffkit.common.events;

import com.staffkit.common.security.Caller;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Who made a change.
 *
 * @param type a staff member, an API key, Staffkit itself (a scheduled or cascading change), or a
 *     caller not signed in (a password reset, an activation)
 * @param id the staff member's or the key's id; null for the system and anonymous callers
 * @param keyCreatorId for an API key, the staff member who created it
 */
public record Actor(Type type, @Nullable Long id, @Nullable Long keyCreatorId) {

    public enum Type {
        STAFF,
        API_KEY,
        SYSTEM,
        ANONYMOUS;

        /** How events name it in JSON and SQL: {@code staff}, {@code api_key}, ... */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Actor SYSTEM = new Actor(Type.SYSTEM, null, null);
    public static final Actor ANONYMOUS = new Actor(Type.ANONYMOUS, null, null);

    public static Actor of(Caller caller) {
        Long staffId = caller.staffId();
        if (staffId != null) {
            return staff(staffId);
        }
        return new Actor(Type.API_KEY, caller.apiKeyId(), caller.keyOwnerId());
    }

    public static Actor staff(long staffId) {
        return new Actor(Type.STAFF, staffId, null);
    }
}
