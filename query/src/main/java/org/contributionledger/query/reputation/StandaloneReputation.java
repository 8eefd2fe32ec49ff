package org.contributionledger.query.reputation;

import java.time.Clock;

/**
 * A projection, its snapshots and the queries over them, wired by hand outside Spring: a reputation
 * of its own, fed whatever events its owner gives it. {@link ReputationHistory} replays one to a past
 * position; tests feed one directly. It has no replay progress (every event it was fed counts as
 * seen) and no background recomputation or warm-up: its snapshots are computed when asked
 * ({@link ReputationSnapshots#recomputeNow()}, a warm start) or by the first read that needs one,
 * and a snapshot's spheres by the first read that needs them (a {@link SnapshotWarmUp} can be added
 * by hand, as tests do).
 */
record StandaloneReputation(ReputationProjection projection, ReputationSnapshots snapshots,
                            ReputationQueries queries) {

    static StandaloneReputation create(Clock clock) {
        ReputationProjection projection = new ReputationProjection();
        ReputationSnapshots snapshots = new ReputationSnapshots(projection, clock, null);
        return new StandaloneReputation(projection, snapshots, new ReputationQueries(snapshots));
    }
}
