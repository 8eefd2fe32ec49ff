package org.contributionledger.query.erasure;

/**
 * A stored encrypted field that its key cannot open: altered bytes (the GCM tag does not match) or
 * a malformed value. Never raised for an erased member's fields: those read as null. The message
 * names the key id only, never any content.
 */
public class PersonalDataUnreadable extends RuntimeException {

    public PersonalDataUnreadable(String what) {
        super("Stored personal data is unreadable: " + what);
    }
}
