package org.contributionledger.query.statement;

public class InvalidCursor extends IllegalArgumentException {

    public InvalidCursor(String cursor) {
        super("cursor '" + cursor + "' is not a cursor this ledger issued; pass the nextCursor of the previous page");
    }
}
