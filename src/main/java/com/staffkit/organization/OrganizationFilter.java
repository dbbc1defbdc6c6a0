package com.staffkit.organization;

import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.BindParam;

/** The list filters of {@code GET /api/v1/organizations}, bound from the query string by name. */
record OrganizationFilter(
        @Parameter(description = "Children of this organization")
        Long parent,

        @BindParam("is_active") @Parameter(name = "is_active")
        Boolean isActive,

        @Parameter(description = "Partial match on name or slug")
        String search) {}
