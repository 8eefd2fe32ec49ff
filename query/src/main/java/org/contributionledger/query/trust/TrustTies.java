package org.contributionledger.query.trust;

import java.util.List;

/** One page of a member's trust ties in one direction; {@code nextCursor} is null on the last page. */
public record TrustTies(String communityId, String memberId, TrustDirection direction, List<TrustTie> items,
                        String nextCursor) {
}
