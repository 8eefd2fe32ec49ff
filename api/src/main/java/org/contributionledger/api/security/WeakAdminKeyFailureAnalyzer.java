package org.contributionledger.api.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a weak admin key into a one-line reason at startup, instead of a stack trace. */
public class WeakAdminKeyFailureAnalyzer extends AbstractFailureAnalyzer<WeakAdminKey> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, WeakAdminKey cause) {
        return new FailureAnalysis(cause.getMessage(), "Set LEDGER_ADMIN_KEY to a stronger key, or unset it.", cause);
    }
}
