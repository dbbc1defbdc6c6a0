package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A write without {@code If-Match} where the operator requires one ({@code STAFFKIT_REQUIRE_IF_MATCH}). */
public class PreconditionRequiredException extends ApiException {

    public PreconditionRequiredException() {
        super(
                HttpStatus.PRECONDITION_REQUIRED,
                "precondition-required",
                "Precondition required",
                "Send If-Match with the ETag of the resource as you last read it.",
                List.of());
    }
}
