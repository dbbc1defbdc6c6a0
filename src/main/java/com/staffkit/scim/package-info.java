/**
 * SCIM 2.0 (RFC 7643, RFC 7644) under {@code /scim/v2}, for identity providers provisioning with an
 * API key sent as {@code Authorization: Bearer}: the discovery documents so far; errors in the SCIM
 * error schema come from {@code common.error.ScimErrors}.
 */
@NullMarked
package com.staffkit.scim;

import org.jspecify.annotations.NullMarked;
