package org.contributionledger.query.audit;

import java.util.regex.Pattern;

import org.contributionledger.core.common.InvalidField;

/**
 * A checkpoint an auditor copied earlier, handed back to be checked against the history as stored now.
 *
 * @param position the position (global index) the checkpoint was taken at
 * @param digest   the chain's digest there, 64 hex digits
 * @param hmac     its signature (64 hex digits) to check with the ledger's audit key; null to check the digest only
 */
public record SuppliedCheckpoint(long position, String digest, String hmac) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    public SuppliedCheckpoint {
        if (position < 0) {
            throw new InvalidField("checkpoint.position", "checkpoint.position must be 0 or more, not " + position);
        }
        if (digest == null || !SHA256_HEX.matcher(digest).matches()) {
            throw new InvalidField("checkpoint.digest", "checkpoint.digest must be 64 hex digits (a SHA-256 digest)");
        }
        if (hmac != null && !SHA256_HEX.matcher(hmac).matches()) {
            throw new InvalidField("checkpoint.hmac", "checkpoint.hmac must be 64 hex digits (an HMAC-SHA256), or left out");
        }
        digest = digest.toLowerCase();
        hmac = hmac == null ? null : hmac.toLowerCase();
    }
}
