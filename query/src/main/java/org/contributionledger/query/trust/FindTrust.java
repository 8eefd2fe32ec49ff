package org.contributionledger.query.trust;

/** The declaration in force from one member to another, for one category or (null) for all. */
public record FindTrust(String communityId, String truster, String trustee, String category) {
}
