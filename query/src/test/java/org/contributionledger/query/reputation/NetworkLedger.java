package org.contributionledger.query.reputation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.query.directory.ProjectionTestLedger;

/**
 * One community whose events go both to a reputation ({@link StandaloneReputation}) and to the SQL
 * views ({@link ProjectionTestLedger}), each event to each with the same timestamp, as Axon would
 * deliver them; {@link #network} asks {@link MemberNetworkQueries} over both, after recomputing the
 * reputation. Close it to drop the database.
 */
final class NetworkLedger implements AutoCloseable {

    private final String communityId;
    private final StandaloneReputation reputation = ReputationScenario.newReputation();
    private final ProjectionTestLedger views = ProjectionTestLedger.create();
    private final MemberNetworkQueries queries;

    NetworkLedger(String communityId, CommunitySettings settings) {
        this.communityId = communityId;
        CommunityCreated created = new CommunityCreated(communityId, communityId, settings);
        reputation.projection().on(created);
        views.directory().on(created, views.tick());
        queries = new MemberNetworkQueries(reputation.snapshots(), views.jdbc(), views.directory());
    }

    StandaloneReputation reputation() {
        return reputation;
    }

    void member(String memberId, String displayName) {
        MemberRegistered registered = new MemberRegistered(communityId, memberId, displayName);
        Instant at = views.tick();
        reputation.projection().on(registered, at);
        views.directory().on(registered, at);
    }

    /** Trust for every category (the SQL views do not read trust here). */
    void trust(String truster, String trustee, int level) {
        Instant at = views.tick();
        reputation.projection().on(new TrustDeclared(communityId, truster, trustee, null, level, null, at), at);
    }

    /** A confirmed act (recorded by its receiver). */
    void give(String contributionId, String giver, String receiver, String category, String value, Instant occurredAt) {
        record(contributionId, giver, receiver, category, value, occurredAt, ContributionStatus.CONFIRMED);
    }

    /** An act recorded by its giver and not confirmed: it counts nowhere. */
    void offer(String contributionId, String giver, String receiver, String category, String value, Instant occurredAt) {
        record(contributionId, giver, receiver, category, value, occurredAt, ContributionStatus.PENDING);
    }

    private void record(String contributionId, String giver, String receiver, String category, String value,
                        Instant occurredAt, ContributionStatus status) {
        ContributionRecorded recorded = new ContributionRecorded(communityId, contributionId, giver, receiver, category,
                new BigDecimal(value), occurredAt, null, null,
                status == ContributionStatus.CONFIRMED ? RecordedBy.RECEIVER : RecordedBy.GIVER, status);
        Instant at = views.tick();
        views.contributions().on(recorded, at);
        reputation.projection().on(recorded, at);
    }

    /** The member's network now, the reputation recomputed first. */
    Optional<MemberNetwork> network(String memberId, String category, Instant since) {
        reputation.snapshots().recomputeNow();
        return queries.handle(new FindMemberNetwork(communityId, memberId, category, since));
    }

    @Override
    public void close() {
        views.close();
    }
}
