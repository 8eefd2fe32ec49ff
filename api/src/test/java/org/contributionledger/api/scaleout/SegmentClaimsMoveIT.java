package org.contributionledger.api.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.contributionledger.api.support.SharedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token store each node builds ({@link ClusterConfiguration}) on PostgreSQL, with the postgres
 * profile's migrations: two nodes split a processor's segments, a node that stops renewing its
 * claims (it died) keeps them no longer than the claim timeout, and then the other node takes
 * them over. Tracking processors claim and renew through exactly these calls.
 */
class SegmentClaimsMoveIT {

    private static final String PROCESSOR = "publisher";
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

    private TokenStore nodeA;
    private TokenStore nodeB;

    @BeforeEach
    void twoNodesOnOneDatabase() throws Exception {
        DataSource dataSource = SharedPostgres.dataSource(SharedPostgres.newDatabase("SegmentClaimsMoveIT"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration", "classpath:db/postgresql")
                .load().migrate();
        ClusterConfiguration configuration = new ClusterConfiguration();
        DataSourceConnectionProvider connections = new DataSourceConnectionProvider(dataSource);
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        nodeA = configuration.tokenStore(connections, serializer, new ClusterProperties("node-a", CLAIM_TIMEOUT, null, 0));
        nodeB = configuration.tokenStore(connections, serializer, new ClusterProperties("node-b", CLAIM_TIMEOUT, null, 0));
    }

    @Test
    void aDeadNodesSegmentsMoveToTheLiveNodeAfterTheClaimTimeout() throws Exception {
        nodeA.initializeTokenSegments(PROCESSOR, 2);
        // From node A's last claim on: the one it makes here.
        long lastClaimedByA = System.nanoTime();
        nodeA.fetchToken(PROCESSOR, 0);
        nodeB.fetchToken(PROCESSOR, 1);
        // Each node holds its own segment; neither may take the other's while it is renewed.
        assertThatThrownBy(() -> nodeB.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> nodeA.fetchToken(PROCESSOR, 1)).isInstanceOf(UnableToClaimTokenException.class);

        // Node A dies: it renews nothing from now on. Node B keeps renewing its own segment and
        // tries node A's, as its processor would.
        Duration movedAfter = null;
        while (movedAfter == null) {
            nodeB.extendClaim(PROCESSOR, 1);
            try {
                nodeB.fetchToken(PROCESSOR, 0);
                movedAfter = Duration.ofNanos(System.nanoTime() - lastClaimedByA);
            } catch (UnableToClaimTokenException stillClaimed) {
                assertThat(Duration.ofNanos(System.nanoTime() - lastClaimedByA)).as("the segment moves within seconds")
                        .isLessThan(CLAIM_TIMEOUT.plusSeconds(10));
                Thread.sleep(100);
            }
        }
        System.out.printf("SegmentClaimsMoveIT: node A's segment moved to node B %d ms after A's last claim%n",
                movedAfter.toMillis());
        assertThat(movedAfter).as("the claim held until its timeout").isGreaterThanOrEqualTo(CLAIM_TIMEOUT.minusMillis(500));
        // Node B now owns both; node A, were it to come back, would have to wait in turn.
        assertThatThrownBy(() -> nodeA.fetchToken(PROCESSOR, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(nodeB.fetchSegments(PROCESSOR)).containsExactly(0, 1);
    }
}
