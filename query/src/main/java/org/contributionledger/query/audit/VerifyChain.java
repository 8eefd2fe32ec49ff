package org.contributionledger.query.audit;

/**
 * Recompute the chain from the event store and compare it with the chain table and, when given, with
 * a checkpoint the auditor kept.
 *
 * @param checkpoint null: check the chain table only
 */
public record VerifyChain(SuppliedCheckpoint checkpoint) {
}
