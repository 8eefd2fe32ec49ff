package org.contributionledger.query.reputation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.query.Sql;
import org.contributionledger.query.directory.DirectoryProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reputation engine's networks as of one position of the store, kept in the database
 * ({@code reputation_checkpoint}) so that a start replays only the events stored after it, not the
 * whole history. The reputation stays a function of the event stream alone: a checkpoint holds the
 * facts the projection had recorded at its position and nothing else, and a network read back from
 * it computes the same bits the replay would have ({@link CommunityNetwork#freeze} sums in an order
 * of its own, not its maps').
 * <p>
 * A checkpoint is used only when it describes the history below its position: its format is this
 * one, the event at its position is still the one it was taken after, and its parts hash to what
 * was written. Otherwise (none yet, an older format, a store replaced by another, parts being
 * replaced by another node) the start replays the whole history, as it did before checkpoints.
 * <p>
 * Taken on the reputation processor's thread, the only one that changes the networks, so they hold
 * still while they are written out: at the end of the start-up replay and after a batch, whenever
 * {@code every} positions have passed since the last one, and when the processor stops. Writing to
 * the database is left to a thread of its own, so the processor waits only for the copy in memory
 * (except at the stop, when it waits for the write).
 */
public class ReputationCheckpoints implements AutoCloseable {

    /** Bumped whenever {@link CommunityNetwork#writeTo} changes: an older checkpoint is then ignored. */
    static final int FORMAT = 1;
    private static final int PART_BYTES = 256 * 1024;
    private static final int STOP_WAIT_SECONDS = 10;
    private static final Logger log = LoggerFactory.getLogger(ReputationCheckpoints.class);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ReputationProjection projection;
    private final DirectoryProjection directory;
    private final long every;
    /** One write at a time; a checkpoint taken while another is being written replaces the waiting one. */
    private final ExecutorService writer;
    /** Position of the last checkpoint restored or taken by this node; -1 none. Processor thread only. */
    private long lastPosition = -1;
    /**
     * The token of the last batch the processor handled and committed; null after a batch rolled
     * back, until the next commits. Processor thread only.
     */
    private GapAwareTrackingToken lastHandled;

    /**
     * @param every positions between two checkpoints (events, and positions left empty by rolled
     *              back transactions); 0 takes none, and restores none
     */
    public ReputationCheckpoints(JdbcTemplate jdbc, Serializer serializer, ReputationProjection projection,
                                 DirectoryProjection directory, long every) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.projection = projection;
        this.directory = directory;
        this.every = every;
        ThreadPoolExecutor oneWriter = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1),
                runnable -> {
                    Thread thread = new Thread(runnable, "reputation-checkpoint");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.DiscardOldestPolicy());
        oneWriter.allowCoreThreadTimeOut(true);
        this.writer = oneWriter;
    }

    /**
     * Into the projection (empty, at start): the networks of the stored checkpoint, their members
     * named as the directory names them now. Returns the checkpoint's position and the positions
     * below it that held no event when it was taken; empty when there is no checkpoint to trust, the
     * projection then untouched.
     */
    Optional<GapAwareTrackingToken> restore() {
        if (every <= 0) {
            return Optional.empty();
        }
        try {
            Optional<Restored> restored = read();
            if (restored.isEmpty()) {
                return Optional.empty();
            }
            List<CommunityNetwork> networks = restored.get().networks();
            for (CommunityNetwork network : networks) {
                directory.displayNames(network.communityId()).forEach(network::nameRestored);
            }
            // Only now, when nothing can fail any more: a projection half restored would then be replayed in full.
            networks.forEach(projection::restored);
            lastPosition = restored.get().token().getIndex();
            return Optional.of(restored.get().token());
        } catch (IOException | RuntimeException e) {
            log.warn("The reputation checkpoint could not be read ({}); replaying the whole history", e.toString());
            return Optional.empty();
        }
    }

    /** After the processor handled and committed the events up to {@code token}: a checkpoint when one is due. */
    void handledUpTo(TrackingToken token) {
        if (token instanceof GapAwareTrackingToken handled) {
            lastHandled = handled;
            if (every > 0 && handled.getIndex() - lastPosition >= every) {
                take(handled);
            }
        }
    }

    /**
     * A batch's transaction rolled back after its events were handled: the networks hold events the
     * processor's token does not cover, until the batch handed again commits ({@link #handledUpTo}).
     * No checkpoint at a stop until then.
     */
    void rolledBack() {
        lastHandled = null;
    }

    /**
     * The processor has stopped (the ledger is stopping) after the events up to {@code token}: a
     * checkpoint there, so that the next start replays nothing, when at least a tenth of
     * {@code every} positions have passed since the last one (fewer replay in well under a second).
     * Waits for it to be stored, up to a few seconds.
     */
    void stoppedAt(TrackingToken token) {
        // Only when the token is that of the last batch committed and no batch has rolled back since
        // (rolledBack): a processor stops to retry a batch whose transaction failed, and the networks,
        // not rolled back, hold that batch's events beyond the token.
        if (every > 0 && token instanceof GapAwareTrackingToken stopped && stopped.equals(lastHandled)
                && stopped.getIndex() - lastPosition >= Math.max(1, every / 10)) {
            try {
                take(stopped).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                log.warn("The reputation checkpoint at the stop was not stored: {}", e.toString());
            }
        }
    }

    /**
     * The networks as they are now, which are the facts of every event up to {@code token}; done
     * when the checkpoint is stored (or could not be, which is logged).
     */
    Future<?> take(GapAwareTrackingToken token) {
        lastPosition = token.getIndex();
        byte[] state;
        try {
            state = write(token);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return writer.submit(() -> {
            try {
                store(token.getIndex(), state);
            } catch (RuntimeException e) {
                // The next checkpoint will try again; meanwhile a start replays from the previous one.
                log.warn("Could not store the reputation checkpoint at position {}: {}", token.getIndex(), e.toString());
            }
        });
    }

    private byte[] write(GapAwareTrackingToken token) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new DeflaterOutputStream(bytes, deflater, 1 << 16), 1 << 16))) {
            out.writeLong(token.getIndex());
            out.writeInt(token.getGaps().size());
            for (long gap : token.getGaps()) {
                out.writeLong(gap);
            }
            List<CommunityNetwork> networks = List.copyOf(projection.networks());
            out.writeInt(networks.size());
            for (CommunityNetwork network : networks) {
                network.writeTo(out, settings -> serializer.serialize(settings, byte[].class).getData());
            }
        } finally {
            deflater.end();
        }
        return bytes.toByteArray();
    }

    private void store(long position, byte[] state) {
        String eventId = jdbc.queryForObject("SELECT eventIdentifier FROM DomainEventEntry WHERE globalIndex = ?",
                String.class, position);
        int parts = Math.max(1, (state.length + PART_BYTES - 1) / PART_BYTES);
        jdbc.update("DELETE FROM reputation_checkpoint_part WHERE position = ?", position);
        for (int part = 0; part < parts; part++) {
            int from = part * PART_BYTES;
            byte[] data = Arrays.copyOfRange(state, from, Math.min(state.length, from + PART_BYTES));
            jdbc.update("INSERT INTO reputation_checkpoint_part (position, part, data) VALUES (?, ?, ?)",
                    position, part, data);
        }
        Object[] header = {position, eventId, FORMAT, parts, sha256(state), Sql.timestamp(Instant.now())};
        // Only forward: another node sharing the database may have stored a later one meanwhile.
        int updated = jdbc.update("UPDATE reputation_checkpoint SET position = ?, event_id = ?, format = ?, parts = ?,"
                + " sha256 = ?, taken_at = ? WHERE slot = 1 AND position < ?", append(header, position));
        if (updated == 0) {
            try {
                jdbc.update("INSERT INTO reputation_checkpoint (slot, position, event_id, format, parts, sha256, taken_at)"
                        + " VALUES (1, ?, ?, ?, ?, ?, ?)", header);
                updated = 1;
            } catch (DuplicateKeyException later) {
                // A checkpoint at this position or a later one is stored already.
            }
        }
        Long kept = jdbc.queryForObject("SELECT MAX(position) FROM reputation_checkpoint", Long.class);
        jdbc.update("DELETE FROM reputation_checkpoint_part WHERE position <> ?", kept == null ? position : kept);
        if (updated == 1) {
            log.info("Reputation checkpoint stored at position {} ({} KB)", position, state.length / 1024);
        }
    }

    private Optional<Restored> read() throws IOException {
        List<Header> headers = jdbc.query("SELECT position, event_id, format, parts, sha256 FROM reputation_checkpoint"
                        + " WHERE slot = 1",
                (row, i) -> new Header(row.getLong(1), row.getString(2), row.getInt(3), row.getInt(4), row.getString(5)));
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        Header header = headers.get(0);
        if (header.format() != FORMAT) {
            log.info("The reputation checkpoint is of format {}, this version reads {}; replaying the whole history",
                    header.format(), FORMAT);
            return Optional.empty();
        }
        List<String> eventIds = jdbc.queryForList("SELECT eventIdentifier FROM DomainEventEntry WHERE globalIndex = ?",
                String.class, header.position());
        if (!eventIds.equals(List.of(header.eventId()))) {
            log.warn("The reputation checkpoint at position {} does not match the stored events; replaying the whole"
                    + " history", header.position());
            return Optional.empty();
        }
        ByteArrayOutputStream state = new ByteArrayOutputStream();
        int[] parts = {0};
        jdbc.query("SELECT data FROM reputation_checkpoint_part WHERE position = ? ORDER BY part", row -> {
            state.writeBytes(row.getBytes(1));
            parts[0]++;
        }, header.position());
        byte[] bytes = state.toByteArray();
        if (parts[0] != header.parts() || !sha256(bytes).equals(header.sha256())) {
            log.warn("The reputation checkpoint at position {} is incomplete (being replaced?); replaying the whole"
                    + " history", header.position());
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new InflaterInputStream(new ByteArrayInputStream(bytes)), 1 << 16))) {
            long position = in.readLong();
            TreeSet<Long> gaps = new TreeSet<>();
            for (int i = in.readInt(); i > 0; i--) {
                gaps.add(in.readLong());
            }
            int count = in.readInt();
            List<CommunityNetwork> networks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                networks.add(CommunityNetwork.readFrom(in, data -> serializer.deserialize(
                        new SimpleSerializedObject<>(data, byte[].class, CommunitySettings.class.getName(), null))));
            }
            return Optional.of(new Restored(GapAwareTrackingToken.newInstance(position, gaps), networks));
        }
    }

    /** Waits a little for a checkpoint being written, so that a stop right after one keeps it. */
    @Override
    public void close() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static Object[] append(Object[] values, Object last) {
        Object[] all = Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Header(long position, String eventId, int format, int parts, String sha256) {
    }

    private record Restored(GapAwareTrackingToken token, List<CommunityNetwork> networks) {
    }
}
