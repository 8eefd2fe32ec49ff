package org.contributionledger.api.problem;

import java.sql.SQLTransientConnectionException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * No database connection came free in time: every connection of the pool was busy for the pool's
 * whole connection timeout. An overload, not a fault of the request, so it is answered 503 with
 * {@code Retry-After} (nothing was stored) rather than 500.
 */
public final class DatabaseBusy {

    public static final int RETRY_AFTER_SECONDS = 1;

    private DatabaseBusy() {
    }

    /** Whether the failure comes from waiting for a connection (the pool's timeout, as Hikari reports it). */
    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    public static ProblemDetail problem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "database-busy", "Database busy",
                "Every database connection stayed busy too long; nothing was stored. Send the same request again after "
                        + RETRY_AFTER_SECONDS + " s");
    }
}
