package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.contributionledger.query.reputation.ReputationScenario.COMMUNITY;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.junit.jupiter.api.Test;

/**
 * Bitcoin OTC fed to the reputation as trust declarations, as the importer does: the snapshot holds its
 * spheres, and says how much of its computation they took (printed beside the whole, for docs/reputation.md).
 */
class SpheresInSnapshotTest {

    @Test
    void bitcoinOtcSpheresAreComputedWithTheSnapshot() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/reference/soc-sign-bitcoinotc.csv"), StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.isBlank()).forEach(line -> rows.add(line.split(",")));
        }
        StandaloneReputation otc = ReputationScenario.newReputation();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        otc.projection().on(new CommunityCreated(COMMUNITY, "Bitcoin OTC", CommunitySettings.defaults()));
        TreeSet<Integer> members = new TreeSet<>();
        rows.forEach(row -> {
            members.add(Integer.parseInt(row[0]));
            members.add(Integer.parseInt(row[1]));
        });
        for (int member : members) {
            otc.projection().on(new MemberRegistered(COMMUNITY, String.valueOf(member), null), at);
        }
        for (String[] row : rows) {
            otc.projection().on(new TrustDeclared(COMMUNITY, row[0], row[1], null, Integer.parseInt(row[2]), null, at), at);
        }

        StringBuilder timings = new StringBuilder();
        CommunitySpheres spheres = null;
        for (int round = 0; round < 4; round++) {
            // One more declaration each round, so each round recomputes (warm-started) as after a write.
            otc.projection().on(new TrustDeclared(COMMUNITY, "1", "2", null, 1 + round, null, at), at);
            otc.snapshots().recomputeNow();
            spheres = otc.queries().handle(new FindSpheres(COMMUNITY)).orElseThrow();
            timings.append(String.format(" [snapshot %d ms, of which spheres %d ms]", spheres.freshness().computeMillis(),
                    spheres.computeMillis()));
        }
        System.out.println("bitcoinotc snapshot:" + timings);

        // Members with only negative ratings have no tie and are in no sphere.
        assertThat(spheres.sphereCount()).isGreaterThan(20);
        assertThat(spheres.betweennessExact()).isFalse();
        // At least what networkx's Louvain and igraph's Leiden reach with seed 0 (SpheresReferenceTest).
        assertThat(spheres.modularity()).isGreaterThan(0.5478);
        assertThat(spheres.bridges()).isNotEmpty();
        assertThat(spheres.spheres().get(0).leaders()).hasSize(3);
        assertThat(spheres.spheres().get(0).size()).isGreaterThanOrEqualTo(spheres.spheres().get(1).size());
    }
}
