package org.contributionledger.query.reputation.spheres;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of two partitions (Hubert &amp; Arabie 1985): 1 when they are the same up to
 * names, about 0 for partitions no closer than chance. Computed from the contingency table:
 * {@code (index - expected) / (max - expected)} over pairs of nodes.
 */
final class AdjustedRandIndex {

    private AdjustedRandIndex() {
    }

    static double of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Partitions of " + a.length + " and " + b.length + " nodes");
        }
        Map<Long, Integer> table = new HashMap<>();
        Map<Integer, Integer> rows = new HashMap<>();
        Map<Integer, Integer> columns = new HashMap<>();
        for (int node = 0; node < a.length; node++) {
            table.merge(((long) a[node] << 32) | (b[node] & 0xffffffffL), 1, Integer::sum);
            rows.merge(a[node], 1, Integer::sum);
            columns.merge(b[node], 1, Integer::sum);
        }
        double index = table.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double rowPairs = rows.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double columnPairs = columns.values().stream().mapToDouble(AdjustedRandIndex::pairs).sum();
        double expected = rowPairs * columnPairs / pairs(a.length);
        double maximum = (rowPairs + columnPairs) / 2;
        if (maximum == expected) {
            // Both partitions put everything together, or everything apart: they agree entirely.
            return 1;
        }
        return (index - expected) / (maximum - expected);
    }

    private static double pairs(int count) {
        return count * (count - 1.0) / 2;
    }
}
