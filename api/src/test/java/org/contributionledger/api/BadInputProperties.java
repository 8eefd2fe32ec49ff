package org.contributionledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.EventStoreProbe;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever a client posts, to whichever write endpoint: the ledger never answers 5xx, every
 * refusal is a problem+json, and a refused request changes nothing (the event table and every
 * projection keep their row counts). Bodies are arbitrary JSON: objects keyed by the real field
 * names and by random ones, valid requests with a few fields mutated, any JSON value, and text
 * that is not JSON at all.
 *
 * <p>jqwik runs outside Spring's test framework, so the ledger is started here, once for the class,
 * on its own H2 directory.
 */
class BadInputProperties {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String C = "fz";
    private static final int TARGET_ACTS = 40;

    private static final List<String> FIELD_NAMES = List.of("id", "name", "displayName", "giver", "receiver",
            "category", "value", "occurredAt", "description", "evidenceUrl", "recordedBy", "by", "reason", "level",
            "note", "declaredAt", "contributions", "categories", "preTrustedMembers", "maxValuePerAct",
            "confirmationRequired", "reciprocity", "reputation", "takerBelowRatio", "contributorAboveRatio",
            "minimumActs", "trust", "gift", "alpha", "login", "registerUnknownIdentities");

    private static TestLedger ledger;
    private static LedgerClient admin;
    private static LedgerClient platform;
    private static EventStoreProbe events;

    @BeforeContainer
    static void startLedger() {
        ledger = TestLedger.start(LedgerApiTest.newDataDir("fuzz"));
        admin = ledger.admin();
        events = ledger.events();
        Community community = admin.createCommunity(C, "Fuzz");
        platform = community.client();
        for (String member : List.of("alice", "bob", "carol", "dave")) {
            platform.registerMember(C, member, member).expect(201);
        }
        for (int i = 0; i < TARGET_ACTS; i++) {
            platform.record(C, Act.of("p" + i, "alice", "bob")).expect(201);
        }
        platform.declareTrust(C, "alice", "bob", 3).expect(200);
    }

    @AfterContainer
    static void stopLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    // ---- the properties -------------------------------------------------------------------------

    @Property(tries = 170, edgeCases = EdgeCasesMode.NONE)
    void arbitraryJsonNeverBreaksTheLedgerAndRefusalsChangeNothing(@ForAll("jsonCalls") Call call) {
        check(call);
    }

    /**
     * Text that is not JSON is refused wherever a body is read. The one exception is an empty body
     * where the body is optional (suspend's reason): that is no body, an ordinary request.
     */
    @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
    void textThatIsNotJsonIsRefusedCleanly(@ForAll("nonJsonCalls") Call call) {
        Reply reply = check(call);
        boolean noBodyWhereNoneIsNeeded = call.endpoint().bodyOptional() && call.body().isEmpty();
        if (call.endpoint().readsBody() && !noBodyWhereNoneIsNeeded) {
            assertThat(reply.status()).as(reply.toString()).isGreaterThanOrEqualTo(400);
        }
    }

    private Reply check(Call call) {
        List<Long> before = events.fingerprint();
        LedgerClient client = call.endpoint().admin() ? admin : platform;
        Reply reply = client.raw(call.endpoint().method(), call.path(), call.body(), "application/json");
        List<Long> after = events.fingerprint();
        Statistics.label("answers").collect(reply.status() / 100 + "xx");
        Statistics.label("answers by endpoint").collect(call.endpoint().method() + " "
                + call.endpoint().pathTemplate(), reply.status() / 100 + "xx");

        assertThat(reply.status()).as("%s with body %s answered %s", call.path(), call.body(), reply).isLessThan(500);
        if (reply.status() >= 400) {
            assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
            assertThat(reply.at("/status").asInt()).as(reply.toString()).isEqualTo(reply.status());
            assertThat(after).as("rows of %s after refused %s", "DomainEventEntry and projections", call)
                    .isEqualTo(before);
        } else {
            reply.json();
        }
        return reply;
    }


    // ---- endpoints ------------------------------------------------------------------------------

