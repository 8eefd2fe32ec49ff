package org.contributionledger.api.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.contributionledger.core.common.LedgerRuleViolation;

/**
 * The ledger rules an operation can refuse a request with. The OpenAPI document lists, for each,
 * the status and problem type that ProblemHandler maps it to (see {@link ProblemResponses}); the
 * refusals every operation shares (a missing key, a malformed body, ...) are added without it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface Refuses {

    Class<? extends LedgerRuleViolation>[] value() default {};

    /** Problem types that are no rule of the domain, e.g. {@code reputation-unavailable}, as "status type". */
    String[] also() default {};
}
