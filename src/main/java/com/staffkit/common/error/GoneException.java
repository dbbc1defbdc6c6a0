package com.staffkit.common.error;

import java.util.List;
import org.springframework.http.HttpStatus;

/** Something that existed but is no longer usable: a used or expired single-use token. */
public class GoneException extends ApiException {

    public GoneException(String type, String title, String detail) {
        super(HttpStatus.GONE, type, title, detail, List.of());
    }
}