    /**
     * A write endpoint; {@code template} is a request that would succeed, field by field as raw JSON.
     * An endpoint whose template is null reads no body (reinstate): any body is ignored. One whose
     * body is optional (suspend) also succeeds without one. A batch endpoint names its list field and
     * the template of one item instead.
     */
    record Endpoint(String method, String pathTemplate, boolean admin, Map<String, String> template,
                    boolean bodyOptional, String listField, Map<String, String> itemTemplate) {

        Endpoint(String method, String pathTemplate, boolean admin, Map<String, String> template) {
            this(method, pathTemplate, admin, template, false, null, null);
        }

        static Endpoint withOptionalBody(String method, String pathTemplate, Map<String, String> template) {
            return new Endpoint(method, pathTemplate, false, template, true, null, null);
        }

        static Endpoint batch(String pathTemplate, String listField, Map<String, String> itemTemplate) {
            return new Endpoint("POST", pathTemplate, false, fields(), false, listField, itemTemplate);
        }

        boolean readsBody() {
            return template != null;
        }

        boolean isBatch() {
            return listField != null;
        }

        Map<String, String> fieldsOrNone() {
            if (isBatch()) {
                return fields(listField, "[" + render(itemTemplate) + "]");
            }
            return template == null ? Map.of() : template;
        }
    }

    record Call(Endpoint endpoint, String path, String body) {
        @Override
        public String toString() {
            return endpoint.method() + " " + path + " " + body;
        }
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/communities", true, fields("id", q("fz-new"), "name", q("Fuzzed"))),
            new Endpoint("POST", "/communities/fz/members", false, fields("id", q("newcomer"), "displayName", q("Newcomer"))),
            new Endpoint("PATCH", "/communities/fz/members/dave", false, fields("displayName", q("Dave"))),
            Endpoint.withOptionalBody("POST", "/communities/fz/members/carol/suspend", fields("reason", q("away"))),
            new Endpoint("POST", "/communities/fz/members/carol/reinstate", false, null),
            new Endpoint("POST", "/communities/fz/contributions", false, actFields()),
            Endpoint.batch("/communities/fz/contributions/batch", "contributions", actFields()),
            Endpoint.batch("/communities/fz/members/batch", "members",
                    fields("id", q("joiner"), "displayName", q("Joiner"))),
            Endpoint.batch("/communities/fz/trust/batch", "declarations",
                    fields("truster", q("dave"), "trustee", q("alice"), "category", q("advice"), "level", "4",
                            "note", q("imported"), "declaredAt", q("2024-01-01T00:00:00Z"))),
            new Endpoint("POST", "/communities/fz/contributions/{act}/confirm", false, fields("by", q("bob"))),
            new Endpoint("POST", "/communities/fz/contributions/{act}/dispute", false, fields("by", q("bob"), "reason", q("no"))),
            new Endpoint("POST", "/communities/fz/contributions/{act}/revoke", false, fields("by", q("alice"), "reason", q("oops"))),
            new Endpoint("PUT", "/communities/fz/trust/alice/bob", false, fields("level", "3", "note", q("kind"))),
            new Endpoint("PUT", "/communities/fz/trust/bob/carol?category=help", false, fields("level", "-2")),
            new Endpoint("PUT", "/communities/fz/members/dave/identities/github/1", false, fields("login", q("dave"))));

    private static Map<String, String> actFields() {
        return fields("id", q("fresh"), "giver", q("alice"), "receiver", q("bob"), "category", q("help"),
                "value", "3", "occurredAt", q("2024-05-01T10:00:00Z"), "description", q("Fixed a bike"),
                "evidenceUrl", q("https://example.org/e"), "recordedBy", q("GIVER"));
    }

    // ---- arbitraries ------------------------------------------------------------------------------

    @Provide
    Arbitrary<Call> jsonCalls() {
        return endpoints().flatMap(endpoint -> Combinators.combine(paths(endpoint), jsonBody(endpoint))
                .as((path, body) -> new Call(endpoint, path, body)));
    }

    @Provide
    Arbitrary<Call> nonJsonCalls() {
        return endpoints().flatMap(endpoint -> Combinators.combine(paths(endpoint), nonJson(endpoint))
                .as((path, body) -> new Call(endpoint, path, body)));
    }

