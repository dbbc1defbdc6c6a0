/**
 * The domain events every owner of an aggregate publishes, one per change, in the transaction that
 * makes it.
 */
@NullMarked
package com.staffkit.common.events;

import org.jspecify.annotations.NullMarked;
