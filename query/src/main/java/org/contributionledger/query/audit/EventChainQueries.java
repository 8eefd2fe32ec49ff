package org.contributionledger.query.audit;

import org.axonframework.queryhandling.QueryHandler;

/** Answers the audit's questions: is the history intact, and which checkpoints were taken. */
public class EventChainQueries {

    private final ChainVerifier verifier;
    private final ChainCheckpoints checkpoints;

    public EventChainQueries(ChainVerifier verifier, ChainCheckpoints checkpoints) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
    }

    @QueryHandler
    public ChainVerification verify(VerifyChain query) {
        return verifier.verify(query.checkpoint());
    }

    @QueryHandler
    public Checkpoints checkpoints(FindCheckpoints query) {
        return checkpoints.page(query.cursor(), query.limit());
    }
}