    /** Every endpoint, recording acts (single and in batches) three times as often as the others. */
    private static Arbitrary<Endpoint> endpoints() {
        return Arbitraries.frequencyOf(ENDPOINTS.stream()
                .map(endpoint -> Tuple.of(endpoint.pathTemplate().endsWith("/contributions")
                        || endpoint.pathTemplate().endsWith("/contributions/batch") ? 3 : 1, Arbitraries.just(endpoint)))
                .toArray(Tuple.Tuple2[]::new));
    }

    private static Arbitrary<String> paths(Endpoint endpoint) {
        if (!endpoint.pathTemplate().contains("{act}")) {
            return Arbitraries.just(endpoint.pathTemplate());
        }
        return Arbitraries.integers().between(0, TARGET_ACTS + 2)
                .map(i -> endpoint.pathTemplate().replace("{act}", "p" + i));
    }

    private static Arbitrary<String> jsonBody(Endpoint endpoint) {
        Arbitrary<String> valid = endpoint.isBatch()
                ? batch(endpoint.listField(), endpoint.itemTemplate())
                : mutated(endpoint.fieldsOrNone());
        return Arbitraries.frequencyOf(
                Tuple.of(5, valid),
                Tuple.of(3, object(2)),
                Tuple.of(1, value(2)));
    }

    /** The endpoint's valid request with fresh ids and one to three fields replaced, removed, nulled or added. */
    private static Arbitrary<String> mutated(Map<String, String> template) {
        Arbitrary<Map<String, String>> fresh = freshId().map(id -> {
            Map<String, String> fields = new LinkedHashMap<>(template);
            fields.computeIfPresent("id", (key, old) -> q(unq(old) + "-" + id));
            return fields;
        });
        return Combinators.combine(fresh, mutation().list().ofMinSize(0).ofMaxSize(3))
                .as((fields, mutations) -> {
                    Map<String, String> body = new LinkedHashMap<>(fields);
                    mutations.forEach(mutation -> mutation.applyTo(body));
                    return render(body);
                });
    }

    /** A batch of zero to four items, most of them valid items with a few fields mutated. */
    private static Arbitrary<String> batch(String listField, Map<String, String> itemTemplate) {
        Arbitrary<String> item = Arbitraries.frequencyOf(
                Tuple.of(6, mutated(itemTemplate)),
                Tuple.of(2, object(1)),
                Tuple.of(1, value(1)));
        Arbitrary<String> items = item.list().ofMinSize(0).ofMaxSize(4).map(list -> "[" + String.join(",", list) + "]");
        Arbitrary<String> contributions = Arbitraries.frequencyOf(Tuple.of(8, items), Tuple.of(1, value(1)));
        return Combinators.combine(contributions, mutation().list().ofMaxSize(1)).as((list, mutations) -> {
            Map<String, String> body = new LinkedHashMap<>();
            body.put(listField, list);
            mutations.forEach(mutation -> mutation.applyTo(body));
            return render(body);
        });
    }

    /** One change to a request: a field (real or made up) set to an arbitrary value, or removed. */
    record Mutation(String field, String value) {
        void applyTo(Map<String, String> body) {
            if (value == null) {
                body.remove(field);
            } else {
                body.put(field, value);
            }
        }
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<String> valueOrRemove = Arbitraries.frequencyOf(
                Tuple.of(6, value(2)),
                Tuple.of(2, Arbitraries.just("null")),
                Tuple.of(2, Arbitraries.just((String) null)));
        return Combinators.combine(key(), valueOrRemove).as(Mutation::new);
    }

    private static Arbitrary<String> object(int depth) {
        return Arbitraries.maps(key(), value(depth)).ofMaxSize(6).map(BadInputProperties::render);
    }

