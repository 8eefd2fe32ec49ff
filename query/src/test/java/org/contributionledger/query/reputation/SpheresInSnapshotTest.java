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
 * Bitcoin OTC fed to the reputation as trust declarations, as the importer does: the snapshot's spheres
 * are found after its influence, not within its computation. Prints, for docs/reputation.md, what the
 * recomputing thread spent per snapshot before (influence, then the spheres, as the snapshot's
 * computation used to do) and now (influence only), measured on the same snapshots of one run.
 */
class SpheresInSnapshotTest {

    @Test
    void bitcoinOtcSpheresAreFoundAfterTheSnapshotsInfluence() throws IOException {
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
        for (int round = 0; round < 5; round++) {
            // One more declaration each round, so each round recomputes (warm-started) as after a write.
            otc.projection().on(new TrustDeclared(COMMUNITY, "1", "2", null, 1 + round, null, at), at);
            int findingsBefore = otc.snapshots().spheresFindings();
            long started = System.nanoTime();
            otc.snapshots().recomputeNow();
            long influenceMillis = (System.nanoTime() - started) / 1_000_000;
            assertThat(otc.snapshots().spheresFindings()).as("no spheres found by the recomputation")
                    .isEqualTo(findingsBefore);
            started = System.nanoTime();
            otc.snapshots().latest(COMMUNITY).spheres();
            long spheresMillis = (System.nanoTime() - started) / 1_000_000;
            spheres = otc.queries().handle(new FindSpheres(COMMUNITY)).orElseThrow();
            assertThat(otc.snapshots().spheresFindings()).as("found once, then kept").isEqualTo(findingsBefore + 1);
            timings.append(String.format("%n  round %d: recomputing thread before %d ms (influence %d + spheres %d),"
                            + " now %d ms (influence; answer's freshness.computeMillis %d, spheres' computeMillis %d)",
                    round, influenceMillis + spheresMillis, influenceMillis, spheresMillis, influenceMillis,
                    spheres.freshness().computeMillis(), spheres.computeMillis()));
        }
        System.out.println("bitcoinotc snapshot, per write:" + timings);

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
