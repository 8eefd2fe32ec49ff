package org.contributionledger.query.statement;

/** One act with its current status, seen from its giver's side. */
public record FindContribution(String communityId, String contributionId) {
}
