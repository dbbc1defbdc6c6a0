/**
 * The audit trail: every change and access event, recorded in the transaction that makes it,
 * append-only, kept for {@code staffkit.audit.retention} in monthly partitions.
 */
@NullMarked
package com.staffkit.audit;

import org.jspecify.annotations.NullMarked;
