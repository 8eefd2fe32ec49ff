package org.contributionledger.query.reputation;

/** A community's network as the dashboard draws it: members placed on a plane, and their ties. */
public record FindNetworkDrawing(String communityId) {
}
