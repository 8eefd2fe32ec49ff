package org.contributionledger.query.audit;

/**
 * One stored event with its place in the hash chain, as an export writes it.
 *
 * @param aggregateType  Axon's {@code type} column (not covered by the chain)
 * @param digest         the chain's digest after this event; null while the event is not chained yet
 * @param previousDigest the chain's digest before it (32 zero bytes for the first event), so that
 *                       SHA-256(previousDigest || canonical bytes) == digest is checked on this
 *                       event alone; null when digest is
 */
public record ExportedEvent(StoredEvent stored, String aggregateType, String digest, String previousDigest) {
}
