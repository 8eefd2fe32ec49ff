package org.contributionledger.query.reputation;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.queryhandling.QueryHandler;
import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.directory.FindCommunity;
import org.contributionledger.query.reciprocity.Flow;
import org.contributionledger.query.reciprocity.Role;
import org.contributionledger.query.reputation.MemberNetwork.CategoryRelevance;
import org.contributionledger.query.reputation.MemberNetwork.Contact;
import org.contributionledger.query.reputation.MemberNetwork.Contacts;
import org.contributionledger.query.reputation.MemberNetwork.Introducer;
import org.contributionledger.query.reputation.MemberNetwork.MemberRef;
import org.contributionledger.query.reputation.MemberNetwork.MemberToMeet;
import org.contributionledger.query.reputation.MemberNetwork.NetworkBalance;
import org.contributionledger.query.reputation.MemberNetwork.NetworkCharacter;
import org.contributionledger.query.reputation.MemberNetwork.NetworkQuality;
import org.contributionledger.query.reputation.MemberNetwork.PartnerBalance;
import org.contributionledger.query.reputation.MemberNetwork.SpheresSpanned;
import org.contributionledger.query.reputation.MemberNetwork.TieKind;
import org.contributionledger.query.reputation.graph.GraphMetrics;
import org.contributionledger.query.reputation.graph.InfluenceResult;
import org.contributionledger.query.reputation.graph.Teleport;
import org.contributionledger.query.reputation.graph.WeightedDigraph;
import org.contributionledger.query.reputation.spheres.Spheres;
import org.contributionledger.query.statement.ContributionTotals;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers {@link FindMemberNetwork}: the network figures from the community's current reputation
 * snapshot ({@link ReputationSnapshots#forReading}), the balance from the contribution view's sums
 * ({@link ContributionTotals}, which owns that table) and the taker threshold from the directory.
 * Over the live views, or over views of the past with a reputation replayed to the same position
 * ({@link ReputationHistory}). The formulas are in docs/reputation.md, "My network".
 */
@Component
public class MemberNetworkQueries {

    /** How many members to meet an answer proposes at most. */
    public static final int WHO_TO_MEET = 20;

    /** How many categories relevance covers when none is asked: those the member received most in. */
    static final int MOST_RECEIVED_CATEGORIES = 3;

    private final ReputationSnapshots snapshots;
    private final ContributionTotals totals;
    private final DirectoryProjection directory;
    /**
     * The network-quality shares of every member of a community's latest snapshot, sorted, so that a
     * percentile costs a binary search rather than a pass over every member's contacts.
     */
    private final Map<String, QualityShares> shares = new ConcurrentHashMap<>();

    /** Over the given views (the live ones, or views of the past: query.history) and reputation. */
    public MemberNetworkQueries(ReputationSnapshots snapshots, JdbcTemplate jdbc, DirectoryProjection directory) {
        this.snapshots = snapshots;
        this.totals = new ContributionTotals(jdbc);
        this.directory = directory;
    }

    /**
     * @return empty for an unknown community or member
     * @throws UnknownCategory when a category is asked that the community does not have
     */
    @QueryHandler
    public Optional<MemberNetwork> handle(FindMemberNetwork query) {
        ReputationSnapshot snapshot = snapshots.forReading(query.communityId(), query.memberId());
        if (snapshot == null || snapshot.overall() == null) {
            return Optional.empty();
        }
        FrozenNetwork network = snapshot.network();
        int member = network.nodeOf(query.memberId());
        if (member < 0) {
            return Optional.empty();
        }
        if (query.category() != null && !network.byCategory().containsKey(query.category())) {
            throw new UnknownCategory(query.communityId(), query.category());
        }
        double[] influence = snapshot.overall().scores();
        int[] contacts = byInfluence(network, influence, contactsOf(network.contacts(), member));
        return Optional.of(new MemberNetwork(query.communityId(), query.memberId(), network.displayNames().get(member),
                query.category(), query.since(), contacts(snapshot, influence, member, contacts),
                quality(snapshot, influence, member, contacts), character(network, influence, member),
                relevance(query, snapshot, contacts), balance(query, network, influence),
                whoToMeet(query.category(), snapshot, member, contacts), spheresSpanned(snapshot.spheres(), contacts),
                snapshots.freshness(snapshot), null));
    }

    // ---- contacts ----

    /**
     * The nodes tied to {@code node} either way, ascending, without itself. Both neighbour arrays are
     * sorted, so one merge gives the union.
     */
    static int[] contactsOf(WeightedDigraph contacts, int node) {
        int[] out = contacts.successors(node);
        int[] in = contacts.predecessors(node);
        int[] union = new int[out.length + in.length];
        int size = 0;
        int i = 0;
        int j = 0;
        while (i < out.length || j < in.length) {
            int next;
            if (j == in.length || (i < out.length && out[i] < in[j])) {
                next = out[i++];
            } else if (i == out.length || in[j] < out[i]) {
                next = in[j++];
            } else {
                next = out[i++];
                j++;
            }
            if (next != node) {
                union[size++] = next;
            }
        }
        return Arrays.copyOf(union, size);
    }

    private static Contacts contacts(ReputationSnapshot snapshot, double[] influence, int member, int[] contacts) {
        FrozenNetwork network = snapshot.network();
        WeightedDigraph trust = network.positiveTrust();
        WeightedDigraph giving = network.giving();
        Spheres spheres = snapshot.spheres();
        int trusts = 0;
        int trustedBy = 0;
        int gaveTo = 0;
        int receivedFrom = 0;
        List<Contact> members = new ArrayList<>(contacts.length);
        for (int contact : contacts) {
            EnumSet<TieKind> kinds = EnumSet.noneOf(TieKind.class);
            if (trust.hasEdge(member, contact)) {
                kinds.add(TieKind.TRUSTS);
                trusts++;
            }
            if (trust.hasEdge(contact, member)) {
                kinds.add(TieKind.TRUSTED_BY);
                trustedBy++;
            }
            if (giving.hasEdge(member, contact)) {
                kinds.add(TieKind.GAVE);
                gaveTo++;
            }
            if (giving.hasEdge(contact, member)) {
                kinds.add(TieKind.RECEIVED);
                receivedFrom++;
            }
            members.add(new Contact(network.memberIds().get(contact), network.displayNames().get(contact),
                    List.copyOf(kinds), influence[contact], sphereOf(spheres, contact)));
        }
        return new Contacts(contacts.length, trusts, trustedBy, gaveTo, receivedFrom, members);
    }

    // ---- quality ----

    private NetworkQuality quality(ReputationSnapshot snapshot, double[] influence, int member, int[] contacts) {
        double share = shareOfContacts(snapshot.network().contacts(), influence, total(influence), member);
        double[] sorted = sharesOf(snapshot, influence);
        // The member's share is computed as the table's were, term by term, so equal shares are equal to the bit.
        int lower = lowerCount(sorted, share);
        double percentile = sorted.length <= 1 ? 0 : 100.0 * lower / (sorted.length - 1);
        if (contacts.length == 0) {
            return new NetworkQuality(null, null, share, percentile);
        }
        double[] scores = new double[contacts.length];
        double sum = 0;
        for (int k = 0; k < contacts.length; k++) {
            scores[k] = influence[contacts[k]];
            sum += scores[k];
        }
        Arrays.sort(scores);
        int middle = scores.length / 2;
        double median = scores.length % 2 == 1 ? scores[middle] : (scores[middle - 1] + scores[middle]) / 2;
        return new NetworkQuality(sum / contacts.length, median, share, percentile);
    }

    /** The share of all influence held by the node's contacts, summed in ascending node order. */
    private static double shareOfContacts(WeightedDigraph contactGraph, double[] scores, double total, int node) {
        double sum = 0;
        for (int contact : contactsOf(contactGraph, node)) {
            sum += scores[contact];
        }
        return total > 0 ? sum / total : 0;
    }

    private static double total(double[] scores) {
        double total = 0;
        for (double score : scores) {
            total += score;
        }
        return total;
    }

    /** Every member's network-quality share in this snapshot, ascending: computed once per snapshot. */
    private double[] sharesOf(ReputationSnapshot snapshot, double[] influence) {
        QualityShares cached = shares.get(snapshot.network().communityId());
        if (cached != null && cached.snapshot().get() == snapshot) {
            return cached.sorted();
        }
        WeightedDigraph contactGraph = snapshot.network().contacts();
        double total = total(influence);
        double[] sorted = new double[influence.length];
        for (int node = 0; node < sorted.length; node++) {
            sorted[node] = shareOfContacts(contactGraph, influence, total, node);
        }
        Arrays.sort(sorted);
        shares.put(snapshot.network().communityId(), new QualityShares(new WeakReference<>(snapshot), sorted));
        return sorted;
    }

    /** How many of the sorted values are strictly lower than {@code value}. */
    private static int lowerCount(double[] sorted, double value) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] < value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Weakly held: a snapshot replaced since must not be kept in memory for its shares. */
    private record QualityShares(WeakReference<ReputationSnapshot> snapshot, double[] sorted) {
    }

    // ---- character ----

    private static NetworkCharacter character(FrozenNetwork network, double[] influence, int member) {
        WeightedDigraph trust = network.positiveTrust();
        int[] trusted = trust.successors(member);
        int[] trusters = trust.predecessors(member);
        long weightGiven = 0;
        List<Integer> notBack = new ArrayList<>();
        for (int other : trusted) {
            weightGiven += level(trust, member, other);
            if (!trust.hasEdge(other, member)) {
                notBack.add(other);
            }
        }
        long weightReceived = 0;
        List<Integer> byNotBack = new ArrayList<>();
        for (int other : trusters) {
            weightReceived += level(trust, other, member);
            if (!trust.hasEdge(member, other)) {
                byNotBack.add(other);
            }
        }
        OptionalDouble reciprocated = GraphMetrics.character(trust, member);
        return new NetworkCharacter(trusted.length, trusters.length,
                reciprocated.isPresent() ? reciprocated.getAsDouble() : null, Math.toIntExact(weightGiven),
                Math.toIntExact(weightReceived), network.distrustReceived()[member],
                refs(network, byInfluence(network, influence, notBack)),
                refs(network, byInfluence(network, influence, byNotBack)));
    }

    /** The trust level of an edge of the positive trust graph (its weight is the level), 0 without one. */
    private static int level(WeightedDigraph trust, int from, int to) {
        return (int) Math.round(trust.weight(from, to));
    }

    private static List<MemberRef> refs(FrozenNetwork network, int[] nodes) {
        List<MemberRef> refs = new ArrayList<>(nodes.length);
        for (int node : nodes) {
            refs.add(new MemberRef(network.memberIds().get(node), network.displayNames().get(node)));
        }
        return refs;
    }

    // ---- relevance ----

    private List<CategoryRelevance> relevance(FindMemberNetwork query, ReputationSnapshot snapshot, int[] contacts) {
        FrozenNetwork network = snapshot.network();
        List<String> categories = query.category() != null ? List.of(query.category())
                : mostReceivedCategories(query, network.byCategory().keySet());
        List<CategoryRelevance> relevance = new ArrayList<>(categories.size());
        for (String category : categories) {
            InfluenceResult result = snapshot.byCategory().get(category);
            if (result == null || !network.categoriesWithData().contains(category)) {
                relevance.add(new CategoryRelevance(category, null));
                continue;
            }
            double[] scores = result.scores();
            double sum = 0;
            for (int contact : contacts) {
                sum += scores[contact];
            }
            double total = total(scores);
            relevance.add(new CategoryRelevance(category, total > 0 ? sum / total : 0));
        }
        return relevance;
    }

    /** The (up to three) categories of the snapshot the member received most confirmed value in, ties by name. */
    private List<String> mostReceivedCategories(FindMemberNetwork query, Set<String> categories) {
        Map<String, ContributionTotals.Total> received = totals.confirmedReceivedByCategory(query.communityId(),
                query.memberId());
        return received.entrySet().stream()
                .filter(entry -> categories.contains(entry.getKey()) && entry.getValue().value().signum() > 0)
                .sorted(Map.Entry.<String, ContributionTotals.Total>comparingByValue(
                                Comparator.comparing(ContributionTotals.Total::value).reversed())
                        .thenComparing(Map.Entry.<String, ContributionTotals.Total>comparingByKey()))
                .limit(MOST_RECEIVED_CATEGORIES)
                .map(Map.Entry::getKey)
                .toList();
    }

    // ---- balance ----

    private NetworkBalance balance(FindMemberNetwork query, FrozenNetwork network, double[] influence) {
        Map<String, ContributionTotals.Total> gave = totals.confirmedByPartner(query.communityId(), query.memberId(),
                true, query.since());
        Map<String, ContributionTotals.Total> got = totals.confirmedByPartner(query.communityId(), query.memberId(),
                false, query.since());
        Set<String> partners = new TreeSet<>(gave.keySet());
        partners.addAll(got.keySet());
        Flow given = Flow.NONE;
        Flow received = Flow.NONE;
        List<PartnerBalance> perContact = new ArrayList<>(partners.size());
        for (String partner : partners) {
            Flow to = flow(gave.get(partner));
            Flow from = flow(got.get(partner));
            given = given.plus(to.count(), to.value());
            received = received.plus(from.count(), from.value());
            int node = network.nodeOf(partner);
            // A partner the snapshot does not hold yet (registered since) has no name or influence here.
            perContact.add(new PartnerBalance(partner, node < 0 ? null : network.displayNames().get(node), to, from,
                    Role.balance(to, from)));
        }
        perContact.sort(Comparator.comparingDouble((PartnerBalance partner) -> -influenceOf(network, influence,
                partner.memberId())).thenComparing(PartnerBalance::memberId));
        double takerBelowRatio = directory.handle(new FindCommunity(query.communityId()))
                .map(Community::settings).map(settings -> settings.reciprocity())
                .orElse(ReciprocityThresholds.DEFAULT).takerBelowRatio();
        List<PartnerBalance> keepTakingFrom = perContact.stream()
                .filter(partner -> keepsTakingFrom(partner, takerBelowRatio))
                // Largest received - given first: the most negative balance (given - received) first.
                .sorted(Comparator.comparing(PartnerBalance::balance).thenComparing(PartnerBalance::memberId))
                .toList();
        List<PartnerBalance> neverGaveBack = perContact.stream()
                .filter(partner -> partner.given().count() > 0 && partner.received().count() == 0)
                .sorted(Comparator.comparing((PartnerBalance partner) -> partner.given().value()).reversed()
                        .thenComparing(PartnerBalance::memberId))
                .toList();
        return new NetworkBalance(query.since(), given, received, Role.balance(given, received), perContact,
                keepTakingFrom, neverGaveBack);
    }

    /**
     * Received something and gave nothing back, or less than {@code takerBelowRatio} times as much:
     * the rule that makes a member a taker (reciprocity.Role), applied to one partner.
     */
    private static boolean keepsTakingFrom(PartnerBalance partner, double takerBelowRatio) {
        if (partner.received().value().signum() <= 0) {
            return false;
        }
        return partner.given().value().signum() == 0
                || Role.ratio(partner.given(), partner.received()) < takerBelowRatio;
    }

    private static Flow flow(ContributionTotals.Total total) {
        return total == null ? Flow.NONE : Flow.NONE.plus(total.count(), total.value());
    }

    private static double influenceOf(FrozenNetwork network, double[] influence, String memberId) {
        int node = network.nodeOf(memberId);
        return node < 0 ? 0 : influence[node];
    }

    // ---- whom to meet ----

    /**
     * Members two hops away over the contacts (either direction) who are not contacts yet, ranked by
     * the member's personalized influence (for the category when one is asked), each with the
     * contacts who can introduce them.
     */
    private static List<MemberToMeet> whoToMeet(String category, ReputationSnapshot snapshot, int member,
                                                int[] contacts) {
        FrozenNetwork network = snapshot.network();
        boolean[] tied = new boolean[network.memberCount()];
        tied[member] = true;
        for (int contact : contacts) {
            tied[contact] = true;
        }
        Map<Integer, List<Integer>> introducers = new TreeMap<>();
        for (int contact : contacts) {
            for (int candidate : contactsOf(network.contacts(), contact)) {
                if (!tied[candidate]) {
                    introducers.computeIfAbsent(candidate, key -> new ArrayList<>()).add(contact);
                }
            }
        }
        if (introducers.isEmpty()) {
            return List.of();
        }
        InfluenceResult personal = ReputationSnapshot.solve(snapshot.graph(category), Teleport.singleNode(member),
                network.alpha(), null);
        WeightedDigraph trust = network.positiveTrust();
        List<MemberToMeet> best = new ArrayList<>();
        introducers.keySet().stream()
                .sorted(Comparator.comparingDouble((Integer candidate) -> -personal.score(candidate))
                        .thenComparing(candidate -> network.memberIds().get(candidate)))
                .limit(WHO_TO_MEET)
                .forEach(target -> {
                    List<Introducer> through = introducers.get(target).stream()
                            .map(contact -> new Introducer(network.memberIds().get(contact),
                                    network.displayNames().get(contact),
                                    Math.min(level(trust, member, contact), level(trust, contact, member)),
                                    level(trust, contact, target)))
                            .sorted(Comparator.comparingInt(Introducer::mutualTrust).reversed()
                                    .thenComparing(Comparator.comparingInt(Introducer::trustInTarget).reversed())
                                    .thenComparing(Introducer::memberId))
                            .toList();
                    best.add(new MemberToMeet(network.memberIds().get(target), network.displayNames().get(target),
                            personal.score(target), through));
                });
        return best;
    }

    // ---- spheres ----

    private static SpheresSpanned spheresSpanned(Spheres spheres, int[] contacts) {
        TreeSet<Integer> spanned = new TreeSet<>();
        for (int contact : contacts) {
            Integer sphere = sphereOf(spheres, contact);
            if (sphere != null) {
                spanned.add(sphere);
            }
        }
        return new SpheresSpanned(spanned.size(), List.copyOf(spanned));
    }

    /** The node's sphere, or null when it is in none (no tie) or the snapshot has no spheres. */
    private static Integer sphereOf(Spheres spheres, int node) {
        if (spheres == null || spheres.sphereOf(node) == 0) {
            return null;
        }
        return spheres.sphereOf(node);
    }

    // ---- order ----

    /** The nodes, most influential first, then by member id (the order of every list of contacts). */
    private static int[] byInfluence(FrozenNetwork network, double[] influence, int[] nodes) {
        return Arrays.stream(nodes).boxed()
                .sorted(Comparator.comparingDouble((Integer node) -> -influence[node])
                        .thenComparing(node -> network.memberIds().get(node)))
                .mapToInt(Integer::intValue).toArray();
    }

    private static int[] byInfluence(FrozenNetwork network, double[] influence, List<Integer> nodes) {
        return byInfluence(network, influence, nodes.stream().mapToInt(Integer::intValue).toArray());
    }
}
