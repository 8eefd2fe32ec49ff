package org.contributionledger.query.directory;

import org.contributionledger.query.paging.Keyset;

/**
 * Communities by id. {@code onlyCommunityId} narrows the listing to one community (what a community's
 * own key may see); null lists every community (the admin's view).
 */
public record FindCommunities(String onlyCommunityId, String cursor, int limit) {

    public FindCommunities {
        Keyset.checkLimit(limit, Keyset.MAX_LIMIT);
    }
}
