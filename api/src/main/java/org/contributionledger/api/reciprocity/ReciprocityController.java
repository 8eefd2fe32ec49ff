package org.contributionledger.api.reciprocity;

import java.util.Optional;

import org.contributionledger.api.asof.AsOfParameter;
import org.contributionledger.api.asof.LiveOrAsOf;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.query.asof.AsOf;
import org.contributionledger.query.asof.ViewsAsOf;
import org.contributionledger.query.reciprocity.FindPairwiseReciprocity;
import org.contributionledger.query.reciprocity.FindReciprocity;
import org.contributionledger.query.reciprocity.PairwiseReciprocity;
import org.contributionledger.query.reciprocity.Reciprocity;
import org.contributionledger.query.reputation.FindNetworkStats;
import org.contributionledger.query.reputation.NetworkStats;
import org.contributionledger.query.reputation.ReputationHistory;
import org.contributionledger.query.stats.CommunityStats;
import org.contributionledger.query.stats.FindCommunityStats;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * Reciprocity and stats. With {@code asOf}, each answers for a past instant: the SQL views as they
 * stood at the position the instant resolves to ({@link ViewsAsOf}), and the network measures from
 * the reputation replayed to it ({@link ReputationHistory}).
 */
@RestController
@RequestMapping("/api/v1/communities/{communityId}")
public class ReciprocityController {

    private final LiveOrAsOf liveOrAsOf;
    private final AsOfParameter asOfParameter;
    private final ViewsAsOf views;
    private final ReputationHistory reputation;

    public ReciprocityController(LiveOrAsOf liveOrAsOf, AsOfParameter asOfParameter, ViewsAsOf views,
                                 ReputationHistory reputation) {
        this.liveOrAsOf = liveOrAsOf;
        this.asOfParameter = asOfParameter;
        this.views = views;
        this.reputation = reputation;
    }

    @GetMapping("/members/{memberId}/reciprocity")
    @Operation(operationId = "getMemberReciprocity", summary = "A member's reciprocity: contributor, balanced or taker",
            tags = "Reciprocity")
    @Refuses(also = {"400 as-of-in-future", "404 as-of-before-history"})
    public Reciprocity member(@PathVariable String communityId, @PathVariable String memberId,
                              @Parameter(description = AsOfParameter.DESCRIPTION)
                              @RequestParam(name = AsOfParameter.NAME, required = false) String asOf) {
        FindReciprocity query = new FindReciprocity(communityId, memberId);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        return liveOrAsOf.answer(query, at, Reciprocity.class, views::handle, Reciprocity::withAsOf)
                .orElseThrow(() -> new NotFound("Member '" + memberId + "' is not registered in community '"
                        + communityId + "'"));
    }

    @GetMapping("/reciprocity")
    @Operation(operationId = "getPairwiseReciprocity", summary = "What two members gave each other", tags = "Reciprocity")
    @Refuses(also = {"400 as-of-in-future", "404 as-of-before-history"})
    public PairwiseReciprocity pair(@PathVariable String communityId, @RequestParam String a,
                                    @RequestParam String b,
                                    @Parameter(description = AsOfParameter.DESCRIPTION)
                                    @RequestParam(name = AsOfParameter.NAME, required = false) String asOf) {
        FindPairwiseReciprocity query = new FindPairwiseReciprocity(communityId, a, b);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        return liveOrAsOf.answer(query, at, PairwiseReciprocity.class, views::handle, PairwiseReciprocity::withAsOf)
                .orElseThrow(() -> new NotFound("Members '" + a + "' and '" + b
                        + "' must both be registered in community '" + communityId + "'"));
    }

    /**
     * The ledger's counts (immediately consistent with writes) and, under {@code network}, the network
     * measures of the reputation snapshot (within about two seconds of writes).
     */
    @GetMapping("/stats")
    @Operation(operationId = "getCommunityStats", summary = "A community's counts and network measures", tags = "Statistics")
    @Refuses(also = {"503 reputation-unavailable", "503 reputation-replaying", "400 as-of-in-future",
            "404 as-of-before-history"})
    public StatsResponse stats(@PathVariable String communityId,
                               @Parameter(description = AsOfParameter.DESCRIPTION)
                               @RequestParam(name = AsOfParameter.NAME, required = false) String asOf) {
        FindCommunityStats ledgerQuery = new FindCommunityStats(communityId);
        FindNetworkStats networkQuery = new FindNetworkStats(communityId);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        CommunityStats counts = liveOrAsOf.answer(ledgerQuery, at, CommunityStats.class, views::handle)
                .orElseThrow(() -> new NotFound("Community '" + communityId + "' does not exist"));
        Optional<NetworkStats> network = liveOrAsOf.answer(networkQuery, at, NetworkStats.class, reputation::handle);
        return new StatsResponse(counts, network.orElse(null), at);
    }

    /**
     * {@code network}: absent, not null, until the reputation engine has seen the community (it
     * follows the store in the background, within about two seconds of the community's creation);
     * OpenAPI 3.0 cannot say "null" beside a $ref. {@code asOf}: null in a live answer, else the
     * instant asked and the position it resolved to.
     */
    public record StatsResponse(@JsonUnwrapped CommunityStats ledger,
                                @JsonInclude(JsonInclude.Include.NON_NULL) NetworkStats network, AsOf asOf) {
    }
}
