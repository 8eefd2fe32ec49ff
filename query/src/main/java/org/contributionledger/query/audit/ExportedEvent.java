package org.contributionledger.query.audit;

import java.util.Map;

/**
 * One stored event with its place in the hash chain, as an export writes it.
 *
 * @param aggregateType  Axon's {@code type} column (not covered by the chain)
 * @param digest         the chain's digest after this event; null while the event is not chained yet
 * @param previousDigest the chain's digest before it (32 zero bytes for the first event), so that
 *                       SHA-256(previousDigest || canonical bytes) == digest is checked on this
 *                       event alone; null when digest is
 * @param dataKeys       the data keys (base64, by key id) of this event's encrypted personal fields
 *                       that still exist, so that an offline copy can read them; an erased member's
 *                       key is not among them (docs/audit.md, "Erasure")
 */
public record ExportedEvent(StoredEvent stored, String aggregateType, String digest, String previousDigest,
                            Map<String, String> dataKeys) {

    public ExportedEvent {
        dataKeys = Map.copyOf(dataKeys);
    }

    /** An event without encrypted fields. */
    public ExportedEvent(StoredEvent stored, String aggregateType, String digest, String previousDigest) {
        this(stored, aggregateType, digest, previousDigest, Map.of());
    }
}
