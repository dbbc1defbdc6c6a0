package com.staffkit.common.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A handler answering one resource: its body gets an {@code ETag} ({@link EntityTags}); on a GET a
 * matching {@code If-None-Match} answers 304 without a body ({@link EntityTagAdvice}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface EntityTagged {}