    private static Arbitrary<String> key() {
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(FIELD_NAMES)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(12)),
                Tuple.of(1, Arbitraries.of("ID", "Value", "", "__proto__", "id ", "contributions[0]")));
    }

    /** Any JSON value, as JSON text: strings, numbers of every size and shape, booleans, null, arrays, objects. */
    private static Arbitrary<String> value(int depth) {
        Arbitrary<String> leaf = Arbitraries.frequencyOf(
                Tuple.of(4, string()),
                Tuple.of(4, number()),
                Tuple.of(1, Arbitraries.of("true", "false")),
                Tuple.of(1, Arbitraries.just("null")));
        if (depth <= 0) {
            return leaf;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, leaf),
                Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                        .map(list -> "[" + String.join(",", list) + "]")),
                Tuple.of(1, Arbitraries.lazy(() -> object(depth - 1))));
    }

    private static Arbitrary<String> string() {
        Arbitrary<String> meaningful = Arbitraries.of("alice", "bob", "carol", "dave", "nobody", "fz", "p1", "help",
                "advice", "bribery", "GIVER", "RECEIVER", "giver", "receiver", "2024-01-01T00:00:00Z",
                "2999-01-01T00:00:00Z", "2024-02-30T00:00:00Z", "1970-01-01T00:00:00Z", "yesterday", "3", "-1", "1e40",
                "", " ", "a b", "../etc", "x/y", "semi;colon", "caf\u00e9", "\ud83d\udca5", "\u0000", "null", "true",
                "x".repeat(129), "y".repeat(2500), "https://example.org/e");
        Arbitrary<String> random = Arbitraries.strings().ofMaxLength(24);
        return Arbitraries.frequencyOf(Tuple.of(3, meaningful), Tuple.of(2, random)).map(BadInputProperties::q);
    }

    private static Arbitrary<String> number() {
        Arbitrary<String> special = Arbitraries.of("0", "-0", "0.0", "1", "5", "1000", "1000.000001", "1001", "0.000001",
                "0.0000001", "-1", "-1000", "3.5", "1.0", "2147483647", "2147483648", "-2147483649",
                "9223372036854775807", "9223372036854775808", "123456789012345678901234567890123456789",
                "1e40", "1E-7", "-1e40", "1e400", "-1e-400", "1e308", "1.7976931348623157e309", "10", "11", "-10", "-11");
        Arbitrary<String> integers = Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40)).map(BigInteger::toString);
        Arbitrary<String> decimals = Arbitraries.bigDecimals()
                .between(new BigDecimal("-100000"), new BigDecimal("100000")).ofScale(8)
                .map(BigDecimal::toPlainString);
        Arbitrary<String> small = Arbitraries.integers().between(-20, 2000).map(String::valueOf);
        return Arbitraries.frequencyOf(Tuple.of(3, special), Tuple.of(1, integers), Tuple.of(2, decimals), Tuple.of(2, small));
    }

    private static Arbitrary<String> nonJson(Endpoint endpoint) {
        String valid = render(endpoint.fieldsOrNone());
        Arbitrary<String> truncated = Arbitraries.integers().between(0, Math.max(0, valid.length() - 1))
                .map(cut -> valid.substring(0, cut));
        Arbitrary<String> corrupted = Combinators.combine(Arbitraries.integers().between(0, valid.length()),
                        Arbitraries.of("'", "\"", "{", "}", ",", ":", "]", "\\", "\u0000", " x "))
                .as((at, junk) -> valid.substring(0, at) + junk + valid.substring(at));
        Arbitrary<String> junk = Arbitraries.of("not json", "<xml/>", "id=x&name=y", "{'id':'x'}", "{id: x}",
                "{\"id\":\"x\",}", "[1,2", "NaN", "undefined", "\"unterminated", "{\"a\":1}{\"b\":2}", "\u00ff\u00fe");
        Arbitrary<String> random = Arbitraries.strings().ofMinLength(1).ofMaxLength(60)
                .filter(BadInputProperties::isNotJson);
        return Arbitraries.oneOf(truncated, corrupted, junk, random).filter(BadInputProperties::isNotJson);
    }

    // ---- JSON text helpers ------------------------------------------------------------------------

    private static Arbitrary<String> freshId() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofLength(10);
    }

    private static Map<String, String> fields(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static String render(Map<String, String> fields) {
        List<String> members = new ArrayList<>();
        fields.forEach((key, value) -> members.add(q(key) + ":" + value));
        return "{" + String.join(",", members) + "}";
    }

    /** A Java string as a JSON string literal. */
    private static String q(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unq(String literal) {
        try {
            return JSON.readValue(literal, String.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isNotJson(String text) {
        try {
            JSON.readTree(text);
            return text.isBlank();
        } catch (JsonProcessingException e) {
            return true;
        }
    }
}
