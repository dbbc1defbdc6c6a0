/**
 * Webhooks: an organization's endpoints receive its audit events as signed HTTP POSTs (Standard
 * Webhooks 1.0), queued in the transaction that records each event and retried for about a day.
 */
@NullMarked
package com.staffkit.webhook;

import org.jspecify.annotations.NullMarked;
