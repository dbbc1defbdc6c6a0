package com.staffkit.common.cache;

/**
 * Changes may have committed that this instance was not told of (its listening connection failed,
 * or a notification could not be read): every cache drops everything it holds.
 */
public record ChangesMissed() {}
