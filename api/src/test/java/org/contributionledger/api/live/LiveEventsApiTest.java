package org.contributionledger.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.contributionledger.api.support.Act;
import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.LedgerClient.Community;
import org.contributionledger.api.support.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** GET .../events: the community's acts, trust and membership changes as server-sent events. */
class LiveEventsApiTest extends LedgerApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    LiveStreams streams;

    /** One server-sent event as read off the wire. */
    record Event(String name, JsonNode data) {
    }

    /** An open stream read by a thread of its own into a queue, one event per frame. */
    final class Stream implements AutoCloseable {

        final int status;
        final String contentType;
        private final InputStream body;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Thread reader;

        Stream(String communityId, String key, int seconds) throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/communities/"
                            + communityId + "/events?seconds=" + seconds))
                    .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
            HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            contentType = response.headers().firstValue("Content-Type").orElse("");
            body = response.body();
            reader = new Thread(this::read, "test-event-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = "message";
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (!data.isEmpty()) {
                            events.add(new Event(name, JSON.readTree(data.toString())));
                        }
                        name = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        name = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
                events.add(new Event("end", null));
            } catch (IOException closed) {
                events.add(new Event("end", null));
            }
        }

        /** The next event, waiting up to 20 s. */
        Event next() throws InterruptedException {
            Event event = events.poll(20, TimeUnit.SECONDS);
            assertThat(event).as("an event within 20 s").isNotNull();
            return event;
        }

        /** Events until one satisfies {@code last}, that one included. */
        List<Event> until(Predicate<Event> last) throws InterruptedException {
            List<Event> seen = new ArrayList<>();
            while (true) {
                Event event = next();
                assertThat(event.name()).as("the stream ended early; seen %s", seen).isNotEqualTo("end");
                seen.add(event);
                if (last.test(event)) {
                    return seen;
                }
            }
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    @Test
    void aStreamOpensThenCarriesTheCommunitysMembersTrustAndActsAndNothingOfOthers() throws Exception {
        Community community = admin.createCommunity(unique("live"), "Live");
        Community other = admin.createCommunity(unique("elsewhere"), "Elsewhere");
        String c = community.id();
        LedgerClient platform = community.client();
        other.client().registerMember(other.id(), "zed", "Zed").expect(201);
        other.client().registerMember(other.id(), "yan", "Yan").expect(201);

        try (Stream stream = new Stream(c, community.apiKey(), 60)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            Event open = stream.next();
            assertThat(open.name()).isEqualTo("open");
            assertThat(open.data().path("communityId").asText()).isEqualTo(c);

            other.client().record(other.id(), Act.of("elsewhere-1", "zed", "yan").recordedByReceiver()).expect(201);
            platform.registerMember(c, "ada", "Ada Lovelace").expect(201);
            platform.registerMember(c, "bob", "Bob Noyce").expect(201);
            platform.declareTrust(c, "bob", "ada", 8).expect(200);
            platform.record(c, Act.of("act-1", "ada", "bob").value(2.5).recordedByReceiver()).expect(201);

            List<Event> seen = stream.until(event -> event.name().equals("act"));

            assertThat(seen).extracting(Event::name).containsExactly("member", "member", "trust", "act");
            assertThat(seen.get(0).data().path("type").asText()).isEqualTo("MemberRegistered");
            assertThat(seen.get(0).data().path("memberId").asText()).isEqualTo("ada");
            assertThat(seen.get(0).data().path("displayName").asText()).isEqualTo("Ada Lovelace");
            JsonNode trust = seen.get(2).data();
            assertThat(trust.path("truster").asText() + ">" + trust.path("trustee").asText() + "@"
                    + trust.path("level").asInt()).isEqualTo("bob>ada@8");
            JsonNode act = seen.get(3).data();
            assertThat(act.path("type").asText()).isEqualTo("ContributionRecorded");
            assertThat(act.path("contributionId").asText()).isEqualTo("act-1");
            assertThat(act.path("value").decimalValue()).isEqualByComparingTo("2.5");
            assertThat(act.path("status").asText()).isEqualTo("CONFIRMED");
            // A member's own words stay out of the stream.
            assertThat(act.has("description")).isFalse();
        }
    }

    @Test
    void aStreamEndsWhenItsTimeIsUpAndLeavesNothingOpen() throws InterruptedException {
        Community community = admin.createCommunity(unique("timed"), "Timed");

        // The stream's end is an asynchronous dispatch of the request: it passes security as its start did.
        Reply stream = community.client().get("/communities/" + community.id() + "/events?seconds=1").expect(200);

        assertThat(stream.contentType()).startsWith("text/event-stream");
        assertThat(stream.body()).startsWith("event:open").contains("\"communityId\":\"" + community.id() + "\"");
        awaitNoStream(community.id());
    }

    @Test
    void aClientThatGoesAwayIsForgotten() throws Exception {
        Community community = admin.createCommunity(unique("gone"), "Gone");
        String c = community.id();
        community.client().registerMember(c, "ada", "Ada").expect(201);
        Stream stream = new Stream(c, community.apiKey(), 600);
        assertThat(stream.next().name()).isEqualTo("open");
        assertThat(streams.openStreams(c)).isEqualTo(1);

        stream.close();
        // The server learns that the client left when it next writes to it: each change is one more write.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int n = 0; streams.openStreams(c) > 0; n++) {
            assertThat(System.nanoTime() - deadline).as("the stream is still held").isNegative();
            community.client().patch("/communities/" + c + "/members/ada", Map.of("displayName", "Ada " + n)).expect(200);
            Thread.sleep(200);
        }
    }

    @Test
    void badStreamRequestsAreRefusedWithProblems() {
        Community mine = admin.createCommunity(unique("mine"), "Mine");
        Community theirs = admin.createCommunity(unique("theirs"), "Theirs");
        String path = "/communities/" + mine.id() + "/events";

        Reply zero = mine.client().get(path + "?seconds=0").expectProblem(400, "invalid-request");
        assertThat(zero.text("/field")).isEqualTo("seconds");
        mine.client().get(path + "?seconds=3601").expectProblem(400, "invalid-request");
        theirs.client().get(path + "?seconds=1").expectProblem(403, "forbidden");
        admin.withKey(null).get(path + "?seconds=1").expectProblem(401, "unauthorized");
        admin.get("/communities/" + unique("nowhere") + "/events?seconds=1").expectProblem(404, "not-found");
        assertThat(streams.openStreams(mine.id())).isZero();
    }

    private void awaitNoStream(String communityId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (streams.openStreams(communityId) > 0) {
            assertThat(System.nanoTime() - deadline).as("streams still open").isNegative();
            Thread.sleep(20);
        }
    }
}
