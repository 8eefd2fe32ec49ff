package org.contributionledger.query.statement;

import org.contributionledger.query.paging.Keyset;

/**
 * Every act a member gave or received, newest first. {@code cursor} is the opaque
 * {@code nextCursor} of the previous page, or null for the first page.
 */
public record FindStatement(String communityId, String memberId, String cursor, int limit) {

    public FindStatement {
        Keyset.checkLimit(limit, Keyset.MAX_LIMIT);
    }
}
