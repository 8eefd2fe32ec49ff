package org.contributionledger.api.kafka;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A command as a platform writes it to {@code ledger.commands}: the HTTP call it stands for,
 * written down. {@code operation} is the call's operation id in the OpenAPI document (e.g.
 * {@code recordContribution}), {@code parameters} its path and query parameters other than the
 * community (e.g. {@code contributionId}), {@code body} the JSON body it would POST. The community
 * key travels in the record's {@code authorization} header, as {@code Bearer <key>}.
 *
 * @param requestId the client's id for this command: the key of its result on
 *                  {@code ledger.commands.results}, and the request id its events carry
 */
public record CommandRecord(String operation, String communityId, String requestId, Map<String, String> parameters,
                            JsonNode body) {

    public CommandRecord {
        parameters = parameters == null ? Map.of() : parameters;
    }
}
