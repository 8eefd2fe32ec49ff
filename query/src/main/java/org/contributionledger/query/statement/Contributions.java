package org.contributionledger.query.statement;

import java.util.List;

/** One page of a community's acts, each seen from its giver's side; {@code nextCursor} is null on the last page. */
public record Contributions(String communityId, List<StatementEntry> items, String nextCursor) {
}
