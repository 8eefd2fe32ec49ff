package org.contributionledger.query.reputation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettingsChanged;
import org.contributionledger.core.contribution.ContributionConfirmed;
import org.contributionledger.core.contribution.ContributionCorrected;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionReversed;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MemberProfileUpdated;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MemberReinstated;
import org.contributionledger.core.member.MemberSuspended;
import org.contributionledger.core.member.MembersMerged;
import org.contributionledger.core.trust.TrustDeclared;
import org.contributionledger.core.trust.TrustWithdrawn;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.directory.ProjectionTestLedger;
import org.contributionledger.query.reputation.graph.WeightedDigraph;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A reputation restored from a checkpoint and then fed the rest of the history is the reputation
 * fed the whole history: the same frozen networks, every weight to the bit. Histories are random
 * (every kind of event the projection records, merges and reversals included) and cut anywhere;
 * the oracle, the full replay, cannot be broken by a seed.
 */
class ReputationCheckpointProperties {

    private static final String C = "guild";
    private static final Instant START = Instant.parse("2025-06-01T10:00:00Z");
    private static final List<String> CATEGORIES = List.of("code", "advice", "intro", "care");

    @Property(tries = 60)
    void restoredAndReplayedEqualsReplayed(@ForAll long seed) throws Exception {
        List<Object> history = history(new Random(seed));
        int cut = new Random(seed ^ 0x5DEECE66DL).nextInt(history.size()); // position of the checkpoint

        ReputationProjection whole = new ReputationProjection();
        feed(history, 0, history.size(), (event, at) -> apply(whole, event, at));

        try (ProjectionTestLedger views = ProjectionTestLedger.create()) {
            DirectoryProjection directory = views.directory();
            ReputationProjection before = new ReputationProjection();
            feed(history, 0, cut + 1, (event, at) -> {
                apply(before, event, at);
                toDirectory(directory, event, at);
            });
            storeEventAt(views, cut);
            new ReputationCheckpoints(views.jdbc(), JacksonSerializer.defaultSerializer(), before, directory, 1)
                    .take(GapAwareTrackingToken.newInstance(cut, List.of())).get(30, TimeUnit.SECONDS);

            ReputationProjection after = new ReputationProjection();
            assertThat(new ReputationCheckpoints(views.jdbc(), JacksonSerializer.defaultSerializer(), after, directory, 1)
                    .restore()).map(GapAwareTrackingToken::getIndex).contains((long) cut);
            feed(history, cut + 1, history.size(), (event, at) -> {
                apply(after, event, at);
                toDirectory(directory, event, at);
            });

            assertThat(describe(after.network(C).freeze())).isEqualTo(describe(whole.network(C).freeze()));
        }
    }

    /** A community's history: its creation, then members, trust and acts, as the aggregates would allow them. */
    private static List<Object> history(Random random) {
        List<Object> events = new ArrayList<>();
        events.add(new CommunityCreated(C, C, CommunitySettings.defaults()));
        List<String> members = new ArrayList<>();
        List<ContributionConfirmed> confirmed = new ArrayList<>();
        int length = 20 + random.nextInt(100);
        for (int i = 0; members.size() < 2 || events.size() < length; i++) {
            int kind = random.nextInt(20);
            if (members.size() < 2 || kind == 0) {
                String member = "m" + i;
                members.add(member);
                events.add(new MemberRegistered(C, member, "Name " + i));
                continue;
            }
            String a = members.get(random.nextInt(members.size()));
            String b = members.get(random.nextInt(members.size()));
            String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
            BigDecimal value = BigDecimal.valueOf(1 + random.nextInt(400), random.nextInt(3));
            Instant when = START.plusSeconds(i);
            switch (kind) {
                case 1 -> events.add(new MemberProfileUpdated(C, a, "Renamed " + i));
                case 2 -> events.add(new MemberErased(C, a));
                case 3 -> events.add(new MemberSuspended(C, a, null));
                case 4 -> events.add(new MemberReinstated(C, a));
                case 5, 6 -> events.add(new TrustDeclared(C, a, b, random.nextBoolean() ? null : category,
                        random.nextInt(7) - 2, null, when));
                case 7 -> events.add(new TrustWithdrawn(C, a, b, random.nextBoolean() ? null : category, 1, when));
                case 8 -> events.add(new CommunitySettingsChanged(C, CommunitySettings.defaults()));
                case 9 -> {
                    if (confirmed.isEmpty()) {
                        continue;
                    }
                    ContributionConfirmed act = confirmed.remove(random.nextInt(confirmed.size()));
                    events.add(new ContributionReversed(C, act.contributionId(), act.giver(), act.receiver(),
                            act.category(), act.value(), act.occurredAt(), null));
                }
                case 10 -> {
                    if (confirmed.isEmpty()) {
                        continue;
                    }
                    ContributionConfirmed act = confirmed.remove(random.nextInt(confirmed.size()));
                    events.add(new ContributionCorrected(C, act.contributionId(), act.giver(), act.receiver(),
                            act.occurredAt(), act.category(), act.value(), category, value, act.giver(), act.receiver(),
                            null));
                    confirmed.add(new ContributionConfirmed(C, act.contributionId(), act.giver(), act.receiver(),
                            category, value, act.occurredAt(), act.receiver()));
                }
                case 11 -> {
                    // Merged-away members act no more, as the aggregates refuse them.
                    if (a.equals(b) || members.size() < 3) {
                        continue;
                    }
                    members.remove(b);
                    events.add(new MembersMerged(C, a, b));
                    confirmed.replaceAll(act -> act.giver().equals(b) || act.receiver().equals(b)
                            ? new ContributionConfirmed(C, act.contributionId(), act.giver().equals(b) ? a : act.giver(),
                            act.receiver().equals(b) ? a : act.receiver(), act.category(), act.value(),
                            act.occurredAt(), act.by())
                            : act);
                    confirmed.removeIf(act -> act.giver().equals(act.receiver()));
                }
                default -> {
                    if (a.equals(b)) {
                        continue;
                    }
                    String id = "act-" + i;
                    if (random.nextBoolean()) {
                        events.add(new ContributionRecorded(C, id, a, b, category, value, when, null, null,
                                RecordedBy.RECEIVER, ContributionStatus.CONFIRMED));
                    } else {
                        events.add(new ContributionConfirmed(C, id, a, b, category, value, when, b));
                    }
                    confirmed.add(new ContributionConfirmed(C, id, a, b, category, value, when, b));
                }
            }
        }
        return events;
    }

