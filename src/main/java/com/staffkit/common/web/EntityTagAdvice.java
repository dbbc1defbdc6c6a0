package com.staffkit.common.web;

import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Tags the body of every {@link EntityTagged} handler, and answers a GET whose
 * {@code If-None-Match} names that tag with 304 (Spring's {@code checkNotModified}, which also
 * handles {@code *} and lists). Writes only get the new tag: their {@code If-Match} was checked by
 * the service before the change ({@link IfMatch}).
 */
@ControllerAdvice
class EntityTagAdvice implements ResponseBodyAdvice<Object> {

    private final EntityTags tags;

    EntityTagAdvice(EntityTags tags) {
        this.tags = tags;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return returnType.hasMethodAnnotation(EntityTagged.class);
    }

    @Override
    public @Nullable Object beforeBodyWrite(
            @Nullable Object body,
            MethodParameter returnType,
            MediaType selectedContentType,
            Class<? extends HttpMessageConverter<?>> selectedConverterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body == null
                || !(request instanceof ServletServerHttpRequest servletRequest)
                || !(response instanceof ServletServerHttpResponse servletResponse)
                || servletResponse.getServletResponse().getStatus() >= 300) {
            return body;
        }
        String tag = tags.of(body);
        if (request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            ServletWebRequest web =
                    new ServletWebRequest(servletRequest.getServletRequest(), servletResponse.getServletResponse());
            if (web.checkNotModified(tag)) {
                // 304: Spring has set the status and the ETag; there is no body to write.
                return null;
            }
        }
        response.getHeaders().set(HttpHeaders.ETAG, tag);
        return body;
    }
}
