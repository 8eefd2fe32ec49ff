package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Many writers at once on the same acts and the same ties, in batches and one by one: every answer
 * is a correct one (success, 409 for a real conflict, 503 with {@code Retry-After} for a transient
 * one; never a 500) and comes quickly, and afterwards the store agrees with every answer.
 *
 * <p>Each act id has two variants that differ in value, so two writers of one id either agree (the
 * same act again: a quiet success) or really conflict (409 for whoever comes second). Each trust
 * declaration carries its own note and a distinct {@code declaredAt}, so the tie in force must be
 * the acknowledged declaration with the latest {@code declaredAt}. The oracle holds whatever the
 * interleaving: it reads only what each writer was told.
 */
class ContentionTest extends LedgerApiTest {

    private static final int WRITERS = 6;
    private static final int ROUNDS = 8;
    private static final int ACT_IDS = 120;
    private static final List<String> MEMBERS = List.of("m0", "m1", "m2", "m3", "m4", "m5");
    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    /** Far beyond any healthy answer, far below the minute-long stalls this test was written against. */
    private static final Duration SLOWEST_ANSWER = Duration.ofSeconds(30);

    /** What one writer was told about one act variant or one declaration. */
    record Told(String subject, int variant, String outcome) {
    }

    private final ConcurrentLinkedQueue<Told> told = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
    private final AtomicLong declaredAtSeconds = new AtomicLong();
    private final AtomicLong transientRefusals = new AtomicLong();

    @Test
    void concurrentOverlappingWritesAnswerCorrectlyAndTheStoreAgreesWithEveryAnswer() throws Exception {
        String c = unique("contention");
        LedgerClient platform = admin.createCommunity(c, "Contention").client();
        MEMBERS.forEach(member -> platform.registerMember(c, member, member).expect(201));

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            long seed = 31L * w + 7;
            writers.add(pool.submit(() -> write(platform, c, new Random(seed))));
        }
        for (Future<?> writer : writers) {
            writer.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();

        System.out.printf("ContentionTest: %d answers checked, %d transient refusals (503)%n", told.size(),
                transientRefusals.get());
        assertThat(wrongAnswers).as("answers that are neither a success, a real conflict nor a transient refusal")
                .isEmpty();
        checkActsAgainstAnswers(platform, c);
        checkTiesAgainstAnswers(platform, c);
    }

    private void write(LedgerClient platform, String c, Random random) {
        for (int round = 0; round < ROUNDS; round++) {
            switch (random.nextInt(4)) {
                case 0 -> recordBatch(platform, c, random);
                case 1 -> recordOneByOne(platform, c, random);
                case 2 -> declareBatch(platform, c, random);
                default -> declareOneByOne(platform, c, random);
            }
        }
    }

    // ---- acts ---------------------------------------------------------------------------------

    /** Variant 0 or 1 of act {@code n}: the same giver and receiver, values 1 or 2. */
    private static Act act(int n, int variant) {
        String giver = MEMBERS.get(n % MEMBERS.size());
        String receiver = MEMBERS.get((n + 1 + n / MEMBERS.size()) % MEMBERS.size());
        if (receiver.equals(giver)) {
            receiver = MEMBERS.get((n + 2) % MEMBERS.size());
        }
        return Act.of("act-" + n, giver, receiver).value(variant + 1);
    }

