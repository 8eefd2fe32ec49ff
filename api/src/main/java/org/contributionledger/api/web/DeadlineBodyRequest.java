package org.contributionledger.api.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * Gives the whole request body one deadline. The socket's read timeout only bounds the wait for the
 * next bytes, so a client sending one byte every few seconds could otherwise hold a worker thread
 * for as long as it likes. Each read may still wait for one read timeout, so a body is refused at
 * most one read timeout after its deadline.
 */
final class DeadlineBodyRequest extends HttpServletRequestWrapper {

    private final Duration timeout;
    private final long deadlineNanos;
    private ServletInputStream body;

    DeadlineBodyRequest(HttpServletRequest request, Duration timeout) {
        super(request);
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (body == null) {
            ServletInputStream original = super.getInputStream();
            body = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    checkDeadline();
                    int b = original.read();
                    checkDeadline();
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    checkDeadline();
                    int n = original.read(buffer, offset, length);
                    checkDeadline();
                    return n;
                }

                @Override
                public boolean isFinished() {
                    return original.isFinished();
                }

                @Override
                public boolean isReady() {
                    return original.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    original.setReadListener(listener);
                }
            };
        }
        return body;
    }

    private void checkDeadline() throws RequestBodyTooSlow {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new RequestBodyTooSlow(timeout);
        }
    }
}
