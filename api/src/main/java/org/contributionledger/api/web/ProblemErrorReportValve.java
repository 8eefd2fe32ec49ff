package org.contributionledger.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, as problem+json instead of its HTML page. Tomcat answers some requests
 * itself, before any filter or controller sees them: malformed request lines and paths
 * ({@code GET /a%00b}, {@code GET /%}), oversized headers, unsupported HTTP versions. Tomcat
 * creates this valve by class name, so it has no constructor arguments.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /** Same conditions as Tomcat's own report: an error status, nothing written yet, reported once. */
    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            // Before the writer is taken: its encoding is fixed then.
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                ContainerProblems.report(writer, status);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body: nothing more to tell anyone.
        }
    }
}