    private static void feed(List<Object> history, int from, int to, BiConsumer<Object, Instant> sink) {
        for (int position = from; position < to; position++) {
            sink.accept(history.get(position), START.plusSeconds(position));
        }
    }

    private static void apply(ReputationProjection projection, Object event, Instant at) {
        if (event instanceof CommunityCreated created) {
            projection.on(created);
        } else if (event instanceof CommunitySettingsChanged changed) {
            projection.on(changed, at);
        } else if (event instanceof MemberRegistered registered) {
            projection.on(registered, at);
        } else if (event instanceof MemberProfileUpdated updated) {
            projection.on(updated, at);
        } else if (event instanceof MemberErased erased) {
            projection.on(erased, at);
        } else if (event instanceof MemberSuspended suspended) {
            projection.on(suspended, at);
        } else if (event instanceof MemberReinstated reinstated) {
            projection.on(reinstated, at);
        } else if (event instanceof MembersMerged merged) {
            projection.on(merged, at);
        } else if (event instanceof TrustDeclared declared) {
            projection.on(declared, at);
        } else if (event instanceof TrustWithdrawn withdrawn) {
            projection.on(withdrawn, at);
        } else if (event instanceof ContributionRecorded recorded) {
            projection.on(recorded, at);
        } else if (event instanceof ContributionConfirmed confirmed) {
            projection.on(confirmed, at);
        } else if (event instanceof ContributionCorrected corrected) {
            projection.on(corrected, at);
        } else if (event instanceof ContributionReversed reversed) {
            projection.on(reversed, at);
        } else {
            throw new IllegalArgumentException(event.toString());
        }
    }

    /** The directory, where a restored network reads its members' names, follows the same history. */
    private static void toDirectory(DirectoryProjection directory, Object event, Instant at) {
        if (event instanceof CommunityCreated created) {
            directory.on(created, at);
        } else if (event instanceof MemberRegistered registered) {
            directory.on(registered, at);
        } else if (event instanceof MemberProfileUpdated updated) {
            directory.on(updated);
        } else if (event instanceof MemberErased erased) {
            directory.on(erased);
        } else if (event instanceof MembersMerged merged) {
            directory.on(merged);
        } else if (event instanceof MemberSuspended suspended) {
            directory.on(suspended);
        } else if (event instanceof MemberReinstated reinstated) {
            directory.on(reinstated);
        }
    }

    /** The event store's row at the checkpoint's position, which a checkpoint names. */
    private static void storeEventAt(ProjectionTestLedger views, long position) {
        views.jdbc().update("INSERT INTO DomainEventEntry (globalIndex, aggregateIdentifier, sequenceNumber,"
                + " eventIdentifier, payload, payloadType, timeStamp) VALUES (?, 'test', 0, 'event-at-checkpoint',"
                + " X'7B7D', 'test', '2025-06-01T10:00:00Z')", position);
    }

    /** Everything a frozen network holds, weights written to the bit. */
    static String describe(FrozenNetwork network) {
        StringBuilder text = new StringBuilder();
        text.append(network.communityId()).append(" v").append(network.version()).append(" at ")
                .append(network.lastEventAt()).append('\n');
        text.append("members ").append(network.memberIds()).append('\n');
        text.append("names ").append(network.displayNames()).append('\n');
        text.append("active ").append(Arrays.toString(network.active())).append('\n');
        text.append("pre-trusted ").append(Arrays.toString(network.preTrusted())).append(" alpha ")
                .append(network.alpha()).append('\n');
        text.append("distrust ").append(Arrays.toString(network.distrustReceived())).append('\n');
        text.append("given ").append(Arrays.toString(network.givenValue())).append('\n');
        text.append("member categories ").append(network.memberCategories()).append('\n');
        text.append("categories with data ").append(new TreeSet<>(network.categoriesWithData())).append('\n');
        Map<String, WeightedDigraph> graphs = new TreeMap<>();
        graphs.put(" overall", network.overall());
        graphs.put(" ties", network.ties());
        graphs.put(" positive trust", network.positiveTrust());
        graphs.put(" giving", network.giving());
        graphs.put(" contacts", network.contacts());
        network.byCategory().forEach((category, graph) -> graphs.put("category " + category, graph));
        graphs.forEach((name, graph) -> {
            text.append(name).append(':');
            for (int node = 0; node < graph.nodeCount(); node++) {
                text.append(' ').append(node).append("->").append(Arrays.toString(graph.successors(node)))
                        .append(Arrays.toString(graph.successorWeights(node)));
            }
            text.append('\n');
        });
        return text.toString();
    }
}
