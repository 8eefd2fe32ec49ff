package org.contributionledger.query.history;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The schema of the ledger's database as the real Flyway migrations ({@code classpath:db/migration})
 * build it, as a list of DDL statements. Flyway migrates one in-memory H2 database once per JVM, and
 * H2's {@code SCRIPT NODATA} writes its schema out; a scratch database then gets the same tables and
 * indexes in milliseconds, where a Flyway run per scratch database would take tenths of a second.
 */
final class ViewSchema {

    private static volatile List<String> ddl;

    private ViewSchema() {
    }

    static List<String> ddl() {
        List<String> statements = ddl;
        if (statements == null) {
            synchronized (ViewSchema.class) {
                statements = ddl;
                if (statements == null) {
                    statements = migrateTemplate();
                    ddl = statements;
                }
            }
        }
        return statements;
    }

    private static List<String> migrateTemplate() {
        SingleConnectionDataSource template = new SingleConnectionDataSource(
                "jdbc:h2:mem:view-schema-" + UUID.randomUUID(), "sa", "", true);
        try {
            Flyway.configure().dataSource(template).locations("classpath:db/migration").load().migrate();
            return List.copyOf(new JdbcTemplate(template).queryForList("SCRIPT NODATA", String.class));
        } finally {
            // Closing the only connection drops the in-memory template.
            template.destroy();
        }
    }
}
