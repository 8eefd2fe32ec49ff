package org.contributionledger.query.trust;

/** Which of a member's ties: those they declared ({@code OUT}, the member is the truster) or those declared in them ({@code IN}). */
public enum TrustDirection {
    OUT, IN
}
