package org.contributionledger.api.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.contributionledger.query.audit.ExportedEvent;
import org.contributionledger.query.audit.StoredEvent;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A JSON line gives back the stored bytes: from the JSON value when writing it compactly gives them
 * exactly, otherwise from the base64 copy it then carries.
 */
class EventLinesTest {

    @Test
    void jsonThatWritesBackExactlyTravelsAsAValueOnly() throws IOException {
        JsonNode line = line("{\"value\":2.50,\"n\":12345678901234567890,\"s\":\"caf\u00e9 \\\"x\\\"\"}", null);
        assertThat(line.has("payloadBase64")).isFalse();
        assertThat(line.path("payload").path("value").decimalValue()).hasToString("2.50");
        assertThat(EventLines.compact(line.path("payload"))).isEqualTo(
                "{\"value\":2.50,\"n\":12345678901234567890,\"s\":\"caf\u00e9 \\\"x\\\"\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(line.path("metaData").isNull()).isTrue();
        assertThat(line.has("metaDataBase64")).isFalse();
    }

    @Test
    void bytesTheValueDoesNotGiveBackTravelInBase64() throws IOException {
        for (String stored : new String[] {"{\"a\": 1}", "{\"a\":1,\"a\":2}", "{\"a\":\"\\u0041\"}", "not json", "null"}) {
            JsonNode line = line(stored, stored);
            assertThat(Base64.getDecoder().decode(line.path("payloadBase64").asText()))
                    .as(stored).isEqualTo(stored.getBytes(StandardCharsets.UTF_8));
            assertThat(Base64.getDecoder().decode(line.path("metaDataBase64").asText()))
                    .as(stored).isEqualTo(stored.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void csvQuotesFieldsWithCommasQuotesAndLineBreaks() {
        assertThat(EventLines.csv("plain")).isEqualTo("plain");
        assertThat(EventLines.csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(EventLines.csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(EventLines.csv("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(EventLines.csv(null)).isEmpty();
    }

    @Test
    void aLineCarriesTheKeysOfItsEncryptedFieldsAndOnlyWhenThereAreAny() throws IOException {
        StoredEvent stored = new StoredEvent(7, "e-1", "Type", null, "member/c/m", 0, "2026-01-01T00:00:00Z",
                "{\"displayName\":\"enc:v1:k1:AAAA\"}".getBytes(StandardCharsets.UTF_8), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventLines.jsonLine(new ExportedEvent(stored, "Member", null, null, java.util.Map.of("k1", "a2V5")), out);
        JsonNode line = EventLines.JSON.readTree(out.toString(StandardCharsets.UTF_8));

        assertThat(line.path("dataKeys").path("k1").asText()).isEqualTo("a2V5");
        assertThat(line.path("payload").path("displayName").asText()).isEqualTo("enc:v1:k1:AAAA");
        assertThat(line("{\"a\":1}", null).has("dataKeys")).isFalse();
    }

    private static JsonNode line(String payload, String metaData) throws IOException {
        StoredEvent stored = new StoredEvent(7, "e-1", "Type", null, "member/c/m", 0, "2026-01-01T00:00:00Z",
                payload.getBytes(StandardCharsets.UTF_8), metaData == null ? null : metaData.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EventLines.jsonLine(new ExportedEvent(stored, "Member", null, null), out);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n").doesNotContain("\n\n");
        return EventLines.JSON.readTree(text);
    }
}
