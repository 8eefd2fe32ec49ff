package org.contributionledger.api.write;

/**
 * A write that could not be carried out now for a reason that passes (the community's writes are
 * queued too long, or the database kept refusing for contention). Nothing of it was stored; the
 * same request, sent again after {@link #retryAfterSeconds()}, is decided afresh.
 */
public class WriteContention extends RuntimeException {

    private final int retryAfterSeconds;

    public WriteContention(String message, int retryAfterSeconds, Throwable cause) {
        super(message, cause);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
