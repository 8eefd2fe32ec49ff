package org.contributionledger.core.common;

/**
 * A message field has the wrong shape (missing, too long, not an id, control characters...). It
 * names the field, so the API can tell the client which one to fix.
 */
public class InvalidField extends IllegalArgumentException {

    private final String field;

    public InvalidField(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
