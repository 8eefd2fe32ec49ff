package org.contributionledger.api;

import java.time.Instant;
import java.util.Map;

import org.axonframework.messaging.MetaData;

/**
 * Where a request came from: which key, which request, when it arrived. It travels as message
 * metadata, so every event carries it from the first event on without being part of the act.
 */
public record Provenance(String keyId, String requestId, Instant receivedAt) {

    /** The request attribute that holds the provenance of an accepted request (see security.KeyUseFilter). */
    public static final String REQUEST_ATTRIBUTE = Provenance.class.getName();

    public static final String KEY_ID = "keyId";
    public static final String REQUEST_ID = "requestId";
    public static final String RECEIVED_AT = "receivedAt";

    public MetaData metaData() {
        return MetaData.from(Map.of(KEY_ID, keyId, REQUEST_ID, requestId, RECEIVED_AT, receivedAt.toString()));
    }
}
