package org.contributionledger.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.api.support.Reply;
import org.contributionledger.api.support.TestLedger;
import org.junit.jupiter.api.Test;

/**
 * Every connection of the pool held elsewhere: a request waits the pool's timeout and is answered
 * 503 {@code database-busy} with {@code Retry-After}, both where the key check reads the database
 * (a community key, before any controller) and where the controller does (the admin key is checked
 * in memory). The full read benchmark on PostgreSQL met this as a 500.
 */
class DatabaseBusyTest {

    private static final int POOL = 3;

    @Test
    void anExhaustedConnectionPoolIsAnswered503WithRetryAfterThenServedAgain() throws Exception {
        try (TestLedger ledger = TestLedger.start(LedgerApiTest.newDataDir("database-busy"),
                Map.of("spring.datasource.hikari.maximum-pool-size", String.valueOf(POOL),
                        "spring.datasource.hikari.connection-timeout", "250"))) {
            LedgerClient admin = ledger.admin();
            LedgerClient platform = admin.createCommunity("busy", "Busy").client();
            platform.registerMember("busy", "ada", "Ada").expect(201);

            List<Connection> held = holdEveryConnection(ledger.bean(DataSource.class));
            try {
                for (LedgerClient caller : List.of(platform, admin)) {
                    Reply busy = caller.statement("busy", "ada", null, null).expectProblem(503, "database-busy");
                    assertThat(busy.header("Retry-After")).as(busy.describe()).contains("1");
                }
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
            platform.statement("busy", "ada", null, null).expect(200);
            admin.statement("busy", "ada", null, null).expect(200);
        }
    }

    /** The ledger's own background work borrows connections briefly: take each as it comes free. */
    private static List<Connection> holdEveryConnection(DataSource pool) throws SQLException, InterruptedException {
        List<Connection> held = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (held.size() < POOL) {
            try {
                held.add(pool.getConnection());
            } catch (SQLTransientConnectionException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                Thread.sleep(10);
            }
        }
        return held;
    }
}
