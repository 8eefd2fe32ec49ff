package org.contributionledger.api.readiness;

import org.contributionledger.query.reputation.ReplayProgress;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of the readiness probe ({@code /actuator/health/readiness}): out of service while the
 * reputation is being rebuilt from the history after a start, when reputation reads would answer
 * 503. Liveness ({@code /actuator/health/liveness}) does not include it: a replaying ledger is
 * alive, and restarting it would only start the replay over.
 */
@Component("reputationReplay")
public class ReputationReplayHealth implements HealthIndicator {

    private final ReplayProgress progress;

    public ReputationReplayHealth(ReplayProgress progress) {
        this.progress = progress;
    }

    @Override
    public Health health() {
        ReplayProgress.Replay replay = progress.replay();
        Health.Builder health = replay.done() ? Health.up() : Health.outOfService();
        health.withDetail("replayed", replay.replayed()).withDetail("total", replay.total());
        if (progress.checkpoint() >= 0) {
            // Events up to here were read from the reputation's checkpoint, not replayed one by one.
            health.withDetail("checkpoint", progress.checkpoint());
        }
        return health.build();
    }
}
