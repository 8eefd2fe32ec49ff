package org.contributionledger.core.trust;

import org.contributionledger.core.common.LedgerRuleViolation;

public class SelfTrustNotAllowed extends LedgerRuleViolation {

    public SelfTrustNotAllowed(String memberId) {
        super("Member '" + memberId + "' cannot declare trust in themselves");
    }
}
