package org.contributionledger.api.web;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

import jakarta.servlet.ServletException;

/**
 * Keeps slow request bodies from taking every worker thread. Tomcat hands a request to a worker
 * thread once its headers have arrived; the thread then waits for the body, and the socket's read
 * timeout restarts with every byte. 250 connections sending bodies a byte at a time once held all
 * 200 threads, and even the health probe timed out. So, ahead of every filter (authentication
 * included, since the attack needs no key):
 * <ul>
 *   <li>at most {@code maxConcurrentBodies} requests with a body are served at once; beyond that,
 *       503 at once, without reading the body;</li>
 *   <li>each body must arrive within {@code bodyTimeout} (408 otherwise, see ProblemHandler);</li>
 *   <li>a request answered with an error before its body was read has its connection closed instead
 *       of its body drained: Tomcat would otherwise read ("swallow") the rest of the body, at the
 *       client's pace, to keep the connection alive.</li>
 * </ul>
 * A valve rather than a servlet filter, because only the container can stop the swallowing. It sits
 * on the engine, outside Tomcat's error report, so that closing the connection is decided after
 * the whole answer is written.
 */
public class UploadLimitValve extends ValveBase {

    private final Semaphore bodies;
    private final Duration bodyTimeout;

    public UploadLimitValve(int maxConcurrentBodies, Duration bodyTimeout) {
        super(true);
        this.bodies = new Semaphore(maxConcurrentBodies);
        this.bodyTimeout = bodyTimeout;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        long contentLength;
        try {
            contentLength = request.getContentLengthLong();
        } catch (IllegalArgumentException notANumber) {
            // Tomcat has marked the request bad already, but everything downstream would trip over it.
            ContainerProblems.write(response, 400, "malformed-request", "Bad Request",
                    "Content-Length must be a single non-negative number");
            closeWithoutReadingBody(request);
            return;
        }
        if (contentLength <= 0 && request.getHeader("Transfer-Encoding") == null) {
            getNext().invoke(request, response);
            return;
        }
        if (!bodies.tryAcquire()) {
            response.setHeader("Retry-After", "1");
            response.setHeader("Connection", "close");
            ContainerProblems.write(response, 503, "too-many-uploads", "Too many uploads",
                    "The ledger is receiving as many request bodies as it takes at once; retry in a moment");
            closeWithoutReadingBody(request);
            return;
        }
        try {
            request.setRequest(new DeadlineBodyRequest(request.getRequest(), bodyTimeout));
            getNext().invoke(request, response);
        } finally {
            bodies.release();
        }
        if (response.getStatus() >= 400 && !bodyFullyRead(request)) {
            closeWithoutReadingBody(request);
        }
    }

    private static boolean bodyFullyRead(Request request) {
        AtomicBoolean fullyRead = new AtomicBoolean(true);
        request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
        return fullyRead.get();
    }

    /** Tomcat then writes the answer, closes the connection, and reads nothing more from it. */
    private static void closeWithoutReadingBody(Request request) {
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
    }
}
