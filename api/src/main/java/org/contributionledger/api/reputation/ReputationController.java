package org.contributionledger.api.reputation;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.query.reputation.FindInfluencers;
import org.contributionledger.query.reputation.FindLeaderboard;
import org.contributionledger.query.reputation.FindReputation;
import org.contributionledger.query.reputation.Influencers;
import org.contributionledger.query.reputation.Leaderboard;
import org.contributionledger.query.reputation.MemberReputation;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Reputation reads. They answer from the latest computed snapshot, which follows writes within
 * about two seconds; {@code freshness} in every answer says which changes it includes. Just after a
 * start, until the history has been replayed, they answer 503 (see ReplayProgress).
 */
@RestController
@RequestMapping("/api/v1/communities/{communityId}")
@ApiResponse(responseCode = "503", description = "Reputation is being rebuilt after a start (reputation-replaying, with"
        + " Retry-After, replayed and total), or cannot be computed for this community (reputation-unavailable)",
        content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
public class ReputationController {

    private final QueryGateway queries;

    public ReputationController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/members/{memberId}/reputation")
    public MemberReputation reputation(@PathVariable String communityId, @PathVariable String memberId,
                                       @RequestParam(defaultValue = "5") int topSources) {
        return queries.query(new FindReputation(communityId, memberId, topSources),
                        ResponseTypes.optionalInstanceOf(MemberReputation.class)).join()
                .orElseThrow(() -> new NotFound("No reputation yet for member '" + memberId + "' in community '"
                        + communityId + "': unknown member, or the first computation is still running"));
    }

    @GetMapping("/leaderboard")
    public Leaderboard leaderboard(@PathVariable String communityId,
                                   @RequestParam(required = false) String category,
                                   @RequestParam(defaultValue = "20") int limit,
                                   @RequestParam(defaultValue = "0") int offset) {
        return queries.query(new FindLeaderboard(communityId, category, limit, offset),
                        ResponseTypes.optionalInstanceOf(Leaderboard.class)).join()
                .orElseThrow(() -> new NotFound("No leaderboard for community '" + communityId + "'"
                        + (category == null ? "" : " and category '" + category + "'")
                        + ": unknown community, or a category it does not have"));
    }

    @GetMapping("/members/{memberId}/influencers")
    public Influencers influencers(@PathVariable String communityId, @PathVariable String memberId,
                                   @RequestParam(required = false) String category,
                                   @RequestParam(defaultValue = "10") int limit) {
        return queries.query(new FindInfluencers(communityId, memberId, category, limit),
                        ResponseTypes.optionalInstanceOf(Influencers.class)).join()
                .orElseThrow(() -> new NotFound("No influencers for member '" + memberId + "' in community '"
                        + communityId + "'" + (category == null ? "" : " and category '" + category + "'")));
    }
}
