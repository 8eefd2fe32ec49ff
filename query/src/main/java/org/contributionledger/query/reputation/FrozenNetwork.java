package org.contributionledger.query.reputation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.contributionledger.query.reputation.graph.WeightedDigraph;

/**
 * One version of a community's network, frozen: an immutable copy of its {@link CommunityNetwork}
 * as it was at {@code version}, with the graphs the model needs. Node {@code i} is member
 * {@code memberIds.get(i)} in every graph. {@code contacts} links every pair with a confirmed act
 * or positive trust (weight 1, whatever the reputation weights), for reach. {@code displayNames}
 * are the members' names by node (an element may be null); {@code categoriesWithData} the
 * categories with a confirmed act or positive trust declared for them.
 */
record FrozenNetwork(String communityId, long version, Instant lastEventAt, List<String> memberIds,
                     Map<String, Integer> index,
                     boolean[] active, int[] preTrusted, double alpha, WeightedDigraph overall,
                     Map<String, WeightedDigraph> byCategory, WeightedDigraph ties, WeightedDigraph positiveTrust,
                     WeightedDigraph giving, WeightedDigraph contacts, int[] distrustReceived, double[] givenValue,
                     List<Set<String>> memberCategories, List<String> displayNames,
                     Set<String> categoriesWithData) {

    /** The member's node, or -1 when they are not (yet) in this version of the network. */
    int nodeOf(String memberId) {
        return index.getOrDefault(memberId, -1);
    }

    int memberCount() {
        return memberIds.size();
    }
}
