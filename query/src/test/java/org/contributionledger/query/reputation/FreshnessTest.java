package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberProfileUpdated;
import org.contributionledger.core.member.MemberRegistered;
import org.junit.jupiter.api.Test;

/**
 * {@code upToDate} means that the answer includes every stored event, even when the processor
 * handles one while the freshness is being read. The processor is played by the progress: it
 * handles an event at the moment the freshness asks how many events are left.
 */
class FreshnessTest {

    private static final Instant AT = Instant.parse("2025-05-01T08:00:00Z");
    private static final String C = "guild";

    private final ReputationProjection projection = new ReputationProjection();
    private Runnable processorRunsNow = () -> { };
    private final ReplayProgress progress = new ReplayProgress(null, null) {
        @Override
        public long eventsBehind() {
            processorRunsNow.run();
            processorRunsNow = () -> { };
            return 0; // the event just handled is counted as processed
        }

        @Override
        public boolean caughtUp() {
            return true;
        }
    };
    private final ReputationSnapshots snapshots = new ReputationSnapshots(projection, progress);

    @Test
    void anEventHandledWhileTheFreshnessIsReadMakesTheAnswerNotUpToDate() {
        projection.on(new CommunityCreated(C, C, CommunitySettings.defaults()));
        for (String member : List.of("ada", "bob")) {
            projection.on(new MemberRegistered(C, member, member), AT);
        }
        projection.on(new ContributionRecorded(C, "act-1", "ada", "bob", "help", BigDecimal.TEN, AT, null, null,
                RecordedBy.RECEIVER, ContributionStatus.CONFIRMED), AT);
        ReputationSnapshot snapshot = snapshots.forReading(C, null);
        assertThat(snapshots.freshness(snapshot).upToDate()).isTrue();

        processorRunsNow = () -> projection.on(new MemberProfileUpdated(C, "ada", "Augusta Ada King"), AT);
        Freshness freshness = snapshots.freshness(snapshot);

        assertThat(freshness.upToDate()).as("the snapshot still has the old name").isFalse();
        assertThat(freshness.eventsBehind()).isEqualTo(1);
    }
}
