package org.contributionledger.api.web;

import java.io.IOException;
import java.time.Duration;

/** Thrown while a body is read, once it has taken longer than the ledger waits for any request body. */
public class RequestBodyTooSlow extends IOException {

    public RequestBodyTooSlow(Duration timeout) {
        super("The request body did not arrive within " + timeout.toSeconds() + " seconds");
    }
}
