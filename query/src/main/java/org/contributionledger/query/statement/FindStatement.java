package org.contributionledger.query.statement;

/**
 * Every act a member gave or received, newest first. {@code cursor} is the opaque
 * {@code nextCursor} of the previous page, or null for the first page.
 */
public record FindStatement(String communityId, String memberId, String cursor, int limit) {

    public static final int MAX_LIMIT = 500;

    public FindStatement {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }
}
