package org.contributionledger.api.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.lock.DeadlockException;
import org.contributionledger.api.config.LedgerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class CommunityWriteGateTest {

    private final CommunityWriteGate gate = new CommunityWriteGate(
            new LedgerProperties(null, null, 0, null, new LedgerProperties.Writes(200, 3), null),
            CommunityDatabaseLock.none());

    @Test
    void aTransientRefusalIsDecidedAgain() {
        AtomicInteger runs = new AtomicInteger();
        String answer = gate.write("c", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new DeadlockException("imminent deadlock");
            }
            return "stored";
        });
        assertThat(answer).isEqualTo("stored");
        assertThat(runs).hasValue(2);
    }

    @Test
    void aDatabaseLockTimeoutInsideAxonsWrapperIsTransient() {
        SQLException lockTimeout = new SQLException("Timeout trying to lock table", "HYT00", 50200);
        assertThat(CommunityWriteGate.isTransient(new JdbcException("append failed", lockTimeout))).isTrue();
        SQLException serialization = new SQLException("could not serialize access", "40001");
        assertThat(CommunityWriteGate.isTransient(new RuntimeException(serialization))).isTrue();
    }

    @Test
    void aFailureThatIsNotTransientIsNotRetried() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> gate.write("c", () -> {
            runs.incrementAndGet();
            throw new DataIntegrityViolationException("value too long");
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(runs).hasValue(1);
        SQLException syntax = new SQLException("Syntax error", "42000");
        assertThat(CommunityWriteGate.isTransient(new JdbcException("bad statement", syntax))).isFalse();
    }

    @Test
    void retriesRunOutInAContentionRefusal() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> gate.write("c", () -> {
            runs.incrementAndGet();
            throw new DeadlockException("imminent deadlock");
        })).isInstanceOf(WriteContention.class).hasMessageContaining("3 times");
        assertThat(runs).hasValue(3);
    }

    @Test
    void aWriterQueuedBehindALongWriteOfItsCommunityIsRefusedButOtherCommunitiesAreNot() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<String> longWrite = pool.submit(() -> gate.write("busy", () -> {
            holding.countDown();
            await(release);
            return "long";
        }));
        assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> gate.write("busy", () -> "queued"))
                .isInstanceOf(WriteContention.class)
                .satisfies(failure -> assertThat(((WriteContention) failure).retryAfterSeconds()).isPositive());
        assertThat(gate.write("quiet", () -> "other community")).isEqualTo("other community");

        release.countDown();
        assertThat(longWrite.get(5, TimeUnit.SECONDS)).isEqualTo("long");
        assertThat(gate.write("busy", () -> "after")).isEqualTo("after");
        pool.shutdown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
