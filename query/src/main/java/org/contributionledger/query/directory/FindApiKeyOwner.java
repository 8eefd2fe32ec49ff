package org.contributionledger.query.directory;

/** Which community a key acts for, found by the key's SHA-256 digest (the key itself is never stored). */
public record FindApiKeyOwner(String keySha256) {
}
