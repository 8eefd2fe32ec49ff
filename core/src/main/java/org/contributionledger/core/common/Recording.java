package org.contributionledger.core.common;

/**
 * What a create that is idempotent by the client's id decided: recorded now, or found already
 * recorded (the same request again, which records nothing). The API tells the two apart so that a
 * retry is visible: 201 the first time, 200 with the stored record after, and per batch item.
 *
 * @param answer          what the command answers either way (an act's status), or null
 * @param alreadyRecorded true when nothing was recorded because the same thing was recorded before
 */
public record Recording(Object answer, boolean alreadyRecorded) {

    public static Recording recordedNow(Object answer) {
        return new Recording(answer, false);
    }

    public static Recording alreadyRecorded(Object answer) {
        return new Recording(answer, true);
    }
}
