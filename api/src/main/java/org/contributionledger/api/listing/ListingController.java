package org.contributionledger.api.listing;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.paging.NextLink;
import org.contributionledger.api.paging.Page;
import org.contributionledger.api.paging.QueryParameters;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.api.security.Caller;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.query.directory.Communities;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.FindCommunities;
import org.contributionledger.query.directory.FindCommunity;
import org.contributionledger.query.directory.FindMember;
import org.contributionledger.query.directory.FindMembers;
import org.contributionledger.query.directory.Member;
import org.contributionledger.query.directory.Members;
import org.contributionledger.query.paging.Keyset;
import org.contributionledger.query.statement.Contributions;
import org.contributionledger.query.statement.FindContributions;
import org.contributionledger.query.statement.StatementEntry;
import org.contributionledger.query.trust.FindTrustTies;
import org.contributionledger.query.trust.TrustDirection;
import org.contributionledger.query.trust.TrustTie;
import org.contributionledger.query.trust.TrustTies;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The listings: communities, a community's members and acts, a member's trust ties. Every one pages
 * the same way (see {@link Page}): by keyset, so walking the pages while others write lists each
 * item that existed at the start exactly once, in order.
 */
@RestController
@RequestMapping("/api/v1/communities")
public class ListingController {

    private static final String LIMIT = "Items per page, 1 to " + Keyset.MAX_LIMIT
            + " (otherwise 400 limit-out-of-range)";
    private static final String CURSOR = "The nextCursor of the previous page; absent for the first page"
            + " (a cursor this ledger did not issue: 400 invalid-request)";

    private final QueryGateway queries;

    public ListingController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping
    @Tag(name = "Communities")
    @Operation(operationId = "listCommunities", summary = "List communities by id",
            description = "The admin key lists every community; a community key lists only its own.")
    @ApiResponse(responseCode = "200", description = "One page of communities")
    @Refuses(also = "400 limit-out-of-range")
    public Page<Community> communities(@Parameter(description = CURSOR) @RequestParam(required = false) String cursor,
                                       @Parameter(description = LIMIT) @RequestParam(defaultValue = "50") int limit,
                                       HttpServletRequest request) {
        Caller caller = Caller.current();
        Communities page = queries.query(new FindCommunities(caller.isAdmin() ? null : caller.communityId(), cursor,
                limit), ResponseTypes.instanceOf(Communities.class)).join();
        return Page.of(page.items(), page.nextCursor(), NextLink.from(request).with("limit", limit));
    }

    @GetMapping("/{communityId}/members")
    @Tag(name = "Members")
    @Operation(operationId = "listMembers", summary = "List a community's members by id, with their display names")
    @ApiResponse(responseCode = "200", description = "One page of members")
    @Refuses(also = "400 limit-out-of-range")
    public Page<Member> members(@PathVariable String communityId,
                                @Parameter(description = "Only active or only suspended members; absent, all",
                                        schema = @Schema(allowableValues = {"active", "suspended"}))
                                @RequestParam(required = false) String status,
                                @Parameter(description = CURSOR) @RequestParam(required = false) String cursor,
                                @Parameter(description = LIMIT) @RequestParam(defaultValue = "50") int limit,
                                HttpServletRequest request) {
        MemberStatus wanted = QueryParameters.oneOf("status", status, MemberStatus.class, QueryParameters::lowerCase);
        requireCommunity(communityId);
        Members page = queries.query(new FindMembers(communityId, wanted == null ? null : wanted == MemberStatus.ACTIVE,
                cursor, limit), ResponseTypes.instanceOf(Members.class)).join();
        return Page.of(page.items(), page.nextCursor(), NextLink.from(request)
                .with("status", wanted == null ? null : wanted.name().toLowerCase()).with("limit", limit));
    }

