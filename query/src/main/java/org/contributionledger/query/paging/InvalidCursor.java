package org.contributionledger.query.paging;

import org.contributionledger.core.common.InvalidField;

/** A cursor this ledger did not issue (or one that was altered): the client should start over or pass {@code nextCursor}. */
public class InvalidCursor extends InvalidField {

    public InvalidCursor(String cursor) {
        super("cursor", "cursor '" + cursor + "' is not a cursor this ledger issued; pass the nextCursor of the previous page");
    }
}
