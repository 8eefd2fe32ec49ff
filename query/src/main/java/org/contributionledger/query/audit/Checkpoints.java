package org.contributionledger.query.audit;

import java.util.List;

/** One page of checkpoints, oldest first; {@code nextCursor} is null on the last page. */
public record Checkpoints(List<Checkpoint> items, String nextCursor) {
}
