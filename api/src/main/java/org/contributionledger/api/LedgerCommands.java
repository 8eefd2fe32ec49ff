package org.contributionledger.api;

import java.util.function.Supplier;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.contributionledger.api.problem.ProblemHandler;
import org.contributionledger.api.write.CommunityWriteGate;
import org.contributionledger.api.write.GroupCommit;
import org.contributionledger.core.common.CommunityCommand;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The command gateway with the current request's provenance attached as metadata, as the
 * community's only writer of the moment (see {@link CommunityWriteGate}). It waits for the command:
 * when it returns, the events are stored (and the subscribing views updated).
 * <p>
 * The request is an HTTP request, or a command record read from Kafka: that one has no HTTP
 * request, so its provenance is bound to the thread for as long as it is handled (see
 * {@link #actingFor}), and the same controllers serve both.
 */
@Component
public class LedgerCommands {

    private static final ThreadLocal<Provenance> OUTSIDE_HTTP = new ThreadLocal<>();

    private final CommandGateway gateway;
    private final GroupCommit writes;

    public LedgerCommands(CommandGateway gateway, GroupCommit writes) {
        this.gateway = gateway;
        this.writes = writes;
    }

    /**
     * Concurrent commands of one community may share one transaction ({@link GroupCommit}); a command
     * refused by a rule (as a batch item would be: it stored nothing) is refused alone.
     */
    public <R> R send(CommunityCommand command) {
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(currentProvenance().metaData());
        return writes.write(command.communityId(), () -> gateway.sendAndWait(message),
                refused -> ProblemHandler.problemFor(refused) != null);
    }

    /** Does {@code work} on behalf of a caller that is not an HTTP request; its commands carry {@code provenance}. */
    public static <T> T actingFor(Provenance provenance, Supplier<T> work) {
        OUTSIDE_HTTP.set(provenance);
        try {
            return work.get();
        } finally {
            OUTSIDE_HTTP.remove();
        }
    }

    public static Provenance currentProvenance() {
        Provenance bound = OUTSIDE_HTTP.get();
        if (bound != null) {
            return bound;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        Provenance provenance = attributes == null ? null : (Provenance) attributes.getAttribute(
                Provenance.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (provenance == null) {
            throw new IllegalStateException("No provenance: the request was not authenticated by an API key");
        }
        return provenance;
    }
}
