package org.contributionledger.api.scaleout;

/** The postgres profile is active but names no database to use; the ledger does not start. */
public class MissingDatabaseUrl extends IllegalStateException {

    public MissingDatabaseUrl() {
        super("LEDGER_DB_URL is not set: SPRING_PROFILES_ACTIVE=postgres needs the JDBC URL of the PostgreSQL"
                + " database, e.g. jdbc:postgresql://db:5432/ledger");
    }
}
