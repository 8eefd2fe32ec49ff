package org.contributionledger.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Layering: controllers speak to the domain through commands (LedgerCommands, the batch gateway)
 * and to the views through queries (QueryGateway), never to storage or projections directly; the
 * domain knows nothing of Spring.
 */
class ArchitectureTest {

    private static JavaClasses ledger;

    @BeforeAll
    static void importClasses() {
        ledger = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.contributionledger");
    }

    @Test
    void theRulesSeeTheClassesTheyAreAbout() {
        long controllers = ledger.stream()
                .filter(type -> type.getPackageName().startsWith("org.contributionledger.api"))
                .filter(type -> type.isAnnotatedWith(RestController.class))
                .count();
        assertThat(controllers).as("@RestController classes found").isGreaterThanOrEqualTo(6);
        assertThat(ledger.stream().map(JavaClass::getPackageName))
                .anyMatch(name -> name.startsWith("org.contributionledger.core"))
                .anyMatch(name -> name.startsWith("org.contributionledger.query"));
    }

    @Test
    void controllersDoNotTouchStorageOrEventSourcing() {
        noClasses().that().resideInAPackage("org.contributionledger.api..").and().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.jdbc..", "javax.sql..", "org.axonframework.eventsourcing..",
                        "org.axonframework.eventhandling..", "org.axonframework.common.jdbc..")
                .because("controllers send commands and queries; storage belongs to the event store and the projections")
                .check(ledger);
    }

    @Test
    void controllersDoNotCallProjectionsOrQueryHandlersDirectly() {
        noClasses().that().resideInAPackage("org.contributionledger.api..").and().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "are projections or query handlers in ..query..",
                        (JavaClass type) -> type.getPackageName().startsWith("org.contributionledger.query")
                                && (type.getSimpleName().endsWith("Projection") || type.getSimpleName().endsWith("Queries"))))
                .because("reads go through the QueryGateway")
                .check(ledger);
    }

    @Test
    void controllersSendCommandsOnlyThroughLedgerCommandsOrTheBatchGateway() {
        noClasses().that().resideInAPackage("org.contributionledger.api..").and().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                        "org.axonframework.modelling..", "org.axonframework.messaging.unitofwork..")
                .because("LedgerCommands stamps every command with the request's provenance")
                .check(ledger);
        classes().that().resideInAPackage("org.contributionledger.api..").and().areAnnotatedWith(RestController.class)
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "org.contributionledger..", "java..", "org.springframework.web..", "org.springframework.http..",
                        "org.axonframework.queryhandling..", "org.axonframework.messaging.responsetypes..",
                        "org.axonframework.messaging", "jakarta.servlet..", "io.swagger..", "org.springdoc..")
                .check(ledger);
    }

    @Test
    void theDomainDoesNotUseSpring() {
        noClasses().that().resideInAPackage("org.contributionledger.core..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("core is plain Java and Axon, testable without a container")
                .check(ledger);
    }
}
