package org.contributionledger.api.reciprocity;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.query.reciprocity.FindPairwiseReciprocity;
import org.contributionledger.query.reciprocity.FindReciprocity;
import org.contributionledger.query.reciprocity.PairwiseReciprocity;
import org.contributionledger.query.reciprocity.Reciprocity;
import org.contributionledger.query.reputation.FindNetworkStats;
import org.contributionledger.query.reputation.NetworkStats;
import org.contributionledger.query.stats.CommunityStats;
import org.contributionledger.query.stats.FindCommunityStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.Operation;

@RestController
@RequestMapping("/api/v1/communities/{communityId}")
public class ReciprocityController {

    private final QueryGateway queries;

    public ReciprocityController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/members/{memberId}/reciprocity")
    @Operation(operationId = "getMemberReciprocity", summary = "A member's reciprocity: contributor, balanced or taker",
            tags = "Reciprocity")
    public Reciprocity member(@PathVariable String communityId, @PathVariable String memberId) {
        return queries.query(new FindReciprocity(communityId, memberId),
                        ResponseTypes.optionalInstanceOf(Reciprocity.class)).join()
                .orElseThrow(() -> new NotFound("Member '" + memberId + "' is not registered in community '"
                        + communityId + "'"));
    }

    @GetMapping("/reciprocity")
    @Operation(operationId = "getPairwiseReciprocity", summary = "What two members gave each other", tags = "Reciprocity")
    public PairwiseReciprocity pair(@PathVariable String communityId, @RequestParam String a,
                                    @RequestParam String b) {
        return queries.query(new FindPairwiseReciprocity(communityId, a, b),
                        ResponseTypes.optionalInstanceOf(PairwiseReciprocity.class)).join()
                .orElseThrow(() -> new NotFound("Members '" + a + "' and '" + b
                        + "' must both be registered in community '" + communityId + "'"));
    }

    /**
     * The ledger's counts (immediately consistent with writes) and, under {@code network}, the network
     * measures of the reputation snapshot (within about two seconds of writes).
     */
    @GetMapping("/stats")
    @Operation(operationId = "getCommunityStats", summary = "A community's counts and network measures", tags = "Statistics")
    @Refuses(also = {"503 reputation-unavailable", "503 reputation-replaying"})
    public StatsResponse stats(@PathVariable String communityId) {
        CommunityStats ledger = queries.query(new FindCommunityStats(communityId),
                        ResponseTypes.optionalInstanceOf(CommunityStats.class)).join()
                .orElseThrow(() -> new NotFound("Community '" + communityId + "' does not exist"));
        NetworkStats network = queries.query(new FindNetworkStats(communityId),
                ResponseTypes.optionalInstanceOf(NetworkStats.class)).join().orElse(null);
        return new StatsResponse(ledger, network);
    }

    public record StatsResponse(@JsonUnwrapped CommunityStats ledger, NetworkStats network) {
    }
}
