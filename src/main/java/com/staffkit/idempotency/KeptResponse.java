package com.staffkit.idempotency;

import org.jspecify.annotations.Nullable;

/** The part of a first answer that a retry gets again: status, {@code Location}, {@code Content-Type}, body. */
record KeptResponse(
        int status, @Nullable String location, @Nullable String contentType, byte[] body) {}
