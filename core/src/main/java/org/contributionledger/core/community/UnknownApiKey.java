package org.contributionledger.core.community;

import org.contributionledger.core.common.LedgerRuleViolation;

public class UnknownApiKey extends LedgerRuleViolation {

    public UnknownApiKey(String communityId, String apiKeyId) {
        super("Community '" + communityId + "' has no API key '" + apiKeyId + "'");
    }
}
