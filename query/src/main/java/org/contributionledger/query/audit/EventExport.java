package org.contributionledger.query.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.contributionledger.query.erasure.MemberDataKeys;
import org.contributionledger.query.erasure.PersonalDataCipher;

import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads one community's events from the event store, as stored, in position order, with their
 * chain digests. Memory stays constant however long the history: it reads {@value #PAGE} rows at
 * a time, each page a query of its own that starts after the last position of the one before
 * (keyset paging on the primary key), and hands each event on before reading the next page.
 */
public class EventExport {

    static final int PAGE = 1_000;

    /** The payload fields that name a member (see the events in core). */
    private static final Set<String> MEMBER_FIELDS = Set.of("giver", "receiver", "truster", "trustee", "memberId",
            "mergedMemberId");

    /** A correction moves an act between categories: it belongs to both. */
    private static final Set<String> CATEGORY_FIELDS = Set.of("category", "previousCategory");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An encrypted personal field in a stored payload, and the id of its key (see PersonalDataCipher). */
    private static final Pattern ENCRYPTED_FIELD = Pattern.compile(Pattern.quote(PersonalDataCipher.PREFIX) + "([^:\"]+):");

    private final JdbcTemplate jdbc;
    private final MemberDataKeys dataKeys;

    public EventExport(JdbcTemplate jdbc, MemberDataKeys dataKeys) {
        this.jdbc = jdbc;
        this.dataKeys = dataKeys;
    }

    /**
     * Hands every event of the filter to {@code sink}, oldest first. Positions above the store's
     * last position when the export starts are left out, so an export is a fixed range even while
     * events keep arriving.
     */
    public void forEach(EventExportFilter filter, Consumer<ExportedEvent> sink) {
        Long last = jdbc.queryForObject("SELECT MAX(globalIndex) FROM DomainEventEntry", Long.class);
        if (last == null) {
            return;
        }
        long upTo = filter.toPosition() == null ? last : Math.min(last, filter.toPosition());
        long after = filter.fromPosition() == null ? -1 : filter.fromPosition() - 1;
        String community = filter.communityId();
        while (after < upTo) {
            // Every aggregate identifier is <kind>/<communityId>[/...] (core.common.Ids): the LIKE
            // narrows the scan, the exact check of the second segment below decides.
            List<ExportedEvent> page = jdbc.query("SELECT e.globalIndex, e.eventIdentifier, e.payloadType,"
                            + " e.payloadRevision, e.aggregateIdentifier, e.sequenceNumber, e.timeStamp, e.payload,"
                            + " e.metaData, e.type, c.digest, c.event_number,"
                            + " (SELECT p.digest FROM event_chain p WHERE p.position < e.globalIndex"
                            + "  ORDER BY p.position DESC LIMIT 1)"
                            + " FROM DomainEventEntry e LEFT JOIN event_chain c ON c.position = e.globalIndex"
                            + " WHERE e.globalIndex > ? AND e.globalIndex <= ?"
                            + " AND (e.aggregateIdentifier LIKE ? ESCAPE '\\' OR e.aggregateIdentifier LIKE ? ESCAPE '\\')"
                            + " ORDER BY e.globalIndex LIMIT " + PAGE,
                    (row, number) -> {
                        StoredEvent stored = StoredEvent.of(row);
                        String digest = row.getString(11);
                        String previous = digest == null ? null
                                : row.getLong(12) == 1 ? ChainEncoding.hex(ChainEncoding.START) : row.getString(13);
                        return new ExportedEvent(stored, row.getString(10), digest, previous, keysOf(stored));
                    },
                    after, upTo, "%/" + likeLiteral(community), "%/" + likeLiteral(community) + "/%");
            for (ExportedEvent event : page) {
                if (matches(filter, event.stored())) {
                    sink.accept(event);
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).stored().position();
        }
    }

    /** The existing keys of the event's encrypted fields; an erased member's key is gone, so their fields stay sealed. */
    private Map<String, String> keysOf(StoredEvent event) {
        if (event.payload() == null) {
            return Map.of();
        }
        Set<String> keyIds = new LinkedHashSet<>();
        Matcher field = ENCRYPTED_FIELD.matcher(new String(event.payload(), StandardCharsets.UTF_8));
        while (field.find()) {
            keyIds.add(field.group(1));
        }
        return keyIds.isEmpty() ? Map.of() : dataKeys.existingKeys(keyIds);
    }

    /** Whether the event belongs to the filter's community and passes its other filters. */
    static boolean matches(EventExportFilter filter, StoredEvent event) {
        String[] segments = event.aggregateIdentifier().split("/", -1);
        if (segments.length < 2 || !segments[1].equals(filter.communityId())) {
            return false;
        }
        if (filter.from() != null || filter.to() != null) {
            Instant time = time(event);
            if (time == null || (filter.from() != null && time.isBefore(filter.from()))
                    || (filter.to() != null && !time.isBefore(filter.to()))) {
                return false;
            }
        }
        if (filter.member() == null && filter.category() == null) {
            return true;
        }
        JsonNode payload = payload(event);
        if (filter.category() != null && CATEGORY_FIELDS.stream()
                .noneMatch(field -> filter.category().equals(payload.path(field).asText(null)))) {
            return false;
        }
        return filter.member() == null || MEMBER_FIELDS.stream()
                .anyMatch(field -> filter.member().equals(payload.path(field).asText(null)));
    }

    private static Instant time(StoredEvent event) {
        try {
            return Instant.parse(event.timeStamp());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode payload(StoredEvent event) {
        try {
            return JSON.readTree(event.payload());
        } catch (IOException e) {
            // A payload that is no JSON (edited in the database) names no member and no category.
            return JSON.missingNode();
        }
    }

    /** The text as a LIKE pattern that matches only itself: identifiers may hold '_' (core.common.Ids). */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
