package org.contributionledger.query.paging;

import org.contributionledger.core.common.InvalidField;

/** A page size outside what a listing serves; the API answers 400 {@code limit-out-of-range}. */
public class LimitOutOfRange extends InvalidField {

    public LimitOutOfRange(int limit, int max) {
        super("limit", "limit must be between 1 and " + max + " but was " + limit);
    }
}
