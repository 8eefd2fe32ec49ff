package org.contributionledger.query.directory;

import org.contributionledger.query.paging.Keyset;

/** A community's members by id; {@code active} true lists active members only, false suspended ones, null all. */
public record FindMembers(String communityId, Boolean active, String cursor, int limit) {

    public FindMembers {
        Keyset.checkLimit(limit, Keyset.MAX_LIMIT);
    }
}
