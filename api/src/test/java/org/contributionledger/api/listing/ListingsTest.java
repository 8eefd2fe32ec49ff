package org.contributionledger.api.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The listings over HTTP: every one pages by following its {@code next} link, lists each item that
 * existed when the walk began exactly once and in order even while new items arrive between pages,
 * applies its filters (and carries them in {@code next}), shows a community key only its own
 * community, and refuses bad cursors, limits and filters with a problem.
 */
class ListingsTest extends LedgerApiTest {

    private static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    private Community community;
    private LedgerClient platform;
    private String base;

    @BeforeEach
    void community() {
        community = admin.createCommunity(unique("listings"), "Listings");
        platform = community.client();
        base = "/communities/" + community.id();
    }

    /** Every page from {@code firstPath} on, following {@code next}; {@code between} runs after each page but the last. */
    private List<JsonNode> walk(LedgerClient client, String firstPath, Runnable between) {
        List<JsonNode> items = new ArrayList<>();
        Reply page = client.get(firstPath).expect(200);
        for (int pages = 0; pages < 1_000; pages++) {
            page.json().get("items").forEach(items::add);
            assertThat(page.json().has("next")).as("next is present, null on the last page").isTrue();
            assertThat(page.json().has("nextCursor")).isTrue();
            JsonNode next = page.json().get("next");
            if (next.isNull()) {
                assertThat(page.json().get("nextCursor").isNull()).isTrue();
                return items;
            }
            assertThat(next.asText()).startsWith("/api/v1/communities").contains("cursor=");
            between.run();
            page = client.get("/" + next.asText()).expect(200);
        }
        throw new AssertionError("more than 1000 pages");
    }

    private static List<String> texts(List<JsonNode> items, String field) {
        return items.stream().map(item -> item.get(field).asText()).toList();
    }

    private static void assertNoDuplicates(List<String> ids) {
        assertThat(new LinkedHashSet<>(ids)).as("no item is listed twice").hasSameSizeAs(ids);
    }

    private void registerMembers(List<String> ids) {
        platform.post(base + "/members/batch", Map.of("members",
                ids.stream().map(id -> Map.of("id", id, "displayName", "Name of " + id)).toList())).expect(200);
    }

    @Test
    void walkingTheMembersWhileOthersJoinListsEveryEarlierMemberOnceByIdWithTheirDisplayNames() {
        List<String> earlier = IntStream.range(0, 23).mapToObj(i -> String.format("m-%02d", i)).toList();
        registerMembers(earlier);
        int[] round = {0};

        List<JsonNode> items = walk(platform, base + "/members?limit=5", () -> {
            // One joiner sorts before every member already listed, one after every member: the walk
            // must neither repeat nor skip, whatever the newcomers do.
            round[0]++;
            registerMembers(List.of(String.format("a-late-%02d", round[0]), String.format("z-late-%02d", round[0])));
        });

        List<String> ids = texts(items, "memberId");
        assertNoDuplicates(ids);
        assertThat(ids).isSortedAccordingTo(Comparator.naturalOrder());
        assertThat(ids.stream().filter(id -> id.startsWith("m-")).toList()).isEqualTo(earlier);
        assertThat(ids).noneMatch(id -> id.startsWith("a-late-"));
        assertThat(ids.stream().filter(id -> id.startsWith("z-late-")).count()).as("joiners after the cursor").isEqualTo(round[0]);
        assertThat(round[0]).as("pages walked, minus one").isGreaterThanOrEqualTo(4);
        assertThat(items.get(0).get("displayName").asText()).isEqualTo("Name of m-00");
        assertThat(items.get(0).get("active").asBoolean()).isTrue();
    }

    @Test
    void walkingTheActsWhileOthersAreRecordedListsEveryEarlierActOnceNewestFirst() {
        registerMembers(List.of("ada", "bob", "cy"));
        List<Map<String, Object>> acts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Pairs of acts share an occurredAt, so the id must break ties the same way on every page.
            acts.add(Act.of(String.format("act-%02d", i), i % 2 == 0 ? "ada" : "bob", "cy")
                    .occurredAt(T0.plusSeconds(3600L * (i / 2))));
        }
        platform.post(base + "/contributions/batch", Map.of("contributions", acts)).expect(200);
        int[] round = {0};

