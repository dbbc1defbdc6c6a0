package com.staffkit.idempotency;

import java.util.UUID;

/** What a request finds when it claims its key. */
sealed interface Claim {

    /** The key is this request's: do the work, then complete or release the claim. */
    record Held(long id, UUID token) implements Claim {}

    /** The first request with the key finished; this is its answer. */
    record Completed(KeptResponse response) implements Claim {}

    /** The first request with the key is still running (on this instance or another). */
    record Running() implements Claim {}

    /** The key was first used for a request with another fingerprint. */
    record OtherRequest() implements Claim {}
}
