package org.contributionledger.bench.baseline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.core.community.CreateCommunity;
import org.contributionledger.core.contribution.RecordContribution;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.RegisterMember;
import org.contributionledger.query.reciprocity.FindReciprocity;
import org.contributionledger.query.reciprocity.Reciprocity;
import org.contributionledger.query.reputation.FindLeaderboard;
import org.contributionledger.query.reputation.FindNetworkStats;
import org.contributionledger.query.reputation.FindReputation;
import org.contributionledger.query.reputation.Leaderboard;
import org.contributionledger.query.reputation.MemberReputation;
import org.contributionledger.query.reputation.NetworkStats;
import org.contributionledger.query.statement.FindStatement;
import org.contributionledger.query.statement.Statement;
import org.contributionledger.query.stats.CommunityStats;
import org.contributionledger.query.stats.FindCommunityStats;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The requests the benchmark sends, with the shipped ledger's paths and bodies. A batch is a loop
 * of sendAndWait, each command its own transaction, as Axon's defaults give. No keys are checked
 * and no problem documents written: the benchmark sends only valid requests, and a refusal stops it.
 */
@RestController
@RequestMapping("/api/v1/communities")
public class BaselineController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    public BaselineController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    record CommunityRequest(String id, String name) {
    }

    record MemberRequest(String id, String displayName) {
    }

    record MembersRequest(List<MemberRequest> members) {
    }

    record ActRequest(String id, String giver, String receiver, String category, BigDecimal value,
                      Instant occurredAt, String description, String evidenceUrl, RecordedBy recordedBy) {

        RecordContribution toCommand(String communityId) {
            return new RecordContribution(communityId, id, giver, receiver, category, value, occurredAt, description,
                    evidenceUrl, recordedBy, Instant.now());
        }
    }

    record ActsRequest(List<ActRequest> contributions) {
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> create(@RequestBody CommunityRequest request) {
        commands.sendAndWait(new CreateCommunity(request.id(), request.name(), null, "k-" + UUID.randomUUID(),
                "0".repeat(64)));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", request.id(), "apiKey", "baseline"));
    }

    @PostMapping("/{communityId}/members/batch")
    public Map<String, Integer> registerMembers(@PathVariable String communityId, @RequestBody MembersRequest request) {
        for (MemberRequest member : request.members()) {
            commands.sendAndWait(new RegisterMember(communityId, member.id(), member.displayName()));
        }
        return Map.of("recorded", request.members().size());
    }

    @PostMapping("/{communityId}/contributions")
    public ResponseEntity<Map<String, String>> record(@PathVariable String communityId, @RequestBody ActRequest act) {
        commands.sendAndWait(act.toCommand(communityId));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("id", act.id()));
    }

    @PostMapping("/{communityId}/contributions/batch")
    public Map<String, Integer> recordBatch(@PathVariable String communityId, @RequestBody ActsRequest request) {
        for (ActRequest act : request.contributions()) {
            commands.sendAndWait(act.toCommand(communityId));
        }
        return Map.of("recorded", request.contributions().size());
    }

    @GetMapping("/{communityId}/members/{memberId}/statement")
    public Statement statement(@PathVariable String communityId, @PathVariable String memberId) {
        return queries.query(new FindStatement(communityId, memberId, null, 50), ResponseTypes.instanceOf(Statement.class))
                .join();
    }

    @GetMapping("/{communityId}/members/{memberId}/reciprocity")
    public ResponseEntity<Reciprocity> reciprocity(@PathVariable String communityId, @PathVariable String memberId) {
        return found(queries.query(new FindReciprocity(communityId, memberId),
                ResponseTypes.optionalInstanceOf(Reciprocity.class)).join());
    }

    @GetMapping("/{communityId}/members/{memberId}/reputation")
    public ResponseEntity<MemberReputation> reputation(@PathVariable String communityId, @PathVariable String memberId) {
        return found(queries.query(new FindReputation(communityId, memberId, 5),
                ResponseTypes.optionalInstanceOf(MemberReputation.class)).join());
    }

    @GetMapping("/{communityId}/leaderboard")
    public ResponseEntity<Leaderboard> leaderboard(@PathVariable String communityId) {
        return found(queries.query(new FindLeaderboard(communityId, null, 20, 0),
                ResponseTypes.optionalInstanceOf(Leaderboard.class)).join());
    }

    @GetMapping("/{communityId}/stats")
    public ResponseEntity<Map<String, Object>> stats(@PathVariable String communityId) {
        Optional<CommunityStats> counts = queries.query(new FindCommunityStats(communityId),
                ResponseTypes.optionalInstanceOf(CommunityStats.class)).join();
        Optional<NetworkStats> network = queries.query(new FindNetworkStats(communityId),
                ResponseTypes.optionalInstanceOf(NetworkStats.class)).join();
        if (counts.isEmpty() || network.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Map.of("counts", counts.get(), "network", network.get()));
    }

    private static <T> ResponseEntity<T> found(Optional<T> answer) {
        return answer.map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }
}
