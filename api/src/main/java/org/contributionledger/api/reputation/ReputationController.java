package org.contributionledger.api.reputation;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.contributionledger.api.asof.AsOfParameter;
import org.contributionledger.api.asof.LiveOrAsOf;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.paging.QueryParameters;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.query.asof.AsOf;
import org.contributionledger.query.reputation.FindInfluencers;
import org.contributionledger.query.reputation.FindLeaderboard;
import org.contributionledger.query.reputation.FindMemberNetwork;
import org.contributionledger.query.reputation.FindReputation;
import org.contributionledger.query.reputation.Freshness;
import org.contributionledger.query.reputation.Influencers;
import org.contributionledger.query.reputation.Leaderboard;
import org.contributionledger.query.reputation.MemberNetwork;
import org.contributionledger.query.reputation.MemberReputation;
import org.contributionledger.query.reputation.ReputationHistory;
import org.contributionledger.query.reputation.SinceInFuture;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reputation reads. They answer from the latest computed snapshot, which follows writes within
 * about two seconds; {@code freshness} in every answer says which changes it includes. Just after a
 * start, until the history has been replayed, they answer 503 (see ReplayProgress).
 * <p>
 * With {@code asOf}, each answers for a past instant from the community's events replayed up to the
 * position the instant resolves to ({@link ReputationHistory}), in the live answer's shape.
 */
@RestController
@Tag(name = "Reputation", description = "Trust-weighted influence (EigenTrust), from a snapshot that follows writes within about two seconds")
@RequestMapping("/api/v1/communities/{communityId}")
public class ReputationController {

    private final LiveOrAsOf liveOrAsOf;
    private final AsOfParameter asOfParameter;
    private final ReputationHistory history;

    public ReputationController(LiveOrAsOf liveOrAsOf, AsOfParameter asOfParameter, ReputationHistory history) {
        this.liveOrAsOf = liveOrAsOf;
        this.asOfParameter = asOfParameter;
        this.history = history;
    }

    @GetMapping("/members/{memberId}/reputation")
    @Operation(operationId = "getMemberReputation", summary = "A member's reputation and why")
    @Refuses(also = {"503 reputation-unavailable", "503 reputation-replaying", "400 as-of-in-future",
            "404 as-of-before-history"})
    public MemberReputation reputation(@PathVariable String communityId, @PathVariable String memberId,
                                       @RequestParam(defaultValue = "5") int topSources,
                                       @Parameter(description = AsOfParameter.DESCRIPTION)
                                       @RequestParam(name = AsOfParameter.NAME, required = false) String asOf) {
        FindReputation query = new FindReputation(communityId, memberId, topSources);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        return liveOrAsOf.answer(query, at, MemberReputation.class, history::handle, MemberReputation::withAsOf)
                .orElseThrow(() -> new NotFound("No reputation yet for member '" + memberId + "' in community '"
                        + communityId + "': unknown member, or the first computation is still running"));
    }

    /** Ranked from one snapshot: paged by offset (ranks, not members, are what a page holds), with a {@code next} link. */
    @GetMapping("/leaderboard")
    @Operation(operationId = "getLeaderboard", summary = "Members by influence, overall or for one category")
    @Refuses(also = {"400 limit-out-of-range", "503 reputation-unavailable", "503 reputation-replaying",
            "400 as-of-in-future", "404 as-of-before-history"})
    public LeaderboardPage leaderboard(@PathVariable String communityId,
                                       @RequestParam(required = false) String category,
                                       @RequestParam(defaultValue = "20") int limit,
                                       @RequestParam(defaultValue = "0") int offset,
                                       @Parameter(description = AsOfParameter.DESCRIPTION)
                                       @RequestParam(name = AsOfParameter.NAME, required = false) String asOf,
                                       HttpServletRequest request) {
        FindLeaderboard query = new FindLeaderboard(communityId, category, limit, offset);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        Leaderboard board = liveOrAsOf.answer(query, at, Leaderboard.class, history::handle)
                .orElseThrow(() -> new NotFound("No leaderboard for community '" + communityId + "'"
                        + (category == null ? "" : " and category '" + category + "'")
                        + ": unknown community, or a category it does not have"));
        // In long: offset + limit near Integer.MAX_VALUE must not overflow into a page that exists.
        long nextOffset = (long) offset + limit;
        String next = nextOffset >= board.total() ? null : request.getRequestURI() + "?"
                + (category == null ? "" : "category=" + URLEncoder.encode(category, StandardCharsets.UTF_8) + "&")
                + "limit=" + limit + "&offset=" + nextOffset
                + (at == null ? "" : "&asOf=" + at.instant());
        return new LeaderboardPage(board.communityId(), board.category(), board.total(), board.entries(),
                board.freshness(), next, at);
    }

