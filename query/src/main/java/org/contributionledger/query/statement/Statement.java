package org.contributionledger.query.statement;

import java.util.List;

/** One page of a member's statement; {@code nextCursor} is null on the last page. */
public record Statement(String communityId, String memberId, List<StatementEntry> entries, String nextCursor) {
}