    private void recordBatch(LedgerClient platform, String c, Random random) {
        List<Act> acts = new ArrayList<>();
        List<Integer> variants = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int variant = random.nextInt(2);
            acts.add(act(random.nextInt(ACT_IDS), variant));
            variants.add(variant);
        }
        Reply reply = timed(() -> platform.recordBatch(c, acts));
        if (isTransient(reply)) {
            return;
        }
        if (reply.status() != 200) {
            wrongAnswers.add("batch: " + reply.describe());
            return;
        }
        JsonNode results = reply.at("/results");
        for (int i = 0; i < acts.size(); i++) {
            JsonNode result = results.get(i);
            String outcome = result.path("outcome").asText();
            String type = result.path("problem").path("type").asText("");
            if (outcome.equals("recorded")) {
                told.add(new Told(acts.get(i).id(), variants.get(i), "recorded"));
            } else if (type.endsWith("/contribution-id-conflict")) {
                told.add(new Told(acts.get(i).id(), variants.get(i), "conflict"));
            } else {
                wrongAnswers.add("batch item " + i + ": " + result);
            }
        }
    }

    private void recordOneByOne(LedgerClient platform, String c, Random random) {
        for (int i = 0; i < 5; i++) {
            int variant = random.nextInt(2);
            Act act = act(random.nextInt(ACT_IDS), variant);
            Reply reply = timed(() -> platform.record(c, act));
            switch (reply.status()) {
                case 200, 201 -> told.add(new Told(act.id(), variant, "recorded"));
                case 409 -> {
                    if (reply.text("/type").endsWith("/contribution-id-conflict")) {
                        told.add(new Told(act.id(), variant, "conflict"));
                    } else {
                        wrongAnswers.add("record: " + reply.describe());
                    }
                }
                default -> {
                    if (!isTransient(reply)) {
                        wrongAnswers.add("record: " + reply.describe());
                    }
                }
            }
        }
    }

    private void checkActsAgainstAnswers(LedgerClient platform, String c) {
        Map<String, List<Told>> byAct = new HashMap<>();
        told.stream().filter(t -> t.subject().startsWith("act-"))
                .forEach(t -> byAct.computeIfAbsent(t.subject(), k -> new ArrayList<>()).add(t));
        assertThat(byAct).as("some acts were acknowledged").isNotEmpty();
        for (Map.Entry<String, List<Told>> entry : byAct.entrySet()) {
            Reply stored = platform.contribution(c, entry.getKey());
            boolean acknowledged = entry.getValue().stream().anyMatch(t -> t.outcome().equals("recorded"));
            if (stored.status() == 404) {
                assertThat(acknowledged).as("%s was acknowledged but is not stored", entry.getKey()).isFalse();
                assertThat(entry.getValue()).as("a conflict with an act that is not stored").isEmpty();
                continue;
            }
            stored.expect(200);
            int storedVariant = new BigDecimal(stored.at("/value").asText()).intValueExact() - 1;
            for (Told t : entry.getValue()) {
                if (t.outcome().equals("recorded")) {
                    assertThat(t.variant()).as("acknowledged variant of %s", t.subject()).isEqualTo(storedVariant);
                } else {
                    assertThat(t.variant()).as("conflicting variant of %s", t.subject()).isNotEqualTo(storedVariant);
                }
            }
        }
        assertThat(events.rows("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?",
                "contribution/" + c + "/%"))
                .as("one event per stored act, none doubled")
                .isEqualTo(events.rows("SELECT COUNT(DISTINCT aggregateIdentifier) FROM DomainEventEntry"
                        + " WHERE aggregateIdentifier LIKE ?", "contribution/" + c + "/%"));
        assertThat(platform.stats(c).expect(200).at("/acts/pending").asLong())
                .as("the stats view counts every stored act once")
                .isEqualTo(events.rows("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier LIKE ?",
                        "contribution/" + c + "/%"));
    }

    // ---- trust --------------------------------------------------------------------------------

    /** Ties among the first four members, so that writers keep meeting on the same ones. */
    private static String tie(Random random) {
        int truster = random.nextInt(4);
        int trustee = (truster + 1 + random.nextInt(3)) % 4;
        return MEMBERS.get(truster) + "->" + MEMBERS.get(trustee);
    }

    private Map<String, Object> declaration(String tie, int level, long declaredAt) {
        String[] ends = tie.split("->");
        return Map.of("truster", ends[0], "trustee", ends[1], "level", level, "note", "d" + declaredAt,
                "declaredAt", EPOCH.plusSeconds(declaredAt).toString());
    }

    private void declareBatch(LedgerClient platform, String c, Random random) {
        List<Map<String, Object>> declarations = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            declarations.add(declaration(tie(random), random.nextInt(21) - 10, declaredAtSeconds.incrementAndGet()));
        }
        Reply reply = timed(() -> platform.post("/communities/" + c + "/trust/batch",
                Map.of("declarations", declarations)));
        if (isTransient(reply)) {
            return;
        }
        if (reply.status() != 200 || reply.at("/rejected").asLong() != 0) {
            wrongAnswers.add("trust batch: " + reply.describe());
            return;
        }
        for (Map<String, Object> declaration : declarations) {
            told.add(new Told(declaration.get("truster") + "->" + declaration.get("trustee"),
                    (Integer) declaration.get("level"), "declared " + declaration.get("note")));
        }
    }

    private void declareOneByOne(LedgerClient platform, String c, Random random) {
        for (int i = 0; i < 5; i++) {
            String tie = tie(random);
            Map<String, Object> declaration = declaration(tie, random.nextInt(21) - 10,
                    declaredAtSeconds.incrementAndGet());
            String[] ends = tie.split("->");
            Reply reply = timed(() -> platform.put("/communities/" + c + "/trust/" + ends[0] + "/" + ends[1],
                    Map.of("level", declaration.get("level"), "note", declaration.get("note"),
                            "declaredAt", declaration.get("declaredAt"))));
            if (reply.status() == 200) {
                told.add(new Told(tie, (Integer) declaration.get("level"), "declared " + declaration.get("note")));
            } else if (!isTransient(reply)) {
                wrongAnswers.add("declare: " + reply.describe());
            }
        }
    }

    /** The tie in force is the acknowledged declaration with the latest declaredAt (the notes number them). */
    private void checkTiesAgainstAnswers(LedgerClient platform, String c) {
        Map<String, Told> latest = new HashMap<>();
        told.stream().filter(t -> t.outcome().startsWith("declared "))
                .forEach(t -> latest.merge(t.subject(), t, (a, b) -> number(a) > number(b) ? a : b));
        assertThat(latest).as("some declarations were acknowledged").isNotEmpty();
        latest.forEach((tie, declaration) -> {
            String[] ends = tie.split("->");
            Reply inForce = platform.get("/communities/" + c + "/trust/" + ends[0] + "/" + ends[1]).expect(200);
            assertThat(inForce.text("/note")).as("note in force on %s", tie).isEqualTo("d" + number(declaration));
            assertThat(inForce.at("/level").asInt()).as("level in force on %s", tie).isEqualTo(declaration.variant());
        });
    }

    private static long number(Told declaration) {
        return Long.parseLong(declaration.outcome().substring("declared d".length()));
    }

    // ---- answers ------------------------------------------------------------------------------

    private boolean isTransient(Reply reply) {
        if (reply.status() == 503 && reply.header("Retry-After").isPresent()
                && reply.contentType().startsWith("application/problem+json")) {
            transientRefusals.incrementAndGet();
            return true;
        }
        return false;
    }

    private Reply timed(java.util.function.Supplier<Reply> request) {
        long started = System.nanoTime();
        Reply reply = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (took.compareTo(SLOWEST_ANSWER) > 0) {
            wrongAnswers.add("answered after " + took.toSeconds() + " s: " + reply.describe());
        }
        return reply;
    }
}
