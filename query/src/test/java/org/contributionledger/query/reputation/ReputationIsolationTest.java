package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettings.ReputationWeights;
import org.contributionledger.core.community.CommunitySettingsChanged;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * One community that cannot be computed harms no other. Its events are built directly, as they
 * may be stored from before the settings limits existed: history is immutable, so replaying it must
 * work, and only that community's reputation is unavailable until an admin corrects its settings.
 */
class ReputationIsolationTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final Instant AT = Instant.parse("2025-05-01T08:00:00Z");

    private final StandaloneReputation reputation = ReputationScenario.newReputation();
    private final ReputationRecomputation recomputation = new ReputationRecomputation(reputation.snapshots(), 0, false);

    private static CommunitySettings trustWeight(double weight) {
        return new CommunitySettings(null, null, null, null, null, new ReputationWeights(weight, null, null, null));
    }

    /** A community of three members where alice trusts bob and carol gave to alice. */
    private void community(String communityId, CommunitySettings settings) {
        reputation.projection().on(new CommunityCreated(communityId, communityId, settings));
        for (String member : List.of("alice", "bob", "carol")) {
            reputation.projection().on(new MemberRegistered(communityId, member, member), AT);
        }
        reputation.projection().on(new TrustDeclared(communityId, "alice", "bob", null, 8, null, AT), AT);
        reputation.projection().on(new ContributionRecorded(communityId, "act-1", "carol", "alice", "help", new BigDecimal("1000"),
                AT, null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED), AT);
    }

    private void trust(String communityId, String truster, String trustee) {
        reputation.projection().on(new TrustDeclared(communityId, truster, trustee, null, 10, null, AT), AT);
    }

    private MemberReputation reputation(String communityId, String member) {
        return reputation.queries().handle(new FindReputation(communityId, member, 3)).orElseThrow();
    }

    @Test
    void aCommunityStoredWithWeightsTheEngineCannotComputeReplaysAndReadsAsUnavailable() {
        community("huge", trustWeight(1e308));
        community("fine", CommunitySettings.defaults());

        reputation.snapshots().recomputeNow();

        assertThatThrownBy(() -> reputation("huge", "bob"))
                .isInstanceOf(ReputationUnavailable.class)
                .hasMessageContaining("'huge'")
                .hasMessageContaining("reputation.trust is 1.0E308");
        assertThatThrownBy(() -> reputation.queries().handle(new FindLeaderboard("huge", null, 10, 0)))
                .isInstanceOf(ReputationUnavailable.class);
        assertThatThrownBy(() -> reputation.queries().handle(new FindNetworkStats("huge")))
                .isInstanceOf(ReputationUnavailable.class);
        assertThat(reputation("fine", "bob").freshness().upToDate()).isTrue();
    }

    @Test
    void theFirstReadOfAFailingCommunityIsUnavailableNotAnInvalidRequest() {
        community("huge", trustWeight(1e308));

        // No recomputation yet: the read computes on the spot, and must not leak the engine's
        // IllegalArgumentException (which the HTTP layer would answer as the caller's 400).
        assertThatThrownBy(() -> reputation("huge", "bob")).isInstanceOf(ReputationUnavailable.class);
        assertThat(reputation.snapshots().failure("huge")).isPresent();
    }

    @Test
    void alphaStoredWhereTheIterationCannotConvergeFailsThatCommunityByName() {
        community("slow", new CommunitySettings(null, null, null, null, null,
                new ReputationWeights(null, null, null, 0.001)));

        reputation.snapshots().recomputeNow();

        assertThat(reputation.snapshots().failure("slow")).hasValueSatisfying(reason -> assertThat(reason).contains("reputation.alpha"));
    }

    @Test
    void settingsStoredInconsistentButComputableStillCompute() {
        // Refused today (a weight for a category it does not have, thresholds out of order), yet
        // harmless to the engine: the community is computed as before.
        community("odd", new CommunitySettings(null, null, null, null,
                new CommunitySettings.ReciprocityThresholds(3.0, 1.0, null),
                new ReputationWeights(null, null, Map.of("hepl", 2.0), null)));

        reputation.snapshots().recomputeNow();

        assertThat(reputation.snapshots().failure("odd")).isEmpty();
        assertThat(reputation("odd", "bob").freshness().upToDate()).isTrue();
    }

    @Test
    void otherCommunitiesKeepBeingRecomputedWhileOneFails() {
        // Both orders of the communities in the loop: the failing one must stop none after it.
        for (List<String> order : List.of(List.of("huge", "fine"), List.of("fine", "huge"))) {
            StandaloneReputation reputation = ReputationScenario.newReputation();
            ReputationRecomputation recomputation = new ReputationRecomputation(reputation.snapshots(), 0, false);
            for (String communityId : order) {
                reputation.projection().on(new CommunityCreated(communityId, communityId,
                        communityId.equals("huge") ? trustWeight(1e308) : CommunitySettings.defaults()));
                reputation.projection().on(new MemberRegistered(communityId, "alice", "alice"), AT);
                reputation.projection().on(new MemberRegistered(communityId, "bob", "bob"), AT);
                reputation.projection().on(new TrustDeclared(communityId, "alice", "bob", null, 8, null, AT), AT);
            }

            recomputation.recomputeDue(0);
            reputation.projection().on(new TrustDeclared("fine", "bob", "alice", null, 5, null, AT), AT);
            recomputation.recomputeDue(SECOND / 10);

            MemberReputation alice = reputation.queries().handle(new FindReputation("fine", "alice", 0)).orElseThrow();
            assertThat(alice.freshness().upToDate()).as("order %s", order).isTrue();
            assertThat(alice.character().trustedBy()).isEqualTo(1);
            assertThat(recomputation.failuresInARow("huge")).isEqualTo(1);
            assertThat(recomputation.failuresInARow("fine")).isZero();
        }
    }

    @Test
    void aFailingCommunityIsRetriedWithExponentialBackOff() {
        community("huge", trustWeight(1e308));

        recomputation.recomputeDue(0);
        assertThat(recomputation.failuresInARow("huge")).isEqualTo(1);

        trust("huge", "bob", "carol"); // new facts do not bypass the back-off
        recomputation.recomputeDue(SECOND / 2);
        assertThat(recomputation.failuresInARow("huge")).as("not retried before 1 s").isEqualTo(1);
        recomputation.recomputeDue(SECOND);
        assertThat(recomputation.failuresInARow("huge")).as("retried after 1 s").isEqualTo(2);
        recomputation.recomputeDue(2 * SECOND);
        assertThat(recomputation.failuresInARow("huge")).as("then waits 2 s").isEqualTo(2);
        recomputation.recomputeDue(3 * SECOND);
        assertThat(recomputation.failuresInARow("huge")).isEqualTo(3);
        recomputation.recomputeDue(6 * SECOND);
        assertThat(recomputation.failuresInARow("huge")).as("then waits 4 s").isEqualTo(3);
        recomputation.recomputeDue(7 * SECOND);
        assertThat(recomputation.failuresInARow("huge")).isEqualTo(4);
    }

    @Test
    void retriesWaitOneSecondDoublingUpToFiveMinutes() {
        assertThat(ReputationRecomputation.retryAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(ReputationRecomputation.retryAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(ReputationRecomputation.retryAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(ReputationRecomputation.retryAfter(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(ReputationRecomputation.retryAfter(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ReputationRecomputation.retryAfter(1_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aLongComputationIsFollowedByAsLongARest() {
        long debounce = SECOND / 4;
        assertThat(ReputationRecomputation.pauseNanos(debounce, SECOND / 100)).as("quick: the debounce").isEqualTo(debounce);
        assertThat(ReputationRecomputation.pauseNanos(debounce, 3 * SECOND)).as("3 s computing, 3 s resting").isEqualTo(6 * SECOND);
    }

    @Test
    void correctedSettingsAreComputedAtOnceWhateverTheBackOff() {
        community("huge", trustWeight(1e308));
        for (long tick = 0; tick <= 3; tick++) {
            recomputation.recomputeDue(tick * SECOND);
        }
        assertThat(recomputation.failuresInARow("huge")).isEqualTo(3);

        reputation.projection().on(new CommunitySettingsChanged("huge", trustWeight(2.0)), AT);
        recomputation.recomputeDue(3 * SECOND + 1);

        assertThat(recomputation.failuresInARow("huge")).isZero();
        assertThat(reputation.snapshots().failure("huge")).isEmpty();
        MemberReputation bob = reputation("huge", "bob");
        assertThat(bob.freshness().upToDate()).isTrue();
        assertThat(bob.influence().score()).isPositive();
    }

    @Test
    void changedWeightsChangeTheScores() {
        community("village", CommunitySettings.defaults());
        reputation.snapshots().recomputeNow();
        double before = reputation("village", "bob").influence().score();

        // Gifts weigh nothing now: only alice's trust in bob remains.
        reputation.projection().on(new CommunitySettingsChanged("village", new CommunitySettings(null, null, null, null, null,
                new ReputationWeights(1.0, 0.0, Map.of(), null))), AT);
        reputation.snapshots().recomputeNow();

        assertThat(reputation("village", "bob").influence().score()).isNotEqualTo(before);
        assertThat(reputation("village", "carol").topSources()).isEmpty();
    }

    @Test
    void aFailureIsLoggedOnceAsOneLineHoweverOftenItIsRetried() {
        Logger logger = (Logger) LoggerFactory.getLogger(ReputationRecomputation.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            community("huge", trustWeight(1e308));
            community("fine", CommunitySettings.defaults());

            // Ten minutes of 50 ms ticks, with the other community changing every second.
            for (long tick = 0; tick <= 12_000; tick++) {
                if (tick % 20 == 0) {
                    trust("fine", tick % 40 == 0 ? "bob" : "carol", "alice");
                }
                recomputation.recomputeDue(tick * SECOND / 20);
            }

            // Attempts at 0, 1, 3, 7, ... 255 and 511 s (then every 5 minutes): 10 in ten minutes, not 12,000.
            assertThat(recomputation.failuresInARow("huge")).isEqualTo(10);
            assertThat(log.list).hasSize(1);
            ILoggingEvent line = log.list.get(0);
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
            assertThat(line.getFormattedMessage()).contains("'huge'").contains("reputation.trust is 1.0E308")
                    .doesNotContain("\n");
            assertThat(reputation("fine", "alice").freshness().upToDate()).isTrue();

            reputation.projection().on(new CommunitySettingsChanged("huge", CommunitySettings.defaults()), AT);
            recomputation.recomputeDue(12_001 * SECOND / 20);

            assertThat(log.list).hasSize(2);
            assertThat(log.list.get(1).getLevel()).isEqualTo(Level.INFO);
            assertThat(log.list.get(1).getFormattedMessage()).contains("'huge' is computed again");
        } finally {
            logger.detachAppender(log);
        }
    }
}
