package org.contributionledger.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.contributionledger.core.common.LedgerRuleViolation;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every rule of the domain, and of the reads (an unknown sphere), is mapped, once, to an HTTP status; a new
 * rule cannot fall through to a default.
 */
class RuleMappingTest {

    @Test
    void everyRuleOfTheDomainHasItsOwnStatus() {
        List<Class<?>> rules = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.contributionledger.core", "org.contributionledger.query").stream()
                .filter(type -> type.isAssignableTo(LedgerRuleViolation.class)
                        && !type.getModifiers().contains(JavaModifier.ABSTRACT))
                .map(JavaClass::reflect)
                .toList();

        assertThat(rules).hasSizeGreaterThanOrEqualTo(15);
        for (Class<?> rule : rules) {
            @SuppressWarnings("unchecked")
            Class<? extends LedgerRuleViolation> violation = (Class<? extends LedgerRuleViolation>) rule;
            assertThat(ProblemHandler.statusOf(violation)).as(rule.getSimpleName()).isNotNull();
            assertThat(ProblemHandler.statusOf(violation).is4xxClientError()).as(rule.getSimpleName()).isTrue();
        }
    }
}
