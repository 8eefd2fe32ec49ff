package org.contributionledger.query.audit;

/** The chain's checkpoints, oldest first, a page at a time ({@code cursor} null: from the first). */
public record FindCheckpoints(String cursor, int limit) {
}
