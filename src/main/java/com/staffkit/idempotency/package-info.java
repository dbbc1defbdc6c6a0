/**
 * Safe retries: an authenticated {@code POST} under {@code /api/} that carries an
 * {@code Idempotency-Key} is done at most once per credential and key, and its retries get the first
 * answer again, on any instance.
 */
@NullMarked
package com.staffkit.idempotency;

import org.jspecify.annotations.NullMarked;
