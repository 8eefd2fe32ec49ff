package org.contributionledger.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.contributionledger.core.common.LedgerRuleViolation;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * {@code docs/reference/} names exactly the problem types the code answers with: none documented
 * that the code cannot answer, none the code answers that a reader would not find there.
 */
class ReferenceDocsTest {

    private static final Path REFERENCE = Path.of("..", "docs", "reference");
    private static final Path SOURCES = Path.of("src", "main", "java");

    /** A numbered problem line: "1. `type` (409): ..." or "3. `one` or `other` (400): ...". */
    private static final Pattern LISTED = Pattern.compile("^\\d+\\.\\s+((?:`[a-z]+(?:-[a-z]+)*`(?:\\s+or\\s+)?)+)\\s*\\(\\d{3}\\)");
    private static final Pattern TYPE = Pattern.compile("`([a-z]+(?:-[a-z]+)*)`");

    /** Where the API names a problem type in its source: the type argument of the problem builders. */
    private static final List<Pattern> NAMED_IN_CODE = List.of(
            Pattern.compile("Problems\\.of\\(\\s*HttpStatus\\.\\w+,\\s*\"([a-z]+(?:-[a-z]+)*)\""),
            Pattern.compile("ContainerProblems\\.write\\(\\s*\\w+,\\s*\\d+,\\s*\"([a-z]+(?:-[a-z]+)*)\""),
            Pattern.compile("case \\d+ -> \"([a-z]+(?:-[a-z]+)*)\""));

    @Test
    void everyProblemTypeOfTheCodeIsDocumentedAndNothingElse() {
        Set<String> documented = documentedTypes();
        Set<String> catalogue = new TreeSet<>(ruleTypes());
        catalogue.addAll(typesNamedInCode());

        assertThat(catalogue).as("the code's problem types").hasSizeGreaterThan(35);
        assertThat(documented).as("documented in docs/reference").containsExactlyInAnyOrderElementsOf(catalogue);
    }

    @Test
    void everyCommandPageListsItsProblemsInOrder() throws IOException {
        try (Stream<Path> pages = Files.list(REFERENCE)) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).toList()) {
                String text = Files.readString(page);
                assertThat(text).as(page.toString()).contains("## Problems");
                if (!page.getFileName().toString().equals("README.md")) {
                    assertThat(text).as(page.toString()).contains("## Fields", "## Guarantees",
                            "## Problems, in the order they are checked");
                    assertThat(listedTypes(text)).as(page.toString()).isNotEmpty();
                }
            }
        }
    }

    /** The problem types a page lists, in the order listed. */
    static List<String> listedTypes(String page) {
        List<String> types = new ArrayList<>();
        for (String line : page.split("\n")) {
            Matcher listed = LISTED.matcher(line);
            if (listed.find()) {
                Matcher type = TYPE.matcher(listed.group(1));
                while (type.find()) {
                    types.add(type.group(1));
                }
            }
        }
        return types;
    }

    private static Set<String> documentedTypes() {
        Set<String> types = new TreeSet<>();
        try (Stream<Path> pages = Files.list(REFERENCE)) {
            for (Path page : pages.filter(path -> path.toString().endsWith(".md")).toList()) {
                types.addAll(listedTypes(Files.readString(page)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }

    /** Each rule of the domain is a problem type named after its class (see ProblemHandler). */
    private static Set<String> ruleTypes() {
        Set<String> types = new TreeSet<>();
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.contributionledger.core", "org.contributionledger.query").stream()
                .filter(type -> type.isAssignableTo(LedgerRuleViolation.class)
                        && !type.getModifiers().contains(JavaModifier.ABSTRACT))
                .forEach(type -> types.add(type.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase()));
        return types;
    }

    private static Set<String> typesNamedInCode() {
        Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (Pattern named : NAMED_IN_CODE) {
                    Matcher matcher = named.matcher(source);
                    while (matcher.find()) {
                        types.add(matcher.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return types;
    }
}
