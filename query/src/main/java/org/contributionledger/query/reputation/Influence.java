package org.contributionledger.query.reputation;

import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.Ranking;

/**
 * A member's influence: {@code score} (all members' scores sum to 1), {@code relativeScore}
 * (score × N: 1.0 is average), {@code rank} (1 = most influential) and {@code percentile} (the share
 * of members with a strictly lower score, 0..100).
 */
public record Influence(double score, double relativeScore, int rank, double percentile) {

    static Influence of(InfluenceResult result, Ranking ranking, int node) {
        return new Influence(result.score(node), result.relativeScore(node), ranking.rank(node),
                ranking.percentile(node));
    }
}