        List<JsonNode> items = walk(platform, base + "/contributions?limit=7", () -> {
            round[0]++;
            // Newer than all (before the cursor), older than all (after it, even the olds of earlier rounds),
            // and one sharing the time of an earlier act.
            platform.record(community.id(), Act.of("new-" + round[0], "ada", "bob").occurredAt(T0.plusSeconds(999_999)))
                    .expect(201);
            platform.record(community.id(), Act.of("old-" + round[0], "ada", "bob").occurredAt(T0.minusSeconds(999_999 + round[0])))
                    .expect(201);
            platform.record(community.id(), Act.of("act-tie-" + round[0], "ada", "bob").occurredAt(T0.plusSeconds(3600L * 7)))
                    .expect(201);
        });

        List<String> ids = texts(items, "contributionId");
        assertNoDuplicates(ids);
        assertThat(ids.stream().filter(id -> id.matches("act-\\d\\d")).toList())
                .isEqualTo(IntStream.range(0, 30).mapToObj(i -> String.format("act-%02d", 29 - i)).toList());
        assertThat(ids).noneMatch(id -> id.startsWith("new-"));
        assertThat(ids.stream().filter(id -> id.startsWith("old-")).count()).isEqualTo(round[0]);
        // Newest first by occurredAt, ties by id descending: exactly the order the server promises.
        Comparator<JsonNode> newestFirst = Comparator.<JsonNode, Instant>comparing(
                item -> Instant.parse(item.get("occurredAt").asText())).thenComparing(item -> item.get("contributionId").asText());
        assertThat(items).isSortedAccordingTo(newestFirst.reversed());
        assertThat(items.get(0).get("giver").asText()).isEqualTo("bob");
    }

    @Test
    void theActFiltersCombineAndTheNextLinkCarriesThem() {
        registerMembers(List.of("ada", "bob", "cy"));
        platform.post(base + "/contributions/batch", Map.of("contributions", List.of(
                Act.of("a1", "ada", "bob").occurredAt(T0).category("advice"),
                Act.of("a2", "bob", "ada").occurredAt(T0.plusSeconds(60)).category("advice").recordedByReceiver(),
                Act.of("a3", "bob", "cy").occurredAt(T0.plusSeconds(120)).category("advice"),
                Act.of("a4", "cy", "ada").occurredAt(T0.plusSeconds(180)).category("help"),
                Act.of("a5", "ada", "cy").occurredAt(T0.plusSeconds(240)).category("advice").recordedByReceiver()))).expect(200);
        Function<String, List<String>> ids = query -> texts(walk(platform, base + "/contributions" + query, () -> { }),
                "contributionId");

        assertThat(ids.apply("")).containsExactly("a5", "a4", "a3", "a2", "a1");
        assertThat(ids.apply("?member=ada")).containsExactly("a5", "a4", "a2", "a1");
        assertThat(ids.apply("?category=advice")).containsExactly("a5", "a3", "a2", "a1");
        assertThat(ids.apply("?status=CONFIRMED")).containsExactly("a5", "a2");
        assertThat(ids.apply("?status=PENDING&member=bob")).containsExactly("a3", "a1");
        assertThat(ids.apply("?from=" + T0.plusSeconds(60) + "&to=" + T0.plusSeconds(240))).containsExactly("a4", "a3", "a2");
        assertThat(ids.apply("?member=ada&category=advice&status=PENDING&from=" + T0 + "&to=" + T0.plusSeconds(1)))
                .containsExactly("a1");
        assertThat(ids.apply("?member=nobody")).isEmpty();

        // Page by page, the filters ride along in next.
        Reply first = platform.get(base + "/contributions?member=ada&category=advice&from=" + T0 + "&limit=1").expect(200);
        String next = first.text("/next");
        assertThat(next).contains("member=ada", "category=advice", "from=2025-06-01T00%3A00%3A00Z", "limit=1");
        assertThat(texts(walk(platform, base + "/contributions?member=ada&category=advice&from=" + T0 + "&limit=1",
                () -> { }), "contributionId")).containsExactly("a5", "a2", "a1");
    }

    @Test
    void membersFilterByStatusAndTheNextLinkKeepsTheFilter() {
        registerMembers(List.of("ada", "bob", "cy", "dee", "eve"));
        platform.post(base + "/members/bob/suspend", Map.of("reason", "spam")).expect(200);
        platform.post(base + "/members/dee/suspend", Map.of("reason", "spam")).expect(200);
        platform.post(base + "/members/eve/suspend", Map.of("reason", "spam")).expect(200);

        assertThat(texts(walk(platform, base + "/members?status=active&limit=1", () -> { }), "memberId"))
                .containsExactly("ada", "cy");
        Reply first = platform.get(base + "/members?status=suspended&limit=2").expect(200);
        assertThat(first.text("/next")).contains("status=suspended", "limit=2");
        assertThat(texts(walk(platform, base + "/members?status=suspended&limit=2", () -> { }), "memberId"))
                .containsExactly("bob", "dee", "eve");
        assertThat(texts(walk(platform, base + "/members", () -> { }), "memberId"))
                .containsExactly("ada", "bob", "cy", "dee", "eve");
    }

    @Test
    void aMembersTrustTiesOutAndInPageByTheOtherMemberThenCategory() {
        List<String> others = IntStream.range(0, 12).mapToObj(i -> String.format("o-%02d", i)).toList();
        List<String> all = new ArrayList<>(others);
        all.add("hub");
        registerMembers(all);
        for (String other : others) {
            platform.declareTrust(community.id(), "hub", other, 5).expect(200);
            platform.declareTrust(community.id(), other, "hub", -3).expect(200);
        }
        platform.put(base + "/trust/hub/o-03?category=help", Map.of("level", 9)).expect(200);
        int[] round = {0};

        List<JsonNode> out = walk(platform, base + "/members/hub/trust?direction=out&limit=4", () -> {
            round[0]++;
            platform.declareTrust(community.id(), "hub", "hub-" + round[0], 1).expect(422); // not a member: nothing changes
        });
        List<String> trustees = out.stream().map(tie -> tie.get("trustee").asText() + "/"
                + (tie.get("category") == null || tie.get("category").isNull() ? "*" : tie.get("category").asText())).toList();
        assertNoDuplicates(trustees);
        assertThat(trustees).hasSize(13).contains("o-03/help", "o-03/*");
        assertThat(out).allMatch(tie -> tie.get("truster").asText().equals("hub"));
        assertThat(texts(out, "trustee")).isSortedAccordingTo(Comparator.naturalOrder());

        List<JsonNode> in = walk(platform, base + "/members/hub/trust?direction=in&limit=5", () -> { });
        assertThat(texts(in, "truster")).isEqualTo(others);
        assertThat(in).allMatch(tie -> tie.get("trustee").asText().equals("hub") && tie.get("level").asInt() == -3);
        assertThat(platform.get(base + "/members/hub/trust?direction=in&limit=5").text("/next")).contains("direction=in");
        assertThat(platform.get(base + "/members/hub/trust").json().get("items").get(0).get("truster").asText())
                .as("direction defaults to out").isEqualTo("hub");
    }

    @Test
    void trustDeclaredBetweenPagesIsListedOnceOrNotAtAllNeverTwice() {
        List<String> members = IntStream.range(0, 10).mapToObj(i -> String.format("p-%02d", i)).toList();
        List<String> all = new ArrayList<>(members);
        all.addAll(List.of("a-late", "z-late", "hub"));
        registerMembers(all);
        for (String member : members) {
            platform.declareTrust(community.id(), member, "hub", 2).expect(200);
        }
        int[] round = {0};
        List<String> trusters = texts(walk(platform, base + "/members/hub/trust?direction=in&limit=3", () -> {
            round[0]++;
            if (round[0] == 1) {
                platform.declareTrust(community.id(), "a-late", "hub", 1).expect(200);
                platform.declareTrust(community.id(), "z-late", "hub", 1).expect(200);
            }
        }), "truster");
        assertNoDuplicates(trusters);
        assertThat(trusters).doesNotContain("a-late").endsWith("z-late");
        assertThat(trusters.subList(0, 10)).isEqualTo(members);
    }

    @Test
    void theAdminListsEveryCommunityOnceWhileCommunitiesAreCreatedAndACommunityKeyOnlyItsOwn() {
        Set<String> mine = new LinkedHashSet<>(List.of(community.id(),
                admin.createCommunity(unique("listings"), "Two").id(), admin.createCommunity(unique("listings"), "Three").id()));
        int[] round = {0};
        List<String> ids = texts(walk(admin, "/communities?limit=7", () -> {
            if (round[0]++ < 3) {
                admin.createCommunity(unique("listings-late"), "Late");
            }
        }), "communityId");
        assertNoDuplicates(ids);
        assertThat(ids).containsAll(mine).isSortedAccordingTo(Comparator.naturalOrder());

        Reply own = platform.get("/communities").expect(200);
        assertThat(texts(list(own.json().get("items")), "communityId")).containsExactly(community.id());
        assertThat(own.json().get("items").get(0).get("name").asText()).isEqualTo("Listings");
        assertThat(own.json().get("next").isNull()).isTrue();
        admin.withKey(null).get("/communities").expectProblem(401, "unauthorized");
    }

    @Test
    void aCommunityKeyCannotListAnotherCommunity() {
        Community other = admin.createCommunity(unique("listings-other"), "Other");
        other.client().registerMember(other.id(), "ada", "Ada").expect(201);
        String elsewhere = "/communities/" + other.id();
        for (String path : List.of("/members", "/members?status=active", "/contributions", "/contributions?member=ada",
                "/members/ada/trust", "/members/ada/trust?direction=in")) {
            Reply reply = platform.get(elsewhere + path).expectProblem(403, "forbidden");
            assertThat(reply.body()).doesNotContain("Ada", "items");
        }
    }

    @Test
    void badCursorsLimitsAndFiltersAreProblemsNamingTheParameter() {
        registerMembers(List.of("ada", "bob"));
        String memberCursor = platform.get(base + "/members?limit=1").expect(200).text("/nextCursor");
        Map<String, String> badCursors = Map.of(
                base + "/members?cursor=not%20a%20cursor", "cursor",
                base + "/contributions?cursor=%25%25%25", "cursor",
                // A cursor of one listing is not a cursor of another.
                base + "/contributions?cursor=" + memberCursor, "cursor",
                base + "/members/ada/trust?cursor=" + memberCursor, "cursor",
                base + "/members/ada/statement?cursor=" + memberCursor, "cursor",
                "/communities?cursor=" + memberCursor + "x", "cursor");
        badCursors.forEach((path, field) -> {
            Reply reply = platform.get(path).expectProblem(400, "invalid-request");
            assertThat(reply.text("/field")).as(path).isEqualTo(field);
        });
        for (String path : List.of(base + "/members?limit=0", base + "/members?limit=501", base + "/contributions?limit=-1",
                base + "/members/ada/trust?limit=100000", base + "/members/ada/statement?limit=0", "/communities?limit=501",
                base + "/leaderboard?limit=1001")) {
            Reply reply = platform.get(path).expectProblem(400, "limit-out-of-range");
            assertThat(reply.text("/field")).as(path).isEqualTo("limit");
            assertThat(reply.text("/detail")).as(path).contains("between 1 and");
        }
        Map<String, String> badFilters = Map.of(
                base + "/members?status=gone", "status",
                base + "/contributions?status=maybe", "status",
                base + "/contributions?status=confirmed", "status",
                base + "/contributions?from=yesterday", "from",
                base + "/contributions?to=2025-13-01T00:00:00Z", "to",
                base + "/contributions?from=2025-01-02T00:00:00Z&to=2025-01-01T00:00:00Z", "to",
                base + "/contributions?from=2025-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "to",
                base + "/members/ada/trust?direction=sideways", "direction",
                base + "/members?limit=lots", "limit");
        badFilters.forEach((path, field) -> {
            Reply reply = platform.get(path).expectProblem(400, "invalid-request");
            assertThat(reply.text("/field")).as(path).isEqualTo(field);
        });
        platform.get(base + "/members/nobody/trust").expectProblem(404, "not-found");
        admin.get("/communities/" + unique("no-such") + "/members").expectProblem(404, "not-found");
        admin.get("/communities/" + unique("no-such") + "/contributions").expectProblem(404, "not-found");
    }

    @Test
    void theStatementKeepsItsFieldsAndGainsANextLinkThatWalksTheSamePages() {
        registerMembers(List.of("ada", "bob"));
        for (int i = 0; i < 5; i++) {
            platform.record(community.id(), Act.of("s-" + i, "ada", "bob").occurredAt(T0.plusSeconds(i))).expect(201);
        }
        List<String> ids = new ArrayList<>();
        Reply page = platform.get(base + "/members/ada/statement?limit=2").expect(200);
        while (true) {
            assertThat(page.text("/communityId")).isEqualTo(community.id());
            assertThat(page.text("/memberId")).isEqualTo("ada");
            page.json().get("entries").forEach(entry -> ids.add(entry.get("contributionId").asText()));
            if (page.json().get("next").isNull()) {
                assertThat(page.json().get("nextCursor").isNull()).as("null on the last page, as every null field").isTrue();
                break;
            }
            assertThat(page.text("/next")).endsWith("statement?limit=2&cursor=" + page.text("/nextCursor"));
            page = platform.get("/" + page.text("/next")).expect(200);
        }
        assertThat(ids).containsExactly("s-4", "s-3", "s-2", "s-1", "s-0");
    }

    @Test
    void theLeaderboardGivesTheLinkToItsNextRanks() throws InterruptedException {
        registerMembers(List.of("ada", "bob", "cy"));
        platform.declareTrust(community.id(), "ada", "bob", 5).expect(200);
        platform.declareTrust(community.id(), "bob", "cy", 5).expect(200);
        platform.declareTrust(community.id(), "cy", "ada", 5).expect(200);
        // Reputation is computed in the background: wait (generously) until all three are ranked.
        Reply first = null;
        for (long deadline = System.nanoTime() + 60_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
            first = platform.get(base + "/leaderboard?limit=2");
            if (first.status() == 200 && first.at("/total").asInt() == 3) {
                break;
            }
        }
        assertThat(first.expect(200).at("/total").asInt()).isEqualTo(3);
        assertThat(first.text("/next")).isEqualTo("/api/v1" + base + "/leaderboard?limit=2&offset=2");

        Reply last = platform.get("/" + first.text("/next")).expect(200);
        assertThat(last.at("/entries").size()).isEqualTo(1);
        assertThat(last.at("/entries/0/rank").asInt()).isEqualTo(3);
        assertThat(last.json().get("next").isNull()).isTrue();
    }

    @Test
    void theOpenApiDocumentDescribesEachListingAndItsProblems() {
        JsonNode paths = admin.get("//v3/api-docs").expect(200).json().get("paths");
        Map<String, String> operations = Map.of(
                "/api/v1/communities", "listCommunities",
                "/api/v1/communities/{communityId}/members", "listMembers",
                "/api/v1/communities/{communityId}/contributions", "listContributions",
                "/api/v1/communities/{communityId}/members/{memberId}/trust", "listMemberTrust");
        operations.forEach((path, operationId) -> {
            JsonNode get = paths.path(path).path("get");
            assertThat(get.path("operationId").asText()).as(path).isEqualTo(operationId);
            assertThat(get.path("responses").path("400").path("content").has("application/problem+json")).as(path).isTrue();
            JsonNode parameters = get.path("parameters");
            assertThat(texts(list(parameters), "name")).as(path).contains("cursor", "limit").doesNotContain("request");
        });
        assertThat(texts(list(paths.path("/api/v1/communities/{communityId}/contributions").path("get").path("parameters")),
                "name")).contains("member", "category", "status", "from", "to");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
