package org.contributionledger.api.statement;

import java.util.List;
import java.util.Optional;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.asof.AsOfParameter;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.paging.NextLink;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.query.asof.AsOf;
import org.contributionledger.query.asof.ViewsAsOf;
import org.contributionledger.query.directory.FindMember;
import org.contributionledger.query.directory.Member;
import org.contributionledger.query.paging.Keyset;
import org.contributionledger.query.statement.FindStatement;
import org.contributionledger.query.statement.Statement;
import org.contributionledger.query.statement.StatementEntry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

@RestController
@Tag(name = "Reciprocity", description = "What members gave and received, and how balanced it is")
@RequestMapping("/api/v1/communities/{communityId}/members/{memberId}/statement")
public class StatementController {

    private final QueryGateway queries;
    private final AsOfParameter asOfParameter;
    private final ViewsAsOf views;

    public StatementController(QueryGateway queries, AsOfParameter asOfParameter, ViewsAsOf views) {
        this.queries = queries;
        this.asOfParameter = asOfParameter;
        this.views = views;
    }

    /**
     * Newest first; follow {@code next} (or pass {@code nextCursor} as {@code cursor}) until it is null.
     * With {@code asOf}, the statement as it stood then ({@link ViewsAsOf}); {@code next} keeps the instant.
     */
    @GetMapping
    @Operation(operationId = "getStatement", summary = "Every act a member gave or received, newest first")
    @ApiResponse(responseCode = "200", description = "One page of the statement")
    @Refuses(also = {"400 limit-out-of-range", "400 as-of-in-future", "404 as-of-before-history"})
    public StatementPage statement(@PathVariable String communityId, @PathVariable String memberId,
                                   @Parameter(description = "The nextCursor of the previous page; absent for the first page")
                                   @RequestParam(required = false) String cursor,
                                   @Parameter(description = "Acts per page, 1 to " + Keyset.MAX_LIMIT)
                                   @RequestParam(defaultValue = "50") int limit,
                                   @Parameter(description = AsOfParameter.DESCRIPTION)
                                   @RequestParam(name = AsOfParameter.NAME, required = false) String asOf,
                                   HttpServletRequest request) {
        FindStatement query = new FindStatement(communityId, memberId, cursor, limit);
        FindMember member = new FindMember(communityId, memberId);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        Optional<Member> registered = at == null
                ? queries.query(member, ResponseTypes.optionalInstanceOf(Member.class)).join()
                : views.handle(member, at.position());
        registered.orElseThrow(() -> new NotFound("Member '" + memberId + "' is not registered in community '"
                + communityId + "'"));
        Statement statement = at == null
                ? queries.query(query, ResponseTypes.instanceOf(Statement.class)).join()
                : views.handle(query, at.position());
        return new StatementPage(statement.communityId(), statement.memberId(), statement.entries(),
                statement.nextCursor(), NextLink.from(request).with("limit", limit)
                        .with(AsOfParameter.NAME, at == null ? null : at.instant()).to(statement.nextCursor()), at);
    }

    /**
     * A statement page in the listings' paging shape: {@code entries} are its items (the name it had
     * before the listings existed); {@code nextCursor} and {@code next}, the link to the next page, are
     * null on the last page. {@code asOf}: null in a live answer, else the instant asked and the
     * position it resolved to.
     */
    public record StatementPage(String communityId, String memberId, List<StatementEntry> entries, String nextCursor,
                                @JsonInclude(JsonInclude.Include.ALWAYS)
                                @Schema(description = "Root-relative URL of the next page; null on the last page",
                                        requiredMode = Schema.RequiredMode.REQUIRED, nullable = true)
                                String next,
                                AsOf asOf) {
    }
}
