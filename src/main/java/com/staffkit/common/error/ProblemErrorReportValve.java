package com.staffkit.common.error;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error report for what it refuses before the application sees a request (an invalid or
 * badly encoded URL, an encoded slash, oversized headers, an unparseable request line): problem+json
 * instead of an HTML page. {@link TomcatProblemConfiguration} makes it the host's only error report
 * valve.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        boolean scim = isScim(request);
        String body = JsonMapper.shared()
                .writeValueAsString(
                        scim
                                ? ScimErrors.body(StatusProblems.of(status))
                                : StatusProblems.members(status, ProblemTypes.instance(requestPath(request))));
        try {
            SecurityHeaders.set(response);
            response.setContentType(scim ? ScimErrors.MEDIA_TYPE_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException ex) {
            // The client is gone or the response cannot take a body any more: nothing left to tell.
        }
    }

    /** Under {@code /scim/}, the SCIM error schema; a URI too broken to read is no SCIM request. */
    private static boolean isScim(Request request) {
        try {
            return ScimErrors.covers(request);
        } catch (RuntimeException ex) {
            return false;
        }
    }

    private static String requestPath(Request request) {
        try {
            return request.getRequestURI();
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
