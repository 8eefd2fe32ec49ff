package org.contributionledger.api.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The open event streams of every community, and their delivery. The event processor only queues an
 * event for each stream of its community; two sender threads write them out. So a browser that reads
 * slowly (or a connection that hangs) delays nobody else, and the processor never waits on a socket.
 * <p>
 * A stream ends when its time is up, when its client goes away, or when its client falls more than
 * {@link #MOST_PENDING} events behind: then the client reconnects and reads afresh (the dashboard does).
 * A comment every {@link #HEARTBEAT} keeps proxies from closing an idle stream and finds clients gone.
 */
public final class LiveStreams implements DisposableBean {

    static final int MOST_PENDING = 1000;
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final ObjectMapper json;
    private final int maxStreams;
    private final Map<String, Set<Stream>> byCommunity = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService senders = Executors.newFixedThreadPool(2, daemon("live-events-send-"));
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("live-events-heartbeat-"));

    public LiveStreams(ObjectMapper json, int maxStreams) {
        this.json = json;
        this.maxStreams = maxStreams;
        heartbeats.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Thrown when {@code maxStreams} streams are open already: the client retries later. */
    public static final class TooManyStreams extends RuntimeException {

        TooManyStreams(int maxStreams) {
            super("The ledger serves at most " + maxStreams + " event streams at once, and that many are open");
        }
    }

    /**
     * Opens a stream of the community's events from now on, for {@code lifetime}; its first event,
     * {@code open}, says so at once.
     */
    public SseEmitter open(String communityId, Duration lifetime) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            throw new TooManyStreams(maxStreams);
        }
        SseEmitter emitter = new SseEmitter(lifetime.toMillis());
        Stream stream = new Stream(communityId, emitter);
        byCommunity.computeIfAbsent(communityId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        // Completion is the one way out, whatever ended the stream: time up, client gone, error.
        emitter.onCompletion(stream::close);
        emitter.onTimeout(emitter::complete);
        emitter.onError(failure -> stream.close());
        stream.offer(SseEmitter.event().name("open")
                .data(text(Map.of("communityId", communityId, "seconds", lifetime.toSeconds()))));
        return emitter;
    }

    /** Queues one event for every stream open in the community. */
    public void publish(String communityId, String name, Map<String, Object> data) {
        Set<Stream> streams = byCommunity.get(communityId);
        if (streams == null || streams.isEmpty()) {
            return;
        }
        String payload = text(data);
        for (Stream stream : streams) {
            stream.offer(SseEmitter.event().name(name).data(payload));
        }
    }

    /** Streams open now, across communities. */
    public int openStreams() {
        return open.get();
    }

    /** Streams open now in one community: what a test checks to find leaks. */
    public int openStreams(String communityId) {
        Set<Stream> streams = byCommunity.get(communityId);
        return streams == null ? 0 : streams.size();
    }

    private void heartbeat() {
        byCommunity.values().forEach(streams -> streams.forEach(stream ->
                stream.offer(SseEmitter.event().comment("keep-alive"))));
    }

    private String text(Map<String, Object> data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event of the stream cannot be written as JSON", e);
        }
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        byCommunity.values().forEach(streams -> streams.forEach(stream -> stream.emitter.complete()));
        senders.shutdown();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One client's stream: the events queued for it, written out by one sender at a time, in order. */
    private final class Stream {

        private final String communityId;
        private final SseEmitter emitter;
        private final Queue<SseEmitter.SseEventBuilder> pending = new ConcurrentLinkedQueue<>();
        private final AtomicInteger pendingCount = new AtomicInteger();
        private final AtomicBoolean sending = new AtomicBoolean();
        private final AtomicBoolean closed = new AtomicBoolean();

        Stream(String communityId, SseEmitter emitter) {
            this.communityId = communityId;
            this.emitter = emitter;
        }

        void offer(SseEmitter.SseEventBuilder event) {
            if (closed.get()) {
                return;
            }
            if (pendingCount.incrementAndGet() > MOST_PENDING) {
                // Too far behind to catch up: end the stream, the client reconnects and reads afresh.
                close();
                emitter.complete();
                return;
            }
            pending.add(event);
            scheduleSending();
        }

        private void scheduleSending() {
            if (!pending.isEmpty() && !closed.get() && sending.compareAndSet(false, true)) {
                try {
                    senders.execute(this::send);
                } catch (RejectedExecutionException shuttingDown) {
                    sending.set(false);
                }
            }
        }

        private void send() {
            try {
                SseEmitter.SseEventBuilder event;
                while (!closed.get() && (event = pending.poll()) != null) {
                    pendingCount.decrementAndGet();
                    emitter.send(event);
                }
            } catch (IOException | IllegalStateException gone) {
                // The client went away (or the stream completed meanwhile): the container ends the
                // request and onCompletion closes the stream; nothing more is sent to it.
                close();
            } finally {
                sending.set(false);
            }
            scheduleSending(); // an event queued while the loop was ending
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                Set<Stream> streams = byCommunity.get(communityId);
                if (streams != null) {
                    streams.remove(this);
                }
                pending.clear();
                open.decrementAndGet();
            }
        }
    }
}
