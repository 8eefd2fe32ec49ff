package org.contributionledger.query.directory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionCorrected;
import org.contributionledger.core.contribution.ContributionDisputed;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionReversed;
import org.contributionledger.core.contribution.ContributionRevoked;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;
import org.contributionledger.query.reciprocity.ReciprocityQueries;
import org.contributionledger.query.statement.ContributionViewProjection;
import org.contributionledger.query.statement.StatementQueries;
import org.contributionledger.query.stats.StatsQueries;
import org.contributionledger.query.trust.TrustViewProjection;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The SQL read models of the query module wired by hand, without Spring or Axon: a fresh in-memory
 * H2 database migrated with the real Flyway migrations, the projections and the query classes
 * built with their constructors. Tests feed events by calling the {@code @EventHandler} methods
 * (directly, or through the small helpers here) and ask the {@code @QueryHandler} methods.
 *
 * <p>Every event gets its own timestamp, one second after the previous one, from {@link #tick()}.
 * Close the ledger after each test to drop its database.
 */
public final class ProjectionTestLedger implements AutoCloseable {

    /** A ledger time far enough in the past for any {@code occurredAt} a test needs. */
    public static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    private final JdbcTemplate jdbc;
    private final DirectoryProjection directory;
    private final ContributionViewProjection contributions;
    private final TrustViewProjection trust;
    private final StatementQueries statements;
    private final ReciprocityQueries reciprocity;
    private final StatsQueries stats;
    private final Map<String, ContributionRecorded> recorded = new HashMap<>();
    private Instant now = START;

    private ProjectionTestLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        this.directory = new DirectoryProjection(jdbc, json);
        this.contributions = new ContributionViewProjection(jdbc);
        this.trust = new TrustViewProjection(jdbc);
        this.statements = new StatementQueries(jdbc);
        this.reciprocity = new ReciprocityQueries(jdbc, directory);
        this.stats = new StatsQueries(jdbc, directory);
    }

    /**
     * A new, empty database of its own, with the schema of the real migrations. Flyway migrates one
     * template database per JVM; each ledger's database is created from the template's DDL (H2's
     * {@code SCRIPT NODATA}), which takes milliseconds where a Flyway run per test would take tenths
     * of a second.
     */
    public static ProjectionTestLedger create() {
        JdbcTemplate jdbc = new JdbcTemplate(newDatabase());
        for (String statement : Schema.DDL) {
            jdbc.execute(statement);
        }
        return new ProjectionTestLedger(jdbc);
    }

    private static DriverManagerDataSource newDatabase() {
        String url = "jdbc:h2:mem:projection-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        return new DriverManagerDataSource(url, "sa", "");
    }

    /** The schema the real migrations (classpath:db/migration) build, migrated once with Flyway. */
    private static final class Schema {

        static final List<String> DDL = migrateTemplate();

        private static List<String> migrateTemplate() {
            DriverManagerDataSource template = newDatabase();
            Flyway.configure().dataSource(template).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(template);
            List<String> ddl = jdbc.queryForList("SCRIPT NODATA", String.class);
            jdbc.execute("SHUTDOWN");
            return ddl;
        }
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public DirectoryProjection directory() {
        return directory;
    }

    public ContributionViewProjection contributions() {
        return contributions;
    }

    public TrustViewProjection trust() {
        return trust;
    }

    public StatementQueries statements() {
        return statements;
    }

    public ReciprocityQueries reciprocity() {
        return reciprocity;
    }

    public StatsQueries stats() {
        return stats;
    }

    /** The timestamp of the next event: one second after the previous one. */
    public Instant tick() {
        now = now.plusSeconds(1);
        return now;
    }

    // ---- helpers that feed the usual events ----

    public void createCommunity(String communityId, CommunitySettings settings) {
        directory.on(new CommunityCreated(communityId, communityId + " name", settings), tick());
    }

    public void register(String communityId, String... memberIds) {
        for (String memberId : memberIds) {
            directory.on(new MemberRegistered(communityId, memberId, memberId + " name"), tick());
        }
    }

    /** A community with default settings and the given members. */
    public void community(String communityId, String... memberIds) {
        createCommunity(communityId, CommunitySettings.defaults());
        register(communityId, memberIds);
    }

    /** An act recorded by its receiver: confirmed at once. */
    public ContributionRecorded give(String communityId, String contributionId, String giver, String receiver,
                                     String value, Instant occurredAt) {
        return record(new ContributionRecorded(communityId, contributionId, giver, receiver, "help",
                new BigDecimal(value), occurredAt, null, null, RecordedBy.RECEIVER, ContributionStatus.CONFIRMED));
    }

    /** An act recorded by its giver: pending until the receiver confirms it. */
    public ContributionRecorded offer(String communityId, String contributionId, String giver, String receiver,
                                      String value, Instant occurredAt) {
        return record(new ContributionRecorded(communityId, contributionId, giver, receiver, "help",
                new BigDecimal(value), occurredAt, null, null, RecordedBy.GIVER, ContributionStatus.PENDING));
    }

    public ContributionRecorded record(ContributionRecorded event) {
        recorded.put(event.communityId() + "/" + event.contributionId(), event);
        contributions.on(event, tick());
        return event;
    }

    public void confirm(String communityId, String contributionId) {
        ContributionRecorded act = act(communityId, contributionId);
        contributions.on(new ContributionConfirmed(communityId, contributionId, act.giver(), act.receiver(),
                act.category(), act.value(), act.occurredAt(), act.receiver()), tick());
    }

    public void dispute(String communityId, String contributionId, String reason) {
        ContributionRecorded act = act(communityId, contributionId);
        contributions.on(new ContributionDisputed(communityId, contributionId, act.giver(), act.receiver(),
                act.category(), act.value(), act.occurredAt(), act.receiver(), reason), tick());
    }

    public void revoke(String communityId, String contributionId, String reason) {
        ContributionRecorded act = act(communityId, contributionId);
        String by = act.recordedBy() == RecordedBy.GIVER ? act.giver() : act.receiver();
        contributions.on(new ContributionRevoked(communityId, contributionId, act.giver(), act.receiver(),
                act.category(), act.value(), act.occurredAt(), by, reason, act.status()), tick());
    }

    /** The act's figures corrected (its recorder proposed, the other side accepted). */
    public void correct(String communityId, String contributionId, String category, String value) {
        ContributionRecorded act = act(communityId, contributionId);
        String recorder = act.recordedBy() == RecordedBy.GIVER ? act.giver() : act.receiver();
        String other = recorder.equals(act.giver()) ? act.receiver() : act.giver();
        contributions.on(new ContributionCorrected(communityId, contributionId, act.giver(), act.receiver(),
                act.occurredAt(), act.category(), act.value(), category, new BigDecimal(value), recorder, other,
                "corrected"));
        recorded.put(communityId + "/" + contributionId, new ContributionRecorded(communityId, contributionId,
                act.giver(), act.receiver(), category, new BigDecimal(value), act.occurredAt(), act.description(),
                act.evidenceUrl(), act.recordedBy(), act.status()));
    }

    /** The administrator reverses the act: it counts nowhere from now on. */
    public void reverse(String communityId, String contributionId, String reason) {
        ContributionRecorded act = act(communityId, contributionId);
        contributions.on(new ContributionReversed(communityId, contributionId, act.giver(), act.receiver(),
                act.category(), act.value(), act.occurredAt(), reason), tick());
    }

    public void declareTrust(String communityId, String truster, String trustee, String category, int level) {
        trust.on(new TrustDeclared(communityId, truster, trustee, category, level, null, tick()));
    }

    public void withdrawTrust(String communityId, String truster, String trustee, String category, int previous) {
        trust.on(new TrustWithdrawn(communityId, truster, trustee, category, previous, tick()));
    }

    private ContributionRecorded act(String communityId, String contributionId) {
        ContributionRecorded act = recorded.get(communityId + "/" + contributionId);
        if (act == null) {
            throw new IllegalArgumentException("No act " + contributionId + " was recorded in " + communityId);
        }
        return act;
    }

    /** Drops the in-memory database. */
    @Override
    public void close() {
        jdbc.execute("SHUTDOWN");
    }
}
