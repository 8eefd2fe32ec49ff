package org.contributionledger.api.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.contributionledger.api.config.LedgerProperties;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit against a real (in-memory H2) database: writes queued behind a running one are
 * committed together, each answered with its own outcome, and a group that fails stores nothing.
 */
class GroupCommitTest {

    private static final Predicate<RuntimeException> RULES = failure -> failure instanceof IllegalArgumentException;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final GroupCommit groups;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    GroupCommitTest() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        JdbcTransactionManager manager = new JdbcTransactionManager(dataSource);
        // As the ledger configures it: a refused write inside a shared transaction does not doom it.
        manager.setGlobalRollbackOnParticipationFailure(false);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE act (id VARCHAR(20) PRIMARY KEY)");
        transaction = new TransactionTemplate(manager);
        CommunityWriteGate gate = new CommunityWriteGate(
                new LedgerProperties(null, null, 0, null, new LedgerProperties.Writes(10_000, 3), null),
                CommunityDatabaseLock.none());
        groups = new GroupCommit(gate, transaction);
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void writesQueuedBehindARunningOneShareATransactionAndEachGetsItsOwnAnswer() throws Exception {
        HeldWrite first = new HeldWrite();

        List<Long> transactionsSeen = new ArrayList<>();
        List<Future<String>> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "act-" + i;
            queued.add(threads.submit(() -> groups.write("c", () -> {
                synchronized (transactionsSeen) {
                    transactionsSeen.add(currentTransactionId());
                }
                if (id.equals("act-2")) {
                    throw new IllegalArgumentException("act-2 breaks a rule");
                }
                return insert(id);
            }, RULES)));
        }
        waitUntilQueued("c", 5);
        first.release();

