package com.staffkit.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** @param maxRequestBody the largest request body accepted; larger ones get 413 */
@ConfigurationProperties("staffkit.web")
public record WebProperties(DataSize maxRequestBody) {}
