package org.contributionledger.query.audit;

/** A checkpoint was asked for before any event was chained: there is no digest to record yet. */
public class NothingChained extends RuntimeException {

    public NothingChained() {
        super("No event is chained yet, so there is no digest to checkpoint; record something first"
                + " (the chain follows new events within about a second)");
    }
}