        assertThat(first.answer()).isEqualTo("first");
        for (int i = 0; i < 5; i++) {
            Future<String> answer = queued.get(i);
            if (i == 2) {
                assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(IllegalArgumentException.class);
            } else {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("act-" + i);
            }
        }
        // All five queued writes ran in one transaction, and the refused one stored nothing.
        assertThat(transactionsSeen).hasSize(5).containsOnly(transactionsSeen.get(0));
        assertThat(jdbc.queryForList("SELECT id FROM act ORDER BY id", String.class))
                .containsExactly("act-0", "act-1", "act-3", "act-4", "first");
    }

    @Test
    void aWriteFailingOtherwiseThanByARuleFailsAloneAndItsGroupStoresNothing() throws Exception {
        HeldWrite first = new HeldWrite();
        Future<String> fine = threads.submit(() -> groups.write("c", () -> insert("fine"), RULES));
        waitUntilQueued("c", 1);
        Future<String> broken = threads.submit(() -> groups.write("c", () -> {
            insert("broken");
            throw new IllegalStateException("a bug");
        }, RULES));
        waitUntilQueued("c", 2);
        first.release();

        assertThat(first.answer()).isEqualTo("first");
        assertThatThrownBy(() -> broken.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        // Not the other write's failure: a 503 that says nothing was stored.
        assertThatThrownBy(() -> fine.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(WriteContention.class);
        assertThat(jdbc.queryForList("SELECT id FROM act ORDER BY id", String.class)).containsExactly("first");
    }

    @Test
    void aLoneWriteIsTheOrdinaryWriteWithItsOwnFailures() {
        assertThat(groups.write("c", () -> insert("alone"), RULES)).isEqualTo("alone");
        assertThatThrownBy(() -> groups.write("c", () -> {
            throw new IllegalArgumentException("refused");
        }, RULES)).isInstanceOf(IllegalArgumentException.class);
        assertThat(jdbc.queryForList("SELECT id FROM act", String.class)).containsExactly("alone");
    }

    @Test
    void writesOfOneKindQueuedNextToEachOtherRunTogetherInOneCall() throws Exception {
        List<List<String>> calls = new ArrayList<>();
        GroupCommit.Together<String> acts = items -> {
            synchronized (calls) {
                calls.add(List.copyOf(items));
            }
            // Like a batch of acts: each item its own answer, a broken rule answered as a value.
            return items.stream().map(id -> id.startsWith("refused")
                    ? (Object) new IllegalArgumentException(id + " breaks a rule") : insert(id)).toList();
        };
        HeldWrite first = new HeldWrite();
        // Queued one after the other, so that the group's order is known.
        Future<String> a = threads.submit(() -> groups.writeTogether("c", "a", acts));
        waitUntilQueued("c", 1);
        Future<String> refused = threads.submit(() -> groups.writeTogether("c", "refused-b", acts));
        waitUntilQueued("c", 2);
        Future<String> own = threads.submit(() -> groups.write("c", () -> insert("own"), RULES));
        waitUntilQueued("c", 3);
        Future<String> d = threads.submit(() -> groups.writeTogether("c", "d", acts));
        waitUntilQueued("c", 4);
        first.release();

        assertThat(first.answer()).isEqualTo("first");
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("a");
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(own.get(10, TimeUnit.SECONDS)).isEqualTo("own");
        assertThat(d.get(10, TimeUnit.SECONDS)).isEqualTo("d");
        // One group; its leader goes first, then the queue in order, so "own" may or may not split
        // the three: either way they ran in fewer calls than writes, each write exactly once.
        assertThat(calls.stream().flatMap(List::stream)).containsExactlyInAnyOrder("a", "refused-b", "d");
        assertThat(calls).hasSizeLessThanOrEqualTo(2);
        assertThat(jdbc.queryForList("SELECT id FROM act ORDER BY id", String.class))
                .containsExactly("a", "d", "first", "own");
    }

    @Test
    void aFailureOfWritesRunTogetherFailsEachOfThemAndStoresNothing() throws Exception {
        GroupCommit.Together<String> broken = items -> {
            items.forEach(this::insert);
            throw new IllegalStateException("a bug");
        };
        HeldWrite first = new HeldWrite();
        Future<String> x = threads.submit(() -> groups.writeTogether("c", "x", broken));
        waitUntilQueued("c", 1);
        Future<String> y = threads.submit(() -> groups.writeTogether("c", "y", broken));
        waitUntilQueued("c", 2);
        first.release();

        assertThat(first.answer()).isEqualTo("first");
        // Which of the call's writes broke is not known: each is answered with the failure.
        assertThatThrownBy(() -> x.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> y.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForList("SELECT id FROM act ORDER BY id", String.class)).containsExactly("first");
    }

    @Test
    void aLoneWriteRunTogetherGetsItsOwnAnswerOrRefusal() {
        GroupCommit.Together<String> acts = items -> items.stream().map(id -> id.startsWith("refused")
                ? (Object) new IllegalArgumentException(id + " breaks a rule") : insert(id)).toList();
        assertThat((String) groups.writeTogether("c", "alone", acts)).isEqualTo("alone");
        assertThatThrownBy(() -> groups.writeTogether("c", "refused", acts)).isInstanceOf(IllegalArgumentException.class);
        assertThat(jdbc.queryForList("SELECT id FROM act", String.class)).containsExactly("alone");
    }

    /**
     * A write of community "c" that holds the gate until released: the writes sent meanwhile queue
     * behind it, and the next group takes them all.
     */
    private final class HeldWrite {
        private final CountDownLatch running = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final Future<String> answer;

        HeldWrite() throws InterruptedException {
            answer = threads.submit(() -> groups.write("c", () -> {
                running.countDown();
                await(released);
                return insert("first");
            }, RULES));
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            released.countDown();
        }

        String answer() throws Exception {
            return answer.get(10, TimeUnit.SECONDS);
        }
    }

    private String insert(String id) {
        jdbc.update("INSERT INTO act (id) VALUES (?)", id);
        return id;
    }

    private long currentTransactionId() {
        // The data source does not pool connections: each transaction opens a session of its own.
        return jdbc.queryForObject("SELECT SESSION_ID()", Long.class);
    }

    private void waitUntilQueued(String communityId, int writes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (groups.queued(communityId) < writes) {
            assertThat(System.nanoTime()).as("writes queued in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
