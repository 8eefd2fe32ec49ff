package org.contributionledger.api.dashboard;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.query.reputation.FindNetworkDrawing;
import org.contributionledger.query.reputation.NetworkDrawing;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The network as the dashboard draws it: members placed by the ledger, so that a browser only paints
 * (a network of thousands of members would take a browser's layout many seconds).
 */
@RestController
@Tag(name = "Dashboard", description = "What the dashboard at /dashboard/ reads besides the other endpoints: the network placed on a plane, and a stream of what happens")
@RequestMapping("/api/v1/communities/{communityId}")
public class NetworkDrawingController {

    private final QueryGateway queries;

    public NetworkDrawingController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/graph")
    @Operation(operationId = "getNetworkDrawing", summary = "Every member placed on a plane (x, y in 0..1000), sized by influence, and every trust and giving tie",
            description = "From the reputation snapshot, like the leaderboard (freshness says which); positions are "
                    + "computed once per snapshot and are the same for the same snapshot.")
    @Refuses(also = {"503 reputation-unavailable", "503 reputation-replaying"})
    public NetworkDrawing graph(@PathVariable String communityId) {
        return queries.query(new FindNetworkDrawing(communityId), ResponseTypes.optionalInstanceOf(NetworkDrawing.class))
                .join()
                .orElseThrow(() -> new NotFound("Community '" + communityId + "' does not exist"));
    }
}
