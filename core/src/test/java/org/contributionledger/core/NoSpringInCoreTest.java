package org.contributionledger.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The domain is plain Java and Axon: Spring belongs to the modules that run it. */
@AnalyzeClasses(packages = "org.contributionledger.core")
class NoSpringInCoreTest {

    @ArchTest
    static final ArchRule coreDoesNotDependOnSpring = noClasses()
            .that().resideInAPackage("org.contributionledger.core..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework.spring..");
}
