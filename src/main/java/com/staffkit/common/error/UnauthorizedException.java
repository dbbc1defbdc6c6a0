package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Credentials that do not identify an account allowed to log in; the answer names the scheme. */
public class UnauthorizedException extends ApiException {

    public UnauthorizedException(String type, String title, String detail) {
        super(HttpStatus.UNAUTHORIZED, type, title, detail, List.of());
        getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"staffkit\"");
    }
}
