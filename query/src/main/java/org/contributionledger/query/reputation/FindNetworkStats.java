package org.contributionledger.query.reputation;

/** Network measures of a community: reciprocity of trust and of giving, and inequality of giving. */
public record FindNetworkStats(String communityId) {
}
