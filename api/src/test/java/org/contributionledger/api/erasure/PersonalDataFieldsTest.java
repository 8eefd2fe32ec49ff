package org.contributionledger.api.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.query.erasure.MemberDataKeys;
import org.contributionledger.query.erasure.PersonalDataCipher;
import org.contributionledger.query.erasure.PersonalDataUnreadable;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The event serializer as the application builds it: personal fields stored encrypted, read back, shredded. */
class PersonalDataFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ContributionRecorded recorded = new ContributionRecorded("garden", "act-1", "alice", "bob", "help",
            new BigDecimal("2.5"), Instant.parse("2026-01-15T10:00:00Z"), "Bob's words", "https://example.org/bob",
            RecordedBy.RECEIVER, ContributionStatus.CONFIRMED);

    private MemberDataKeys keys;
    private Serializer serializer;

    @BeforeEach
    void setUp() {
        SingleConnectionDataSource database = new SingleConnectionDataSource(
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true);
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(database);
        keys = new MemberDataKeys(jdbc, new DataSourceTransactionManager(database), 60_000);
        serializer = new ErasureConfiguration().eventSerializer(new ObjectMapper().findAndRegisterModules(),
                new AnnotationRevisionResolver(), keys);
    }

    @Test
    void personalFieldsAreStoredEncryptedUnderTheirOwnersKeyAndReadBackInPlain() throws Exception {
        SerializedObject<byte[]> stored = serializer.serialize(recorded, byte[].class);
        JsonNode payload = JSON.readTree(stored.getData());

        // The receiver recorded it: the texts are theirs; ids and figures stay in plain.
        String bobsKey = keys.keyFor("garden", "bob").keyId();
        assertThat(PersonalDataCipher.keyIdOf(payload.path("description").asText())).isEqualTo(bobsKey);
        assertThat(PersonalDataCipher.keyIdOf(payload.path("evidenceUrl").asText())).isEqualTo(bobsKey);
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8)).doesNotContain("Bob's words", "example.org")
                .contains("\"giver\":\"alice\"", "\"value\":2.5");
        assertThat((Object) serializer.deserialize(stored)).isEqualTo(recorded);
    }

    @Test
    void afterErasureTheFieldsReadAsNullAndEverythingElseAsStored() {
        SerializedObject<byte[]> stored = serializer.serialize(recorded, byte[].class);
        SerializedObject<byte[]> name = serializer.serialize(new MemberRegistered("garden", "bob", "Bob"), byte[].class);
        SerializedObject<byte[]> alices = serializer.serialize(new MemberRegistered("garden", "alice", "Alice"), byte[].class);

        keys.on(new MemberErased("garden", "bob"), Instant.now());

        assertThat((Object) serializer.deserialize(stored)).isEqualTo(new ContributionRecorded("garden", "act-1", "alice",
                "bob", "help", new BigDecimal("2.5"), recorded.occurredAt(), null, null, RecordedBy.RECEIVER,
                ContributionStatus.CONFIRMED));
        assertThat((Object) serializer.deserialize(name)).isEqualTo(new MemberRegistered("garden", "bob", null));
        assertThat((Object) serializer.deserialize(alices)).isEqualTo(new MemberRegistered("garden", "alice", "Alice"));
    }

    @Test
    void anAlteredCiphertextIsAnErrorNotANull() throws Exception {
        SerializedObject<byte[]> stored = serializer.serialize(new MemberRegistered("garden", "bob", "Bob"), byte[].class);
        ObjectNode payload = (ObjectNode) JSON.readTree(stored.getData());
        String sealed = payload.path("displayName").asText();
        // One base64 character well inside the sealed bytes (the last ones may carry padding bits only).
        int at = sealed.lastIndexOf(':') + 20;
        payload.put("displayName", sealed.substring(0, at) + (sealed.charAt(at) == 'A' ? 'B' : 'A')
                + sealed.substring(at + 1));
        SerializedObject<byte[]> altered = new org.axonframework.serialization.SimpleSerializedObject<>(
                JSON.writeValueAsBytes(payload), byte[].class, stored.getType());

        assertThatThrownBy(() -> serializer.deserialize(altered)).hasRootCauseInstanceOf(PersonalDataUnreadable.class);
    }

    @Test
    void plainTextStoredBeforeEncryptionReadsAsWritten() {
        SerializedObject<byte[]> old = new org.axonframework.serialization.SimpleSerializedObject<>(
                "{\"communityId\":\"garden\",\"memberId\":\"bob\",\"displayName\":\"Bob\"}".getBytes(StandardCharsets.UTF_8),
                byte[].class, serializer.typeForClass(MemberRegistered.class));

        assertThat((Object) serializer.deserialize(old)).isEqualTo(new MemberRegistered("garden", "bob", "Bob"));
    }
}