    @GetMapping("/members/{memberId}/influencers")
    @Operation(operationId = "getInfluencers", summary = "The members whose trust most shapes one member's reputation")
    @Refuses(also = {"503 reputation-unavailable", "503 reputation-replaying", "400 as-of-in-future",
            "404 as-of-before-history"})
    public Influencers influencers(@PathVariable String communityId, @PathVariable String memberId,
                                   @RequestParam(required = false) String category,
                                   @RequestParam(defaultValue = "10") int limit,
                                   @Parameter(description = AsOfParameter.DESCRIPTION)
                                   @RequestParam(name = AsOfParameter.NAME, required = false) String asOf) {
        FindInfluencers query = new FindInfluencers(communityId, memberId, category, limit);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        return liveOrAsOf.answer(query, at, Influencers.class, history::handle, Influencers::withAsOf)
                .orElseThrow(() -> new NotFound("No influencers for member '" + memberId + "' in community '"
                        + communityId + "'" + (category == null ? "" : " and category '" + category + "'")));
    }

    /**
     * One member's network in one answer (docs/reputation.md, "My network"). {@code since} bounds the
     * balance only, and may not be later than the instant the answer speaks for: now, or {@code asOf}.
     */
    @GetMapping("/members/{memberId}/network")
    @Operation(operationId = "getMemberNetwork",
            summary = "A member's network: its quality, character, relevance and balance, and whom to meet next through whom")
    @Refuses(value = {SinceInFuture.class, UnknownCategory.class}, also = {"503 reputation-unavailable",
            "503 reputation-replaying", "400 as-of-in-future", "404 as-of-before-history"})
    public MemberNetwork network(@PathVariable String communityId, @PathVariable String memberId,
                                 @Parameter(description = "A category of the community: relevance in it alone, and whom to"
                                         + " meet by influence in it. Absent: relevance in the (up to) three categories the"
                                         + " member received most confirmed value in, and whom to meet by overall influence")
                                 @RequestParam(required = false) String category,
                                 @Parameter(description = "An ISO-8601 instant: the balance counts the confirmed acts that"
                                         + " occurred at or after it; not later than now (or than asOf). Absent: all time")
                                 @RequestParam(required = false) String since,
                                 @Parameter(description = AsOfParameter.DESCRIPTION)
                                 @RequestParam(name = AsOfParameter.NAME, required = false) String asOf) {
        Instant from = QueryParameters.instant("since", since);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        Instant answeredFor = at == null ? Instant.now() : at.instant();
        if (from != null && from.isAfter(answeredFor)) {
            throw new SinceInFuture(from, answeredFor, at != null);
        }
        FindMemberNetwork query = new FindMemberNetwork(communityId, memberId, category, from);
        return liveOrAsOf.answer(query, at, MemberNetwork.class, history::handle, MemberNetwork::withAsOf)
                .orElseThrow(() -> new NotFound("No network yet for member '" + memberId + "' in community '"
                        + communityId + "': unknown member, or the first computation is still running"));
    }

    /**
     * A leaderboard page with {@code next}, the link to the following ranks (null after the last rank),
     * and {@code asOf}: null in a live answer, else the instant asked and the position it resolved to.
     */
    public record LeaderboardPage(String communityId, String category, int total, List<Leaderboard.Entry> entries,
                                  Freshness freshness,
                                  @JsonInclude(JsonInclude.Include.ALWAYS)
                                  @Schema(description = "Root-relative URL of the next ranks; null on the last page",
                                          requiredMode = Schema.RequiredMode.REQUIRED, nullable = true)
                                  String next,
                                  AsOf asOf) {
    }
}
