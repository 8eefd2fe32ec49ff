package org.contributionledger.core.contribution;

import java.util.List;

import org.contributionledger.core.common.LedgerRuleViolation;

/**
 * The id is taken by a different act. {@code differingFields} names the act's fields whose value
 * differs from the stored act (in the request's field names), so the caller can tell a reused id
 * from a retry that was changed on the way.
 */
public class ContributionIdConflict extends LedgerRuleViolation {

    private final List<String> differingFields;

    public ContributionIdConflict(String contributionId, List<String> differingFields) {
        super("Contribution id '" + contributionId + "' is already taken by a different act (differing: "
                + String.join(", ", differingFields) + "); ids are idempotency keys");
        this.differingFields = List.copyOf(differingFields);
    }

    public List<String> differingFields() {
        return differingFields;
    }
}
