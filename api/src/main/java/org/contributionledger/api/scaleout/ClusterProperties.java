package org.contributionledger.api.scaleout;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How one ledger node shares the database with the others.
 *
 * @param nodeId       the name under which this node claims tracking processors' segments in the
 *                     shared token store; must differ between nodes (default: process id and host,
 *                     which two nodes in one JVM would share)
 * @param claimTimeout a claim not renewed for this long is taken over by another node: how soon a
 *                     dead node's segments move
 * @param gapTimeout   how long the event stream waits for a transaction that took a global index
 *                     but has not committed yet; must exceed the longest write transaction (a full
 *                     batch), or its events would be skipped by tracking processors
 * @param maxGapOffset how far behind the newest event a gap is still waited for
 */
@ConfigurationProperties("ledger.cluster")
public record ClusterProperties(String nodeId, Duration claimTimeout, Duration gapTimeout, int maxGapOffset) {

    public ClusterProperties {
        nodeId = nodeId == null || nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId;
        claimTimeout = claimTimeout == null ? Duration.ofSeconds(5) : claimTimeout;
        gapTimeout = gapTimeout == null ? Duration.ofSeconds(60) : gapTimeout;
        maxGapOffset = maxGapOffset <= 0 ? 100_000 : maxGapOffset;
    }
}
