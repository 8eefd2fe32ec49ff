package org.contributionledger.api.replay;

import org.axonframework.serialization.Serializer;
import org.contributionledger.query.history.ViewRebuild;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds the SQL views (the directory and the statement, reciprocity, stats and trust views) from
 * the imported events, before the HTTP server starts, so that no read ever sees them half built.
 * In a running ledger these views are subscribing processors, fed in each command's transaction;
 * rows imported by JDBC never pass through a command, so the replay builds them the way the admin's
 * rebuild does ({@link ViewRebuild}: every stored event folded into the rows by the projection
 * classes' folds, then the rows inserted into the live tables in one transaction). Nothing is written meanwhile: a replay
 * takes no writes. The reputation engine needs nothing of this: it replays the store at every start.
 */
public class ReplayViews implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ReplayViews.class);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;

    public ReplayViews(JdbcTemplate jdbc, Serializer serializer, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.json = json;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void afterSingletonsInstantiated() {
        long started = System.nanoTime();
        long[] events = {0};
        try (ViewRebuild rebuild = new ViewRebuild(jdbc, serializer, json)) {
            rebuild.catchUp(rebuild.head(), fed -> events[0] = fed);
            long rows = transaction.execute(status -> rebuild.replaceLive());
            log.info(String.format("Views built from %,d imported events (%,d rows) in %.1f s", events[0], rows,
                    (System.nanoTime() - started) / 1e9));
        }
    }
}
