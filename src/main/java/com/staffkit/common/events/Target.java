package com.staffkit.common.events;

import java.util.List;

/**
 * What a change was made to.
 *
 * @param type the kind of aggregate: {@code staff}, {@code team}, {@code role}, {@code store},
 *     {@code organization}, {@code api_key}, {@code webhook}
 * @param id its id
 * @param display how people recognize it (a name, a login), as it was when the change was made
 */
public record Target(String type, long id, String display) {

    public static final String STAFF = "staff";
    public static final String TEAM = "team";
    public static final String ROLE = "role";
    public static final String STORE = "store";
    public static final String ORGANIZATION = "organization";
    public static final String API_KEY = "api_key";
    public static final String WEBHOOK = "webhook";

    /** Every kind of aggregate an event can target. */
    public static final List<String> TYPES = List.of(STAFF, TEAM, ROLE, STORE, ORGANIZATION, API_KEY, WEBHOOK);
}
