package org.contributionledger.api.live;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionCorrected;
import org.contributionledger.core.contribution.ContributionDisputed;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionReversed;
import org.contributionledger.core.contribution.ContributionRevoked;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MemberProfileUpdated;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MemberReinstated;
import org.contributionledger.core.member.MemberSuspended;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;

/**
 * Turns the community's acts, trust and membership changes into the events of its open streams
 * ({@link LiveStreams}), as the event store delivers them. Its processor starts at the head of the
 * store and keeps its position in memory: a stream shows what happens while it is open, never history
 * (the reads answer that). It runs on every node of a cluster, so each node's streams see every
 * node's writes.
 * <p>
 * What is sent: ids, kinds, amounts and times; never free text a member wrote (descriptions, notes,
 * reasons), which the reads serve with their own rules. Display names are sent, as the member
 * listing serves them to the same key.
 */
@ProcessingGroup(LiveEventFeed.PROCESSING_GROUP)
public class LiveEventFeed {

    public static final String PROCESSING_GROUP = "live-events";

    static final String ACT = "act";
    static final String TRUST = "trust";
    static final String MEMBER = "member";

    private final LiveStreams streams;

    public LiveEventFeed(LiveStreams streams) {
        this.streams = streams;
    }

    @EventHandler
    public void on(ContributionRecorded event, @Timestamp Instant at) {
        act(event.communityId(), "ContributionRecorded", at, event.contributionId(), event.giver(), event.receiver(),
                event.category(), event.value(), event.status().name());
    }

    @EventHandler
    public void on(ContributionConfirmed event, @Timestamp Instant at) {
        act(event.communityId(), "ContributionConfirmed", at, event.contributionId(), event.giver(), event.receiver(),
                event.category(), event.value(), "CONFIRMED");
    }

    @EventHandler
    public void on(ContributionDisputed event, @Timestamp Instant at) {
        act(event.communityId(), "ContributionDisputed", at, event.contributionId(), event.giver(), event.receiver(),
                event.category(), event.value(), "DISPUTED");
    }

    @EventHandler
    public void on(ContributionRevoked event, @Timestamp Instant at) {
        act(event.communityId(), "ContributionRevoked", at, event.contributionId(), event.giver(), event.receiver(),
                event.category(), event.value(), "REVOKED");
    }

    @EventHandler
    public void on(ContributionReversed event, @Timestamp Instant at) {
        act(event.communityId(), "ContributionReversed", at, event.contributionId(), event.giver(), event.receiver(),
                event.category(), event.value(), "REVERSED");
    }

    @EventHandler
    public void on(ContributionCorrected event, @Timestamp Instant at) {
        act(event.communityId(), "ContributionCorrected", at, event.contributionId(), event.giver(), event.receiver(),
                event.category(), event.value(), "CONFIRMED");
    }

    @EventHandler
    public void on(TrustDeclared event, @Timestamp Instant at) {
        Map<String, Object> data = data("TrustDeclared", at);
        data.put("truster", event.truster());
        data.put("trustee", event.trustee());
        data.put("category", event.category());
        data.put("level", event.level());
        streams.publish(event.communityId(), TRUST, data);
    }

    @EventHandler
    public void on(TrustWithdrawn event, @Timestamp Instant at) {
        Map<String, Object> data = data("TrustWithdrawn", at);
        data.put("truster", event.truster());
        data.put("trustee", event.trustee());
        data.put("category", event.category());
        data.put("level", null);
        streams.publish(event.communityId(), TRUST, data);
    }

    @EventHandler
    public void on(MemberRegistered event, @Timestamp Instant at) {
        member(event.communityId(), "MemberRegistered", at, event.memberId(), event.displayName());
    }

    @EventHandler
    public void on(MemberProfileUpdated event, @Timestamp Instant at) {
        member(event.communityId(), "MemberProfileUpdated", at, event.memberId(), event.displayName());
    }

    @EventHandler
    public void on(MemberSuspended event, @Timestamp Instant at) {
        member(event.communityId(), "MemberSuspended", at, event.memberId(), null);
    }

    @EventHandler
    public void on(MemberReinstated event, @Timestamp Instant at) {
        member(event.communityId(), "MemberReinstated", at, event.memberId(), null);
    }

    @EventHandler
    public void on(MemberErased event, @Timestamp Instant at) {
        member(event.communityId(), "MemberErased", at, event.memberId(), null);
    }

    @EventHandler
    public void on(MembersMerged event, @Timestamp Instant at) {
        Map<String, Object> data = data("MembersMerged", at);
        data.put("memberId", event.memberId());
        data.put("mergedMemberId", event.mergedMemberId());
        streams.publish(event.communityId(), MEMBER, data);
    }

    private void act(String communityId, String type, Instant at, String contributionId, String giver,
                     String receiver, String category, BigDecimal value, String status) {
        Map<String, Object> data = data(type, at);
        data.put("contributionId", contributionId);
        data.put("giver", giver);
        data.put("receiver", receiver);
        data.put("category", category);
        data.put("value", value);
        data.put("status", status);
        streams.publish(communityId, ACT, data);
    }

    private void member(String communityId, String type, Instant at, String memberId, String displayName) {
        Map<String, Object> data = data(type, at);
        data.put("memberId", memberId);
        data.put("displayName", displayName);
        streams.publish(communityId, MEMBER, data);
    }

    private static Map<String, Object> data(String type, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("at", at.toString());
        return data;
    }
}
