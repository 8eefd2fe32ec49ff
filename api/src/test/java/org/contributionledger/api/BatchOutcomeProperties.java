package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.EventStoreProbe;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * A batch's answer is what is stored. Random batches of up to 260 acts (so they span several of the
 * gateway's units of work) mix new acts, refusals (unknown member, gift to oneself, a taken id with
 * another act) and retries at random positions; the answer must equal an independent model of the
 * rules, item by item, and afterwards every act the answer called recorded is stored exactly as
 * sent, every other id is absent, and no act is stored twice.
 *
 * <p>The model is exact for every seed: each item's outcome follows from the items before it alone.
 */
class BatchOutcomeProperties {

    private static final String C = "batches";
    private static final List<String> MEMBERS = List.of("ann", "ben", "cat", "dan");

    private static TestLedger ledger;
    private static LedgerClient admin;
    private static EventStoreProbe events;
    private static int nextCommunity;

    @BeforeContainer
    static void startLedger() {
        ledger = TestLedger.start(LedgerApiTest.newDataDir("batches"));
        admin = ledger.admin();
        events = ledger.events();
    }

    @AfterContainer
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    enum Kind { NEW, UNKNOWN_MEMBER, SELF_GIFT, SAME_AGAIN, TAKEN_ID_OTHER_ACT }

    /** One item to generate; {@code pick} chooses members and earlier ids, {@code value} the act's value. */
    record Spec(Kind kind, int pick, int value) {
    }

    /**
     * Each try starts on a community of its own, so that the model starts empty and a shrunk sample
     * replays the same history. Two batches in a row let the second meet ids the first has taken.
     */
    @Property(tries = 10, edgeCases = EdgeCasesMode.NONE)
    void theAnswerOfABatchIsWhatIsStored(@ForAll("batches") List<Spec> first, @ForAll("batches") List<Spec> second) {
        String community = C + "-" + nextCommunity++;
        LedgerClient platform = admin.createCommunity(community, "Batches").client();
        MEMBERS.forEach(member -> platform.registerMember(community, member, member).expect(201));
        Map<String, Act> stored = new HashMap<>();
        int[] nextId = {0};
        for (List<Spec> batch : List.of(first, second)) {
            postAndCheck(platform, community, batch, stored, nextId);
        }
    }

    /** Posts one batch, checks its answer against the model, then the store against the answer. */
    private static void postAndCheck(LedgerClient platform, String community, List<Spec> specs,
                                     Map<String, Act> stored, int[] nextId) {
        List<Act> items = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Spec spec : specs) {
            Act act = itemFor(spec, stored, nextId);
            items.add(act);
            expected.add(decide(act, stored));
        }

        Reply reply = platform.recordBatch(community, items).expect(200);
        JsonNode results = reply.at("/results");
        assertThat(results.size()).isEqualTo(items.size());
        List<String> answered = new ArrayList<>();
        for (JsonNode result : results) {
            answered.add(result.path("outcome").asText() + typeOf(result));
        }
        assertThat(answered).as("outcomes, item by item").isEqualTo(expected);
        assertThat(reply.at("/recorded").asLong() + reply.at("/rejected").asLong()).isEqualTo(items.size());

        // The store, in bulk: the event stream and the statement view hold exactly the model's acts.
        assertThat(events.column("SELECT aggregateIdentifier FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?",
                "contribution/" + community + "/%"))
                .as("one ContributionRecorded per stored act, and none for a refused one")
                .containsExactlyInAnyOrderElementsOf(stored.keySet().stream()
                        .map(id -> "contribution/" + community + "/" + id).toList());
        assertThat(events.column("""
                        SELECT contribution_id || ' ' || giver || '>' || receiver || ' ' || CAST(act_value AS VARCHAR)
                        FROM contribution_view WHERE community_id = ?""", community))
                .containsExactlyInAnyOrderElementsOf(stored.entrySet().stream()
                        .map(entry -> entry.getKey() + " " + entry.getValue().get("giver") + ">"
                                + entry.getValue().get("receiver") + " "
                                + new BigDecimal(entry.getValue().get("value").toString()).setScale(6))
                        .toList());
        // And through the API, for the first few items of each outcome.
        items.stream().filter(item -> stored.containsKey(item.id())).limit(3)
                .forEach(item -> platform.contribution(community, item.id()).expect(200));
        items.stream().filter(item -> !stored.containsKey(item.id())).limit(3)
                .forEach(item -> platform.contribution(community, item.id()).expect(404));
    }

    /** The rules, independently: what a single request for this act would answer given the acts before it. */
    private static String decide(Act act, Map<String, Act> model) {
        Act taken = model.get(act.id());
        if (taken != null) {
            return taken.equals(act) ? "recorded" : "rejected:contribution-id-conflict";
        }
        if (act.get("giver").equals(act.get("receiver"))) {
            return "rejected:self-contribution-not-allowed";
        }
        if (!MEMBERS.contains(act.get("giver")) || !MEMBERS.contains(act.get("receiver"))) {
            return "rejected:unknown-member";
        }
        model.put(act.id(), act);
        return "recorded";
    }

    private static Act itemFor(Spec spec, Map<String, Act> model, int[] nextId) {
        String giver = MEMBERS.get(spec.pick() % MEMBERS.size());
        String receiver = MEMBERS.get((spec.pick() / MEMBERS.size() + 1 + spec.pick()) % MEMBERS.size());
        if (receiver.equals(giver)) {
            receiver = MEMBERS.get((MEMBERS.indexOf(giver) + 1) % MEMBERS.size());
        }
        List<String> takenIds = new ArrayList<>(model.keySet());
        takenIds.sort(null);
        return switch (spec.kind()) {
            case NEW -> Act.of(freshId(nextId), giver, receiver).value(spec.value());
            case UNKNOWN_MEMBER -> Act.of(freshId(nextId), giver, "ghost").value(spec.value());
            case SELF_GIFT -> Act.of(freshId(nextId), giver, giver).value(spec.value());
            case SAME_AGAIN -> takenIds.isEmpty() ? Act.of(freshId(nextId), giver, receiver).value(spec.value())
                    : model.get(takenIds.get(spec.pick() % takenIds.size()));
            case TAKEN_ID_OTHER_ACT -> {
                if (takenIds.isEmpty()) {
                    yield Act.of(freshId(nextId), giver, "ghost").value(spec.value());
                }
                Act taken = model.get(takenIds.get(spec.pick() % takenIds.size()));
                yield taken.value(new BigDecimal(taken.get("value").toString()).add(BigDecimal.ONE));
            }
        };
    }

    private static String typeOf(JsonNode result) {
        String type = result.path("problem").path("type").asText("");
        return type.isEmpty() ? "" : ":" + type.substring(type.lastIndexOf('/') + 1);
    }

    private static String freshId(int[] nextId) {
        return "b-" + nextId[0]++;
    }

    @Provide
    Arbitrary<List<Spec>> batches() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(Kind.NEW)),
                Tuple.of(1, Arbitraries.just(Kind.UNKNOWN_MEMBER)),
                Tuple.of(1, Arbitraries.just(Kind.SELF_GIFT)),
                Tuple.of(1, Arbitraries.just(Kind.SAME_AGAIN)),
                Tuple.of(1, Arbitraries.just(Kind.TAKEN_ID_OTHER_ACT)));
        Arbitrary<Spec> spec = Combinators.combine(kinds, Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(1, 9)).as(Spec::new);
        // Uniform sizes: jqwik favours short lists, and the units of work only meet beyond 100 items.
        return spec.list().ofMinSize(1).ofMaxSize(230).withSizeDistribution(RandomDistribution.uniform());
    }
}
