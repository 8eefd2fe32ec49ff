package org.contributionledger.query.directory;

import java.util.List;

/** One page of communities by id; {@code nextCursor} is null on the last page. */
public record Communities(List<Community> items, String nextCursor) {
}
