package org.contributionledger.api;

import java.util.function.Supplier;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.contributionledger.api.batch.ContributionBatchRecorder;
import org.contributionledger.api.batch.ContributionBatchRecorder.SingleAct;
import org.contributionledger.api.problem.ProblemHandler;
import org.contributionledger.api.write.CommunityWriteGate;
import org.contributionledger.api.write.GroupCommit;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.contribution.RecordContribution;
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
    private final ContributionBatchRecorder acts;

    public LedgerCommands(CommandGateway gateway, GroupCommit writes, ContributionBatchRecorder acts) {
        this.gateway = gateway;
        this.writes = writes;
        this.acts = acts;
    }

    /**
     * Concurrent commands of one community may share one transaction ({@link GroupCommit}); a command
     * refused by a rule (as a batch item would be: it stored nothing) is refused alone. New acts
     * queued together are recorded as one batch (the same decision, events and answers as their
     * commands, at a fraction of the cost: see {@link ContributionBatchRecorder}).
     */
    public <R> R send(CommunityCommand command) {
        MetaData provenance = currentProvenance().metaData();
        if (command instanceof RecordContribution act) {
            return writes.writeTogether(command.communityId(), new SingleAct(act, provenance), acts.singleActs());
        }
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(provenance);
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
