package org.contributionledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The operations served through Kafka are the OpenAPI document's write operations of the same
 * name, and the reference page lists exactly them: a platform writes a record from the document.
 */
class CommandOperationsTest {

    private final Set<String> served = new CommandOperations(null, null, null, new ObjectMapper()).names();

    @Test
    void everyOperationIsAWriteOperationOfTheOpenApiDocument() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(Path.of("..", "docs", "openapi.json").toFile()).path("paths");
        Set<String> writes = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (Set.of("post", "put", "delete").contains(operation.getKey())) {
                writes.add(operation.getValue().path("operationId").asText());
            }
        }));
        assertThat(served).hasSize(13);
        assertThat(writes).containsAll(served);
    }

    @Test
    void theReferencePageListsEveryOperation() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "reference", "kafka-commands.md"));
        Matcher row = Pattern.compile("\\| `operation` \\|[^|]*\\|([^\\n]*)").matcher(page);
        assertThat(row.find()).isTrue();
        Set<String> listed = new TreeSet<>();
        Matcher name = Pattern.compile("`([a-zA-Z]+)`").matcher(row.group(1));
        while (name.find()) {
            listed.add(name.group(1));
        }
        assertThat(listed).isEqualTo(served);
    }

    @Test
    void anUnknownOperationNamesTheKnownOnes() {
        var command = new CommandRecord("payEveryone", "demo", null, Map.of(), null);
        assertThatThrownBy(() -> new CommandOperations(null, null, null, new ObjectMapper()).apply(command))
                .isInstanceOf(CommandOperations.UnknownOperation.class)
                .hasMessageContaining("'payEveryone' is not an operation").hasMessageContaining("recordContribution");
    }
}
