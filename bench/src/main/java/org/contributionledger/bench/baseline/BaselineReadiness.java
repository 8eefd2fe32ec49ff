package org.contributionledger.bench.baseline;

import org.contributionledger.query.reputation.ReplayProgress;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Ready once the reputation has replayed every event stored at start, as the shipped ledger's readiness says. */
@Component("reputationReplay")
public class BaselineReadiness implements HealthIndicator {

    private final ReplayProgress progress;

    public BaselineReadiness(ReplayProgress progress) {
        this.progress = progress;
    }

    @Override
    public Health health() {
        ReplayProgress.Replay replay = progress.replay();
        return (replay.done() ? Health.up() : Health.outOfService())
                .withDetail("replayed", replay.replayed()).withDetail("total", replay.total()).build();
    }
}
