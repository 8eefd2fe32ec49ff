package org.contributionledger.api.scaleout;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing database URL into a one-line reason at startup, instead of a stack trace. */
public class MissingDatabaseUrlFailureAnalyzer extends AbstractFailureAnalyzer<MissingDatabaseUrl> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingDatabaseUrl cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set LEDGER_DB_URL, or leave SPRING_PROFILES_ACTIVE unset to use the embedded H2 database.", cause);
    }
}
