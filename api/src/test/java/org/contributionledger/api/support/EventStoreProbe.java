package org.contributionledger.api.support;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads Axon's event table ({@code DomainEventEntry}, unquoted) and the projections directly, so
 * tests can say "exactly one event" or "nothing was recorded" without trusting the API's answers.
 */
public final class EventStoreProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TABLES = List.of("DomainEventEntry", "directory_community",
            "directory_api_key", "directory_member", "directory_identity", "contribution_view", "trust_view");

    private final JdbcTemplate jdbc;

    public EventStoreProbe(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long total() {
        return count("SELECT COUNT(*) FROM DomainEventEntry");
    }

    public long forAggregate(String aggregateIdentifier) {
        return count("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?", aggregateIdentifier);
    }

    /** Every event of one community: its own aggregate and every {@code kind/<community>/...} aggregate. */
    public long forCommunity(String communityId) {
        return count("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? OR aggregateIdentifier LIKE ?",
                "community/" + communityId, "%/" + communityId + "/%");
    }

    /** Simple class names of the payloads of one aggregate, in sequence order. */
    public List<String> payloadTypes(String aggregateIdentifier) {
        return jdbc.queryForList("""
                        SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ?
                        ORDER BY sequenceNumber""", String.class, aggregateIdentifier).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    public long ofType(String aggregateIdentifier, String simpleTypeName) {
        return payloadTypes(aggregateIdentifier).stream().filter(simpleTypeName::equals).count();
    }

    /** The metadata of one event, as the JSON the serializer wrote. */
    public JsonNode metaData(String aggregateIdentifier, long sequenceNumber) {
        byte[] bytes = jdbc.queryForObject("""
                        SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?""",
                byte[].class, aggregateIdentifier, sequenceNumber);
        try {
            return JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new AssertionError("metaData of " + aggregateIdentifier + "#" + sequenceNumber + " is not JSON", e);
        }
    }

    /** Row counts of the event table and of every projection table: equal fingerprints mean nothing changed. */
    public List<Long> fingerprint() {
        return TABLES.stream().map(table -> count("SELECT COUNT(*) FROM " + table)).toList();
    }

    /** The first column of every row the query returns, as text. */
    public List<String> column(String sql, Object... args) {
        return jdbc.queryForList(sql, String.class, args);
    }

    public long rows(String sql, Object... args) {
        return count(sql, args);
    }

    /**
     * Waits until every stored event is chained: the hash chain follows the store in the
     * background (within about a second), and an export carries digests only for chained events.
     */
    public void awaitChained() {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex >"
                + " (SELECT COALESCE(MAX(position), -1) FROM event_chain)") > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Events still unchained after 30 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private long count(String sql, Object... args) {
        Long value = jdbc.queryForObject(sql, Long.class, args);
        return value == null ? 0 : value;
    }
}
