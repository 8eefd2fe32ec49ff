package org.contributionledger.query.asof;

import java.time.Instant;

/**
 * An as-of instant before the community's first event (or before any event at all): the community
 * did not exist yet then, so there is nothing to answer as of that time.
 */
public class AsOfBeforeHistory extends RuntimeException {

    public AsOfBeforeHistory(String communityId, Instant asked, Instant firstEventAt) {
        super(firstEventAt == null
                ? "asOf " + asked + " is before the first event stored: community '" + communityId
                        + "' did not exist yet"
                : "asOf " + asked + " is before community '" + communityId + "' was created (" + firstEventAt
                        + "); ask for an instant from then on");
    }
}
