package org.contributionledger.query.reputation;

/** A community's spheres of influence, their leaders, and the members who bridge them. */
public record FindSpheres(String communityId) {
}
