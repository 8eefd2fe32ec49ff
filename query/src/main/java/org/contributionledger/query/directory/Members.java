package org.contributionledger.query.directory;

import java.util.List;

/** One page of a community's members by id; {@code nextCursor} is null on the last page. */
public record Members(String communityId, List<Member> items, String nextCursor) {
}
