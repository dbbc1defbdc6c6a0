/**
 * Keeping what instances hold in memory in step with PostgreSQL: every committed change is
 * announced with {@code NOTIFY}, every instance listens, and caches serve nothing while an
 * instance may have missed an announcement.
 */
@NullMarked
package com.staffkit.common.cache;

import org.jspecify.annotations.NullMarked;
