package org.contributionledger.api.statement;

import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.paging.NextLink;
import org.contributionledger.api.problem.NotFound;
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

    public StatementController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Newest first; follow {@code next} (or pass {@code nextCursor} as {@code cursor}) until it is null. */
    @GetMapping
    @Operation(operationId = "getStatement", summary = "Every act a member gave or received, newest first")
    @ApiResponse(responseCode = "200", description = "One page of the statement")
    @Refuses(also = "400 limit-out-of-range")
    public StatementPage statement(@PathVariable String communityId, @PathVariable String memberId,
                                   @Parameter(description = "The nextCursor of the previous page; absent for the first page")
                                   @RequestParam(required = false) String cursor,
                                   @Parameter(description = "Acts per page, 1 to " + Keyset.MAX_LIMIT)
                                   @RequestParam(defaultValue = "50") int limit,
                                   HttpServletRequest request) {
        FindStatement query = new FindStatement(communityId, memberId, cursor, limit);
        queries.query(new FindMember(communityId, memberId), ResponseTypes.optionalInstanceOf(Member.class)).join()
                .orElseThrow(() -> new NotFound("Member '" + memberId + "' is not registered in community '"
                        + communityId + "'"));
        Statement statement = queries.query(query, ResponseTypes.instanceOf(Statement.class)).join();
        return new StatementPage(statement.communityId(), statement.memberId(), statement.entries(),
                statement.nextCursor(), NextLink.from(request).with("limit", limit).to(statement.nextCursor()));
    }

    /**
     * A statement page in the listings' paging shape: {@code entries} are its items (the name it had
     * before the listings existed); {@code nextCursor} and {@code next}, the link to the next page, are
     * null on the last page.
     */
    public record StatementPage(String communityId, String memberId, List<StatementEntry> entries, String nextCursor,
                                @JsonInclude(JsonInclude.Include.ALWAYS)
                                @Schema(description = "Root-relative URL of the next page; null on the last page",
                                        requiredMode = Schema.RequiredMode.REQUIRED, nullable = true)
                                String next) {
    }
}
