package org.contributionledger.api.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.contributionledger.api.contribution.ContributionController;
import org.contributionledger.api.contribution.ContributionRequest;
import org.contributionledger.api.member.MemberController;
import org.contributionledger.api.trust.TrustController;
import org.contributionledger.core.common.InvalidField;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The write operations a platform may send through Kafka, each served by the very controller
 * method that serves its HTTP call: same rules, same idempotency, same answer. Names are the
 * operation ids of the OpenAPI document; parameters are the call's path and query parameters.
 */
public class CommandOperations {

    private interface Handler {
        ResponseEntity<?> apply(String communityId, Map<String, String> parameters, JsonNode body)
                throws JsonProcessingException;
    }

    private record Operation(Set<String> parameters, Handler handler) {
    }

    private final ObjectMapper json;
    private final Map<String, Operation> operations = new LinkedHashMap<>();

    public CommandOperations(ContributionController contributions, TrustController trust, MemberController members,
                             ObjectMapper json) {
        this.json = json;
        add("recordContribution", Set.of(), (community, parameters, body) ->
                contributions.record(community, read(body, ContributionRequest.class)));
        add("recordContributions", Set.of(), (community, parameters, body) -> ResponseEntity.ok(
                contributions.recordBatch(community, read(body, ContributionController.BatchRequest.class))));
        add("confirmContribution", Set.of("contributionId"), (community, parameters, body) -> ResponseEntity.ok(
                contributions.confirm(community, parameters.get("contributionId"),
                        read(body, ContributionController.ByRequest.class))));
        add("disputeContribution", Set.of("contributionId"), (community, parameters, body) -> ResponseEntity.ok(
                contributions.dispute(community, parameters.get("contributionId"),
                        read(body, ContributionController.ByRequest.class))));
        add("revokeContribution", Set.of("contributionId"), (community, parameters, body) -> ResponseEntity.ok(
                contributions.revoke(community, parameters.get("contributionId"),
                        read(body, ContributionController.ByRequest.class))));
        add("correctContribution", Set.of("contributionId"), (community, parameters, body) -> ResponseEntity.ok(
                contributions.correct(community, parameters.get("contributionId"),
                        read(body, ContributionController.CorrectionRequest.class))));
        add("acceptCorrection", Set.of("contributionId"), (community, parameters, body) -> ResponseEntity.ok(
                contributions.acceptCorrection(community, parameters.get("contributionId"),
                        read(body, ContributionController.ByRequest.class))));
        add("rejectCorrection", Set.of("contributionId"), (community, parameters, body) -> ResponseEntity.ok(
                contributions.rejectCorrection(community, parameters.get("contributionId"),
                        read(body, ContributionController.ByRequest.class))));
        add("declareTrust", Set.of("truster", "trustee", "category?"), (community, parameters, body) ->
                ResponseEntity.ok(trust.declare(community, parameters.get("truster"), parameters.get("trustee"),
                        parameters.get("category"), read(body, TrustController.DeclareTrustRequest.class))));
        add("declareTrusts", Set.of(), (community, parameters, body) -> ResponseEntity.ok(
                trust.declareBatch(community, read(body, TrustController.BatchRequest.class))));
        add("withdrawTrust", Set.of("truster", "trustee", "category?"), (community, parameters, body) -> {
            if (body != null && !body.isNull()) {
                throw new InvalidField("body", "withdrawTrust takes no body");
            }
            return trust.withdraw(community, parameters.get("truster"), parameters.get("trustee"),
                    parameters.get("category"));
        });
        add("registerMember", Set.of(), (community, parameters, body) ->
                members.register(community, read(body, MemberController.RegisterMemberRequest.class)));
        add("registerMembers", Set.of(), (community, parameters, body) -> ResponseEntity.ok(
                members.registerBatch(community, read(body, MemberController.BatchRequest.class))));
    }

    /** {@code parameters}: the names the operation takes; a name ending in {@code ?} is optional. */
    private void add(String name, Set<String> parameters, Handler handler) {
        operations.put(name, new Operation(parameters, handler));
    }

    public Set<String> names() {
        return new TreeSet<>(operations.keySet());
    }

    /**
     * Serves one command as its HTTP call would be served; the caller has checked the key.
     *
     * @throws UnknownOperation        when no operation has the command's name
     * @throws InvalidField            when a parameter is missing or unknown, or the body is missing
     * @throws JsonProcessingException when the body is not the operation's request
     */
    public ResponseEntity<?> apply(CommandRecord command) throws JsonProcessingException {
        Operation operation = operations.get(command.operation());
        if (operation == null) {
            throw new UnknownOperation(command.operation(), names());
        }
        checkParameters(command, operation.parameters());
        return operation.handler().apply(command.communityId(), command.parameters(), command.body());
    }

    private static void checkParameters(CommandRecord command, Set<String> taken) {
        Set<String> names = new TreeSet<>();
        taken.forEach(name -> names.add(name.replace("?", "")));
        for (String name : command.parameters().keySet()) {
            if (!names.contains(name)) {
                throw new InvalidField("parameters." + name, "'" + name + "' is not a parameter of "
                        + command.operation() + (names.isEmpty() ? ", which takes none" : "; it takes " + names));
            }
        }
        for (String name : taken) {
            String value = command.parameters().get(name);
            if (!name.endsWith("?") && (value == null || value.isBlank())) {
                throw new InvalidField("parameters." + name, command.operation() + " needs the parameter '" + name + "'");
            }
        }
    }

    private <T> T read(JsonNode body, Class<T> type) throws JsonProcessingException {
        if (body == null || body.isNull()) {
            throw new InvalidField("body", "A JSON request body is required");
        }
        return json.treeToValue(body, type);
    }

    /** Thrown when a command names no operation the ledger serves through Kafka. */
    public static final class UnknownOperation extends RuntimeException {

        UnknownOperation(String operation, Set<String> known) {
            super(operation == null ? "operation is required; one of " + known
                    : "'" + operation + "' is not an operation served through Kafka; one of " + known);
        }
    }
}
