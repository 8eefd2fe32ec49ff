package org.contributionledger.query.asof;

import java.time.Instant;

/** An as-of instant later than now: the ledger cannot say yet what will be true then. */
public class AsOfInFuture extends RuntimeException {

    public AsOfInFuture(Instant asked, Instant now) {
        super("asOf " + asked + " is in the future (it is now " + now + "); ask for an instant up to now,"
                + " or leave asOf out for the live answer");
    }
}
