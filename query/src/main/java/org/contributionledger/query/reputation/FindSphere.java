package org.contributionledger.query.reputation;

/** One sphere of a community, numbered as in {@link CommunitySpheres}, with all its members. */
public record FindSphere(String communityId, int sphere) {
}
