package org.contributionledger.api.spheres;

import org.contributionledger.api.asof.AsOfParameter;
import org.contributionledger.api.asof.LiveOrAsOf;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.query.asof.AsOf;
import org.contributionledger.query.reputation.CommunitySpheres;
import org.contributionledger.query.reputation.FindSphere;
import org.contributionledger.query.reputation.FindSpheres;
import org.contributionledger.query.reputation.ReputationHistory;
import org.contributionledger.query.reputation.SphereMembers;
import org.contributionledger.query.reputation.UnknownSphere;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Spheres of influence: the communities of the Leiden partition of a community's network, found
 * with every reputation snapshot (docs/reputation.md, "Spheres of influence"). Like the other
 * reputation reads they answer from the latest snapshot, and with {@code asOf} from the community
 * replayed to a past position.
 */
@RestController
@Tag(name = "Spheres", description = "Spheres of influence (Leiden), their leaders, and the members who bridge them")
@RequestMapping("/api/v1/communities/{communityId}/spheres")
public class SpheresController {

    private final LiveOrAsOf liveOrAsOf;
    private final AsOfParameter asOfParameter;
    private final ReputationHistory history;

    public SpheresController(LiveOrAsOf liveOrAsOf, AsOfParameter asOfParameter, ReputationHistory history) {
        this.liveOrAsOf = liveOrAsOf;
        this.asOfParameter = asOfParameter;
        this.history = history;
    }

    @GetMapping
    @Operation(operationId = "getSpheres", summary = "A community's spheres of influence, their leaders and bridges")
    @Refuses(also = {"503 reputation-unavailable", "503 reputation-replaying", "400 as-of-in-future",
            "404 as-of-before-history"})
    public CommunitySpheres spheres(@PathVariable String communityId,
                                    @Parameter(description = AsOfParameter.DESCRIPTION)
                                    @RequestParam(name = AsOfParameter.NAME, required = false) String asOf) {
        FindSpheres query = new FindSpheres(communityId);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        return liveOrAsOf.answer(query, at, CommunitySpheres.class, history::handle, CommunitySpheres::withAsOf)
                .orElseThrow(() -> new NotFound("No spheres for community '" + communityId
                + "': unknown community"));
    }

    @GetMapping("/{sphere}")
    @Operation(operationId = "getSphere", summary = "One sphere with all its members, most influential within it first")
    @Refuses(value = UnknownSphere.class, also = {"503 reputation-unavailable", "503 reputation-replaying",
            "400 as-of-in-future", "404 as-of-before-history"})
    public SphereMembers sphere(@PathVariable String communityId,
                                @Parameter(description = "The sphere's number, 1 for the largest") @PathVariable int sphere,
                                @Parameter(description = AsOfParameter.DESCRIPTION)
                                @RequestParam(name = AsOfParameter.NAME, required = false) String asOf) {
        FindSphere query = new FindSphere(communityId, sphere);
        AsOf at = asOfParameter.resolve(communityId, asOf);
        return liveOrAsOf.answer(query, at, SphereMembers.class, history::handle, SphereMembers::withAsOf)
                .orElseThrow(() -> new NotFound("No spheres for community '" + communityId
                + "': unknown community"));
    }
}
