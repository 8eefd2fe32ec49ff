package org.contributionledger.query.trust;

import org.contributionledger.query.paging.Keyset;

/** The trust ties in force out of or into one member, by the other member's id, then category. */
public record FindTrustTies(String communityId, String memberId, TrustDirection direction, String cursor, int limit) {

    public FindTrustTies {
        Keyset.checkLimit(limit, Keyset.MAX_LIMIT);
    }
}
