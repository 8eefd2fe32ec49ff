package org.contributionledger.api.statement;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.query.directory.FindMember;
import org.contributionledger.query.directory.Member;
import org.contributionledger.query.statement.FindStatement;
import org.contributionledger.query.statement.Statement;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Reciprocity", description = "What members gave and received, and how balanced it is")
@RequestMapping("/api/v1/communities/{communityId}/members/{memberId}/statement")
public class StatementController {

    private final QueryGateway queries;

    public StatementController(QueryGateway queries) {
        this.queries = queries;
    }

    /** Newest first; follow {@code nextCursor} until it is absent. */
    @GetMapping
    @Operation(operationId = "getStatement", summary = "Every act a member gave or received, newest first, a page at a time")
    public Statement statement(@PathVariable String communityId, @PathVariable String memberId,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(defaultValue = "50") int limit) {
        queries.query(new FindMember(communityId, memberId), ResponseTypes.optionalInstanceOf(Member.class)).join()
                .orElseThrow(() -> new NotFound("Member '" + memberId + "' is not registered in community '"
                        + communityId + "'"));
        return queries.query(new FindStatement(communityId, memberId, cursor, limit),
                ResponseTypes.instanceOf(Statement.class)).join();
    }
}
