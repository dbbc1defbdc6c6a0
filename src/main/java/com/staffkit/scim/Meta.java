package com.staffkit.scim;

/** A discovery document's {@code meta}: what kind of resource it is and where it lives. */
record Meta(String resourceType, String location) {}
