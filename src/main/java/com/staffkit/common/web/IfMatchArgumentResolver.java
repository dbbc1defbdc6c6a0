package com.staffkit.common.web;

import com.staffkit.common.error.PreconditionRequiredException;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Binds an {@link IfMatch} parameter from the {@code If-Match} header; where the operator requires
 * conditional writes ({@code staffkit.require-if-match}), a write without one is 428.
 */
final class IfMatchArgumentResolver implements HandlerMethodArgumentResolver {

    private final boolean required;

    IfMatchArgumentResolver(boolean required) {
        this.required = required;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == IfMatch.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest,
            WebDataBinderFactory binderFactory) {
        IfMatch ifMatch = IfMatch.parse(webRequest.getHeader(HttpHeaders.IF_MATCH));
        if (required && !ifMatch.present()) {
            throw new PreconditionRequiredException();
        }
        return ifMatch;
    }
}