    @GetMapping("/{communityId}/contributions")
    @Tag(name = "Contributions")
    @Operation(operationId = "listContributions", summary = "List a community's acts, newest first",
            description = "Ordered by occurredAt, newest first, then by id. Each act as GET .../contributions/{id}"
                    + " answers it. Every filter is optional and they combine.")
    @ApiResponse(responseCode = "200", description = "One page of acts")
    @Refuses(also = "400 limit-out-of-range")
    public Page<StatementEntry> contributions(
            @PathVariable String communityId,
            @Parameter(description = "Only acts this member gave or received") @RequestParam(required = false) String member,
            @Parameter(description = "Only acts in this category") @RequestParam(required = false) String category,
            @Parameter(description = "Only acts in this status",
                    schema = @Schema(allowableValues = {"PENDING", "DISPUTED", "CONFIRMED", "REVOKED", "REVERSED"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only acts that occurred at or after this instant (ISO-8601)")
            @RequestParam(required = false) String from,
            @Parameter(description = "Only acts that occurred before this instant (ISO-8601); after from")
            @RequestParam(required = false) String to,
            @Parameter(description = CURSOR) @RequestParam(required = false) String cursor,
            @Parameter(description = LIMIT) @RequestParam(defaultValue = "50") int limit,
            HttpServletRequest request) {
        FindContributions query = new FindContributions(communityId, member, category,
                QueryParameters.oneOf("status", status, ContributionStatus.class, Enum::name),
                QueryParameters.instant("from", from), QueryParameters.instant("to", to), cursor, limit);
        requireCommunity(communityId);
        Contributions page = queries.query(query, ResponseTypes.instanceOf(Contributions.class)).join();
        return Page.of(page.items(), page.nextCursor(), NextLink.from(request).with("member", member)
                .with("category", category).with("status", query.status()).with("from", query.from())
                .with("to", query.to()).with("limit", limit));
    }

    @GetMapping("/{communityId}/members/{memberId}/trust")
    @Tag(name = "Trust")
    @Operation(operationId = "listMemberTrust", summary = "List the trust ties in force out of or into a member",
            description = "direction=out: the ties the member declared, by trustee; direction=in: the ties declared"
                    + " in the member, by truster. Then by category; a tie for every category has category null.")
    @ApiResponse(responseCode = "200", description = "One page of trust ties")
    @Refuses(also = "400 limit-out-of-range")
    public Page<TrustTie> trust(@PathVariable String communityId, @PathVariable String memberId,
                                @Parameter(description = "out (default): ties the member declared; in: ties in the member",
                                        schema = @Schema(allowableValues = {"out", "in"}))
                                @RequestParam(defaultValue = "out") String direction,
                                @Parameter(description = CURSOR) @RequestParam(required = false) String cursor,
                                @Parameter(description = LIMIT) @RequestParam(defaultValue = "50") int limit,
                                HttpServletRequest request) {
        TrustDirection wanted = QueryParameters.oneOf("direction", direction, TrustDirection.class, QueryParameters::lowerCase);
        FindTrustTies query = new FindTrustTies(communityId, memberId, wanted, cursor, limit);
        queries.query(new FindMember(communityId, memberId), ResponseTypes.optionalInstanceOf(Member.class)).join()
                .orElseThrow(() -> new NotFound("Member '" + memberId + "' is not registered in community '"
                        + communityId + "'"));
        TrustTies page = queries.query(query, ResponseTypes.instanceOf(TrustTies.class)).join();
        return Page.of(page.items(), page.nextCursor(), NextLink.from(request)
                .with("direction", wanted.name().toLowerCase()).with("limit", limit));
    }

    private void requireCommunity(String communityId) {
        queries.query(new FindCommunity(communityId), ResponseTypes.optionalInstanceOf(Community.class)).join()
                .orElseThrow(() -> new NotFound("Community '" + communityId + "' does not exist"));
    }

    /** The {@code status} filter of the member listing. */
    private enum MemberStatus {
        ACTIVE, SUSPENDED
    }
}
