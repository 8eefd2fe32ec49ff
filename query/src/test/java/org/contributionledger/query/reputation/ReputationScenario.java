package org.contributionledger.query.reputation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MemberReinstated;
import org.contributionledger.core.member.MemberSuspended;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One scenario of {@code /projection/reputation-scenarios.json}: its settings, its events and the
 * figures {@code src/test/python/make_projection_reference.py} computed for it with networkx.
 * {@link #feed} gives the events to a {@link ReputationProjection} the way Axon would, calling its
 * {@code @EventHandler} methods with one timestamp per event; {@link #replay} feeds a new
 * {@link StandaloneReputation} and computes it.
 */
final class ReputationScenario {

    static final String COMMUNITY = "village";
    static final Instant COMPUTED_AT = Instant.parse("2025-06-01T12:00:00Z");
    static final Instant FIRST_EVENT_AT = Instant.parse("2025-05-01T08:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = load();

    private final String name;
    private final CommunitySettings settings;
    private final List<JsonNode> events;
    private final JsonNode expected;

    private ReputationScenario(JsonNode scenario) {
        this.name = scenario.path("name").asText();
        try {
            JsonNode settingsNode = scenario.path("settings");
            this.settings = settingsNode.isNull() || settingsNode.isMissingNode() ? CommunitySettings.defaults()
                    : JSON.treeToValue(settingsNode, CommunitySettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<JsonNode> list = new ArrayList<>();
        scenario.path("events").forEach(list::add);
        this.events = List.copyOf(list);
        this.expected = scenario.path("expected");
    }

    static ReputationScenario named(String name) {
        for (JsonNode scenario : DOCUMENT.path("scenarios")) {
            if (scenario.path("name").asText().equals(name)) {
                return new ReputationScenario(scenario);
            }
        }
        throw new IllegalArgumentException("No scenario " + name + " in reputation-scenarios.json");
    }

    static List<String> names() {
        List<String> names = new ArrayList<>();
        DOCUMENT.path("scenarios").forEach(scenario -> names.add(scenario.path("name").asText()));
        return names;
    }

    private static JsonNode load() {
        try (InputStream stream = ReputationScenario.class.getResourceAsStream("/projection/reputation-scenarios.json")) {
            if (stream == null) {
                throw new IllegalStateException("Missing test resource /projection/reputation-scenarios.json");
            }
            return JSON.readTree(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    CommunitySettings settings() {
        return settings;
    }

    /** The figures networkx computed, as the script wrote them. */
    JsonNode expected() {
        return expected;
    }

    List<String> members() {
        List<String> members = new ArrayList<>();
        expected.path("members").forEach(member -> members.add(member.asText()));
        return members;
    }

    double alpha() {
        return settings.reputation().alpha();
    }

    /** A reputation without background thread, clock fixed at {@link #COMPUTED_AT}. */
    static StandaloneReputation newReputation() {
        return StandaloneReputation.create(Clock.fixed(COMPUTED_AT, ZoneOffset.UTC));
    }

    /** A new reputation fed with every event of the scenario and recomputed. */
    StandaloneReputation replay() {
        StandaloneReputation reputation = newReputation();
        Instant last = feed(reputation.projection());
        reputation.snapshots().recomputeNow();
        if (last == null) {
            throw new IllegalStateException("Scenario " + name + " has no events");
        }
        return reputation;
    }

    /** Feeds the community's creation and every event; returns the timestamp of the last one. */
    Instant feed(ReputationProjection projection) {
        projection.on(new CommunityCreated(COMMUNITY, "Village", settings));
        Map<String, ContributionRecorded> acts = new HashMap<>();
        Instant at = FIRST_EVENT_AT;
        for (JsonNode event : events) {
            at = at.plusSeconds(60);
            String type = event.path("type").asText();
            switch (type) {
                case "member" -> projection.on(new MemberRegistered(COMMUNITY, text(event, "member"),
                        text(event, "member")), at);
                case "suspend" -> projection.on(new MemberSuspended(COMMUNITY, text(event, "member"), "test"), at);
                case "reinstate" -> projection.on(new MemberReinstated(COMMUNITY, text(event, "member")), at);
                case "trust" -> projection.on(new TrustDeclared(COMMUNITY, text(event, "truster"),
                        text(event, "trustee"), text(event, "category"), event.path("level").asInt(), null, at), at);
                case "withdraw" -> projection.on(new TrustWithdrawn(COMMUNITY, text(event, "truster"),
                        text(event, "trustee"), text(event, "category"), 0, at), at);
                case "gift", "offer" -> {
                    boolean confirmed = type.equals("gift");
                    ContributionRecorded recorded = new ContributionRecorded(COMMUNITY, text(event, "id"),
                            text(event, "giver"), text(event, "receiver"), text(event, "category"),
                            new BigDecimal(text(event, "value")), at.minusSeconds(3600), null, null,
                            confirmed ? RecordedBy.RECEIVER : RecordedBy.GIVER,
                            confirmed ? ContributionStatus.CONFIRMED : ContributionStatus.PENDING);
                    acts.put(recorded.contributionId(), recorded);
                    projection.on(recorded, at);
                }
                case "confirm" -> {
                    ContributionRecorded act = acts.get(text(event, "id"));
                    projection.on(new ContributionConfirmed(COMMUNITY, act.contributionId(), act.giver(),
                            act.receiver(), act.category(), act.value(), act.occurredAt(), act.receiver()), at);
                }
                // The projection has no handler for these: Axon would not call it.
                case "dispute", "revoke" -> {
                }
                default -> throw new IllegalArgumentException("Unknown event type " + type);
            }
        }
        return at;
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asText();
    }

    @Override
    public String toString() {
        return name;
    }
}
