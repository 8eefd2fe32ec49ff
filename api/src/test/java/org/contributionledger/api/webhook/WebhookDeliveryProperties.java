package org.contributionledger.api.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.contributionledger.api.support.EventStoreProbe;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Arbitrary JSON objects, validly signed, to each platform's endpoint under the event names it
 * maps and some it does not: the ledger never answers 5xx, every refusal is a problem, and it
 * records exactly the acts its answer names (nothing for an answer other than 200). The objects
 * are keyed by the payloads' real field names and values, nested, so that some come close to a
 * mapped shape. The ledger is started here, once for the class (jqwik runs outside Spring's tests).
 */
class WebhookDeliveryProperties {

    private static final String C = "hookfuzz";
    private static final String SECRET = "a-secret-for-the-fuzzed-deliveries";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicInteger DELIVERY = new AtomicInteger();

    private static final List<String> KEYS = List.of("action", "pull_request", "merged", "merged_at", "merged_by", "user",
            "login", "id", "number", "repository", "owner", "full_name", "review", "submitted_at", "answer", "discussion",
            "answer_chosen_at", "old_answer", "sponsorship", "sponsor", "sponsorable", "tier", "monthly_price_in_dollars",
            "node_id", "created_at", "name", "post", "like", "topic_id", "post_number", "username", "user_id", "post_url",
            "topic_title", "type", "event", "event_id", "item", "channel", "ts", "reaction", "item_user", "event_ts",
            "challenge", "html_url", "zen");
    private static final List<String> TEXTS = List.of("closed", "submitted", "answered", "unanswered", "created",
            "event_callback", "reaction_added", "reaction_removed", "message", "url_verification", "octocat", "U024BE7LH",
            "2019-05-15T15:21:18Z", "1360782804.083113", "/t/topic/1/2", "https://github.com/o/r/pull/1", "", " ",
            "white_check_mark", "9999999999999999999", "\u0000", "日本語");

    private static TestLedger ledger;
    private static EventStoreProbe events;
    private static WebhookDeliveries deliveries;

    record Delivery(String platform, String event, ObjectNode body) {
    }

    @BeforeContainer
    static void startLedger() {
        ledger = TestLedger.start(LedgerApiTest.newDataDir("webhook-fuzz"));
        LedgerClient admin = ledger.admin();
        events = ledger.events();
        LedgerClient platform = admin.createCommunity(Map.of("id", C, "name", "Fuzzed hooks", "categories",
                List.of("code", "review", "advice", "sponsorship", "endorsement"))).client();
        for (String name : List.of("github", "discourse", "slack")) {
            platform.put("/communities/" + C + "/webhooks/" + name + "/settings", Map.of("secret", SECRET)).expect(200);
        }
        deliveries = new WebhookDeliveries(platform, C);
    }

    @AfterContainer
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @Property(tries = 50, edgeCases = EdgeCasesMode.NONE)
    void signedArbitraryJsonNeverBreaksTheIntakeAndRecordsOnlyWhatItAnswers(@ForAll("deliveries") Delivery delivery) {
        List<Long> before = events.fingerprint();
        long actsBefore = recordedActs();
        String id = "fuzz-" + DELIVERY.incrementAndGet();
        Reply reply = switch (delivery.platform()) {
            case "github" -> deliveries.github(SECRET, delivery.event(), id, delivery.body());
            case "discourse" -> deliveries.discourse(SECRET, delivery.event(), id, delivery.body());
            default -> deliveries.slack(SECRET, Instant.now(), delivery.body());
        };
        Statistics.label("answers").collect(delivery.platform(), reply.status());

        assertThat(reply.status()).as("%s answered %s", delivery, reply.body()).isLessThan(500);
        if (reply.status() >= 400) {
            assertThat(reply.contentType()).startsWith("application/problem+json");
        }
        if (reply.status() == 200 && "processed".equals(reply.text("/status"))) {
            assertThat(recordedActs() - actsBefore).as(reply.body()).isEqualTo(reply.at("/recorded").size());
        } else {
            assertThat(events.fingerprint()).as("%s answered %s", delivery, reply.body()).isEqualTo(before);
        }
    }

    private static long recordedActs() {
        return events.rows("SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE ?", "%ContributionRecorded");
    }

    @Provide
    Arbitrary<Delivery> deliveries() {
        Arbitrary<String[]> target = Arbitraries.of(
                new String[]{"github", "pull_request"}, new String[]{"github", "pull_request_review"},
                new String[]{"github", "discussion"}, new String[]{"github", "sponsorship"},
                new String[]{"github", "push"}, new String[]{"discourse", "post_liked"},
                new String[]{"discourse", "accepted_solution"}, new String[]{"discourse", "unaccepted_solution"},
                new String[]{"discourse", "post_created"}, new String[]{"discourse", "topic_created"},
                new String[]{"slack", ""});
        return Combinators.combine(target, object(3)).as((t, body) -> new Delivery(t[0], t[1], body));
    }

    private static Arbitrary<ObjectNode> object(int depth) {
        return Arbitraries.maps(Arbitraries.oneOf(Arbitraries.of(KEYS), Arbitraries.strings().alpha().ofLength(3)),
                        value(depth - 1)).ofMaxSize(6)
                .map(fields -> {
                    ObjectNode node = NODES.objectNode();
                    fields.forEach(node::set);
                    return node;
                });
    }

    private static Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.of(TEXTS).map(text -> (JsonNode) NODES.textNode(text)),
                Arbitraries.strings().ofMaxLength(10).map(text -> (JsonNode) NODES.textNode(text)),
                Arbitraries.longs().map(number -> (JsonNode) NODES.numberNode(number)),
                Arbitraries.doubles().map(number -> (JsonNode) NODES.numberNode(number)),
                Arbitraries.of(true, false).map(flag -> (JsonNode) NODES.booleanNode(flag)),
                Arbitraries.just((JsonNode) NODES.nullNode()));
        if (depth <= 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> object(depth)).map(node -> (JsonNode) node)),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(3)
                        .map(items -> {
                            var array = NODES.arrayNode();
                            items.forEach(array::add);
                            return (JsonNode) array;
                        })));
    }
}
