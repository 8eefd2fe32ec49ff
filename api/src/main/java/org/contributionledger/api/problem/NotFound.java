package org.contributionledger.api.problem;

/** A read found nothing at the path it was given: 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
