package org.contributionledger.api.security;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** Caps the body of a request sent without a trustworthy Content-Length (chunked, or lying). */
final class LimitedBodyRequest extends HttpServletRequestWrapper {

    private final long limitBytes;
    private ServletInputStream limited;

    LimitedBodyRequest(HttpServletRequest request, long limitBytes) {
        super(request);
        this.limitBytes = limitBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (limited == null) {
            ServletInputStream original = super.getInputStream();
            limited = new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = original.read();
                    if (b >= 0 && ++read > limitBytes) {
                        throw new PayloadTooLarge(limitBytes);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = original.read(buffer, offset, length);
                    if (n > 0) {
                        read += n;
                        if (read > limitBytes) {
                            throw new PayloadTooLarge(limitBytes);
                        }
                    }
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
        return limited;
    }
}
