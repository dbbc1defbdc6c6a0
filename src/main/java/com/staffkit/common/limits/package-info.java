/** Rate limits and lockouts: hits per key within a window, counted in PostgreSQL. */
@NullMarked
package com.staffkit.common.limits;

import org.jspecify.annotations.NullMarked;
