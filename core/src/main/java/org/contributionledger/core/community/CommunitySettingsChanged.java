package org.contributionledger.core.community;

import org.axonframework.serialization.Revision;

/** The community's settings from now on, whole, so a projection needs no earlier event to apply them. */
@Revision("1")
public record CommunitySettingsChanged(String communityId, CommunitySettings settings) {
}
