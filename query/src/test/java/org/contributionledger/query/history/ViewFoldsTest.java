package org.contributionledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.contributionledger.core.community.CommunityApiKeyIssued;
import org.contributionledger.core.community.CommunityApiKeyRevoked;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettingsChanged;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionCorrected;
import org.contributionledger.core.contribution.ContributionDisputed;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionReversed;
import org.contributionledger.core.contribution.ContributionRevoked;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.IdentityLinked;
import org.contributionledger.core.member.IdentityUnlinked;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MemberProfileUpdated;
import org.contributionledger.core.member.MemberReinstated;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MemberSuspended;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The folds ({@link ViewFolds}) and the per-event projections ({@link ViewProjections}, the form
 * the live views run) fed the same random history leave the same rows in every view table. The
 * oracle is the per-event form itself, so any seed that fails shows a fold that differs from its
 * projection's handlers.
 */
class ViewFoldsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final Instant START = Instant.parse("2025-03-01T08:00:00Z");

    @Property(tries = 40)
    void aRandomHistoryFoldsToTheRowsTheProjectionsWrite(@ForAll long seed) {
        List<Stamped> history = new History(new SplittableRandom(seed)).events(300);
        try (ScratchDatabase perEvent = ScratchDatabase.create(); ScratchDatabase folded = ScratchDatabase.create()) {
            ViewProjections projections = new ViewProjections(perEvent.jdbc(), JSON);
            ViewFolds folds = new ViewFolds(JSON);
            for (Stamped event : history) {
                projections.handle(new GenericEventMessage<>(UUID.randomUUID().toString(), event.payload(),
                        MetaData.emptyInstance(), event.at()));
                folds.on(event.payload(), event.at());
            }
            long rows = folds.insertInto(folded.jdbc());

            Map<String, String> expected = ViewChecksums.of(perEvent.jdbc());
            assertThat(ViewChecksums.of(folded.jdbc())).isEqualTo(expected);
            assertThat(rows).isEqualTo(rowCount(perEvent.jdbc()));
            assertThat(rowCount(perEvent.jdbc(), "contribution_view")).isPositive();
            assertThat(rowCount(perEvent.jdbc(), "directory_identity")).isPositive();
        }
    }

    private static long rowCount(JdbcTemplate views) {
        return ViewTable.ALL.stream().mapToLong(table -> rowCount(views, table.name())).sum();
    }

    private static long rowCount(JdbcTemplate views, String table) {
        return views.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
    }

    private record Stamped(Object payload, Instant at) {
    }

    /**
     * A random history the per-event projections accept (no key inserted twice), with every event
     * the view tables handle, updates of rows that do not exist among them, erasures and merges.
     */
    private static final class History {

        private static final List<String> CATEGORIES = List.of("help", "advice", "referral");
        private static final List<String> PLATFORMS = List.of("github", "discourse", "slack");

        private final SplittableRandom random;
        private final List<String> communities = new ArrayList<>();
        private final List<String[]> members = new ArrayList<>();
        private final List<String[]> acts = new ArrayList<>();
        private final List<String[]> apiKeys = new ArrayList<>();
        private final List<Stamped> events = new ArrayList<>();
        private Instant now = START;

        History(SplittableRandom random) {
            this.random = random;
        }

        List<Stamped> events(int count) {
            community();
            for (int m = 0; m < 4; m++) {
                member();
            }
            // One link no later event touches (the random ones use other user ids), so the table is never empty.
            add(new IdentityLinked(members.get(0)[0], members.get(0)[1], "github", "first", "first-login"));
            while (events.size() < count) {
                int pick = random.nextInt(100);
                if (pick < 3) {
                    community();
                } else if (pick < 12) {
                    member();
                } else if (pick < 45) {
                    record();
                } else if (pick < 65) {
                    decide();
                } else if (pick < 78) {
                    trust();
                } else if (pick < 88) {
                    if (random.nextInt(3) == 0) {
                        identity();
                    } else {
                        memberChange();
                    }
                } else if (pick < 92) {
                    apiKey();
                } else if (pick < 95) {
                    settings();
                } else if (pick < 98) {
                    merge();
                } else {
                    String[] member = random.nextInt(10) == 0 ? new String[] {pick(communities), "ghost"} : pick(members);
                    add(new MemberErased(member[0], member[1]));
                }
            }
            return events;
        }

        private String community() {
            String id = "c" + communities.size();
            communities.add(id);
            add(new CommunityCreated(id, "Community " + id, settings()));
            return id;
        }

        private CommunitySettings settings() {
            CommunitySettings settings = new CommunitySettings(
                    CATEGORIES.subList(0, 1 + random.nextInt(CATEGORIES.size())), null,
                    new BigDecimal(1 + random.nextInt(1000)).movePointLeft(random.nextInt(3)),
                    random.nextBoolean(), null, null);
            if (!events.isEmpty() && random.nextInt(4) == 0) {
                add(new CommunitySettingsChanged(pick(communities), settings));
            }
            return settings;
        }

        private void member() {
            String community = pick(communities);
            String id = "m" + members.size();
            members.add(new String[] {community, id});
            add(new MemberRegistered(community, id, text("Name")));
        }

        private void memberChange() {
            String[] member = random.nextInt(10) == 0 ? new String[] {pick(communities), "ghost"} : pick(members);
            switch (random.nextInt(3)) {
                case 0 -> add(new MemberProfileUpdated(member[0], member[1], text("Renamed")));
                case 1 -> add(new MemberSuspended(member[0], member[1], text("Reason")));
                default -> add(new MemberReinstated(member[0], member[1]));
            }
        }

        /**
         * Links and unlinks among a few user ids, so that identities are linked again with new logins,
         * to other members, unlinked by members who do not hold them, and erased with their members.
         */
        private void identity() {
            String[] member = random.nextInt(10) == 0 ? new String[] {pick(communities), "ghost"} : pick(members);
            String platform = pick(PLATFORMS);
            String userId = "u" + random.nextInt(6);
            if (random.nextInt(3) == 0) {
                add(new IdentityUnlinked(member[0], member[1], platform, userId));
            } else {
                add(new IdentityLinked(member[0], member[1], platform, userId, text("login")));
            }
        }

        /** Two members of one community, the merged one chosen among those merged before too, or a ghost. */
        private void merge() {
            String[] merged = random.nextInt(10) == 0 ? new String[] {pick(communities), "ghost"} : pick(members);
            List<String> others = members.stream().filter(m -> m[0].equals(merged[0]) && !m[1].equals(merged[1]))
                    .map(m -> m[1]).toList();
            if (!others.isEmpty()) {
                add(new MembersMerged(merged[0], pick(others), merged[1]));
            }
        }

        private void record() {
            String community = pick(communities);
            List<String> own = members.stream().filter(m -> m[0].equals(community)).map(m -> m[1]).toList();
            if (own.size() < 2) {
                member();
                return;
            }
            String giver = pick(own);
            String receiver = pick(own.stream().filter(m -> !m.equals(giver)).toList());
            String id = "a" + acts.size();
            acts.add(new String[] {community, id, giver, receiver});
            add(new ContributionRecorded(community, id, giver, receiver, pick(CATEGORIES), value(),
                    now.minusSeconds(random.nextInt(86_400)), text("Description"), text("https://example.org/e"),
                    random.nextBoolean() ? RecordedBy.GIVER : RecordedBy.RECEIVER,
                    random.nextBoolean() ? ContributionStatus.PENDING : ContributionStatus.CONFIRMED));
        }

        private void decide() {
            String[] act = random.nextInt(15) == 0 ? new String[] {pick(communities), "missing", "x", "y"}
                    : pickOr(acts, new String[] {pick(communities), "missing", "x", "y"});
            String c = act[0];
            String id = act[1];
            String giver = act[2];
            String receiver = act[3];
            BigDecimal value = value();
            Instant occurred = now.minusSeconds(90_000);
            switch (random.nextInt(6)) {
                case 0 -> add(new ContributionConfirmed(c, id, giver, receiver, "help", value, occurred, receiver));
                case 1 -> add(new ContributionDisputed(c, id, giver, receiver, "help", value, occurred, receiver,
                        text("Disputed")));
                case 2 -> add(new ContributionRevoked(c, id, giver, receiver, "help", value, occurred, giver,
                        text("Revoked"), ContributionStatus.PENDING));
                case 3 -> add(new ContributionReversed(c, id, giver, receiver, "help", value, occurred,
                        text("Reversed")));
                default -> add(new ContributionCorrected(c, id, giver, receiver, occurred, "help", value,
                        pick(CATEGORIES), value(), giver, receiver, text("Correction")));
            }
        }

        private void trust() {
            String[] truster = pickOr(members, null);
            if (truster == null) {
                return;
            }
            String trustee = "m" + random.nextInt(members.size() + 1);
            String category = random.nextBoolean() ? null : pick(CATEGORIES);
            if (random.nextInt(3) == 0) {
                add(new TrustWithdrawn(truster[0], truster[1], trustee, category, 1, now));
            } else {
                add(new TrustDeclared(truster[0], truster[1], trustee, category, 1 + random.nextInt(5),
                        text("Note"), now.minusSeconds(random.nextInt(60))));
            }
        }

        private void apiKey() {
            if (apiKeys.isEmpty() || random.nextBoolean()) {
                String[] key = {pick(communities), "k" + random.nextInt(4)};
                apiKeys.add(key);
                add(new CommunityApiKeyIssued(key[0], key[1], "sha-" + apiKeys.size()));
            } else {
                String[] key = pick(apiKeys);
                add(new CommunityApiKeyRevoked(key[0], random.nextInt(5) == 0 ? "unknown" : key[1]));
            }
        }

        private BigDecimal value() {
            return new BigDecimal(1 + random.nextInt(10_000)).movePointLeft(random.nextInt(4));
        }

        /** A text, or null as often as personal fields are after an erasure or when left out. */
        private String text(String prefix) {
            return random.nextInt(4) == 0 ? null : prefix + " " + random.nextInt(1000);
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private <T> T pickOr(List<T> from, T otherwise) {
            return from.isEmpty() ? otherwise : pick(from);
        }

        private void add(Object payload) {
            now = now.plusSeconds(1 + random.nextInt(3_600));
            events.add(new Stamped(payload, now));
        }
    }
}
