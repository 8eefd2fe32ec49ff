package org.contributionledger.query.reputation;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettings.ReputationWeights;
import org.contributionledger.query.reputation.graph.WeightedDigraph;

/**
 * The live network of one community, as the events describe it: members, the trust declarations
 * in force and the confirmed value each member gave each other member, per category. It only
 * records facts; {@link #freeze()} turns them into the graphs the reputation model computes on.
 * <p>
 * Not thread-safe on its own: the projection mutates it from the event processor's thread and
 * {@link ReputationSnapshots} freezes it from the recompute thread, always under the instance's
 * monitor. Only {@link #version()}, {@link #settings()} and {@link #indexOf} may be read without
 * it: reads ask them on every request, and must not wait for a freeze of a large network, which
 * holds the monitor for seconds.
 */
final class CommunityNetwork {

    /** Category key of trust declared for every category. */
    static final String ALL = "*";

    private final String communityId;
    /** Volatile: reads ask whether a failure computed with the previous settings still stands. */
    private volatile CommunitySettings settings;
    private final Map<String, Integer> index = new ConcurrentHashMap<>();
    private final List<String> memberIds = new ArrayList<>();
    private final List<Boolean> active = new ArrayList<>();
    /** Node i's name as registered or last updated; null for a member seen before their registration. */
    private final List<String> displayNames = new ArrayList<>();
    /** (truster, trustee) → category (or ALL) → declaration in force. */
    private final Map<Long, Map<String, Declaration>> trust = new HashMap<>();
    /** (giver, receiver) → category → confirmed value given. */
    private final GiftSums gifts = new GiftSums();
    private final Set<String> categoriesSeen = new TreeSet<>();
    /**
     * Merged-away member → the member they were merged into (the last of a chain). Their node stays
     * in the index, empty: every fact naming them is recorded for the staying member, and
     * {@link #freeze()} leaves the node out, as if they had never been a member. Concurrent, as
     * {@link #indexOf} reads it: reads must be able to ask it without waiting for a freeze.
     */
    private final Map<String, String> mergedInto = new ConcurrentHashMap<>();
    private volatile long version;
    private Instant lastEventAt;

    CommunityNetwork(String communityId, CommunitySettings settings) {
        this.communityId = communityId;
        this.settings = settings;
        this.categoriesSeen.addAll(settings.categories());
    }

    String communityId() {
        return communityId;
    }

    long version() {
        return version;
    }

    CommunitySettings settings() {
        return settings;
    }

    /** From now on the network is computed with these settings; categories it already saw stay. */
    void changeSettings(CommunitySettings newSettings, Instant at) {
        settings = newSettings;
        categoriesSeen.addAll(newSettings.categories());
        changed(at);
    }

    /** The member's node, or null when they are not a member (unknown, or merged away). */
    Integer indexOf(String memberId) {
        return mergedInto.containsKey(memberId) ? null : index.get(memberId);
    }

    /** Who counts for this member: themself, or the member they were merged into. */
    private String counted(String memberId) {
        return mergedInto.getOrDefault(memberId, memberId);
    }

    void register(String memberId, String displayName, Instant at) {
        displayNames.set(node(memberId), displayName);
        changed(at);
    }

    void rename(String memberId, String displayName, Instant at) {
        Integer node = index.get(memberId);
        if (node != null) {
            displayNames.set(node, displayName);
            changed(at);
        }
    }

    /** The member's node, added (active) when new. */
    private int node(String memberId) {
        return index.computeIfAbsent(memberId, id -> {
            memberIds.add(id);
            active.add(true);
            displayNames.add(null);
            return memberIds.size() - 1;
        });
    }

    void setActive(String memberId, boolean isActive, Instant at) {
        Integer node = index.get(memberId);
        if (node != null) {
            active.set(node, isActive);
            changed(at);
        }
    }

    void declareTrust(String truster, String trustee, String category, int level, Instant declaredAt, Instant at) {
        trust.computeIfAbsent(pair(counted(truster), counted(trustee)), key -> new HashMap<>(2))
                .put(category == null ? ALL : category, new Declaration(level, declaredAt));
        changed(at);
    }

    void withdrawTrust(String truster, String trustee, String category, Instant at) {
        truster = counted(truster);
        trustee = counted(trustee);
        Map<String, Declaration> levels = trust.get(pair(truster, trustee));
        if (levels != null) {
            levels.remove(category == null ? ALL : category);
            if (levels.isEmpty()) {
                trust.remove(pair(truster, trustee));
            }
        }
        changed(at);
    }

    /** An act between two members merged into one gives nothing to anyone, as an act to oneself cannot be recorded. */
    void confirmGift(String giver, String receiver, String category, double value, Instant at) {
        giver = counted(giver);
        receiver = counted(receiver);
        if (!giver.equals(receiver)) {
            gifts.add(pair(giver, receiver), category, value);
        }
        categoriesSeen.add(category);
        changed(at);
    }

    /**
     * Moves a confirmed gift to its corrected figures: its old value leaves its old category, the
     * new value joins the new one.
     */
    void correctGift(String giver, String receiver, String fromCategory, double fromValue, String toCategory,
                     double toValue, Instant at) {
        withdrawGift(giver, receiver, fromCategory, fromValue, at);
        confirmGift(giver, receiver, toCategory, toValue, at);
    }

    /** Takes a confirmed gift out (a reversal). */
    void withdrawGift(String giver, String receiver, String category, double value, Instant at) {
        giver = counted(giver);
        receiver = counted(receiver);
        if (!giver.equals(receiver)) {
            gifts.withdraw(pair(giver, receiver), category, value);
        }
        changed(at);
    }

    /**
     * {@code merged} becomes {@code staying}, as if one member had done all either did: their gifts
     * add up, and where both declared trust in (or were trusted by) the same member for the same
     * category, the most recent declaration stands (the staying member's on a tie). What was
     * between the two would be to oneself, and goes.
     */
    void merge(String staying, String merged, Instant at) {
        mergedInto.replaceAll((member, into) -> into.equals(merged) ? staying : into);
        mergedInto.put(merged, staying);
        Integer gone = index.get(merged);
        if (gone != null) {
            int keep = node(staying);
            // A renumbered pair never involves the gone node, so it is never moved twice.
            for (long key : List.copyOf(trust.keySet())) {
                long to = renumbered(key, gone, keep);
                if (to != key) {
                    Map<String, Declaration> declarations = trust.remove(key);
                    if (to >= 0) {
                        Map<String, Declaration> kept = trust.computeIfAbsent(to, k -> new HashMap<>(2));
                        declarations.forEach((category, declaration) -> kept.merge(category, declaration,
                                (old, moved) -> moved.declaredAt().isAfter(old.declaredAt()) ? moved : old));
                    }
                }
            }
            gifts.renumber(gone, keep);
        }
        changed(at);
    }

    /**
     * The pair with node {@code gone} replaced by {@code keep} (the same pair when it does not
     * involve {@code gone}), or -1 when that makes it a node's pair with itself.
     */
    private static long renumbered(long pair, int gone, int keep) {
        int from = (int) (pair >>> 32) == gone ? keep : (int) (pair >>> 32);
        int to = (int) pair == gone ? keep : (int) pair;
        return from == to ? -1 : ((long) from << 32) | to;
    }

    /** A trust declaration in force: its level, and when it was declared (the most recent stands on a merge). */
    private record Declaration(int level, Instant declaredAt) {
    }

    private void changed(Instant at) {
        version++;
        if (at != null) {
            lastEventAt = at;
        }
    }

    /**
     * Members are registered before anything refers to them, as the processor delivers events in
     * their global order; adding an unknown member anyway keeps a fact from being lost.
     */
    private long pair(String from, String to) {
        return ((long) node(from) << 32) | node(to);
    }

    /**
     * Writes every fact of this network but the members' names to {@code out}, for
     * {@link ReputationCheckpoints}: names are personal data, which an erasure must be able to reach,
     * so they are read back from the directory ({@link #nameRestored}) rather than kept in a copy.
     * Categories are written once and named by number.
     */
    void writeTo(DataOutput out, Function<CommunitySettings, byte[]> settingsWriter) throws IOException {
        out.writeUTF(communityId);
        byte[] settingsBytes = settingsWriter.apply(settings);
        out.writeInt(settingsBytes.length);
        out.write(settingsBytes);
        out.writeLong(version);
        out.writeBoolean(lastEventAt != null);
        if (lastEventAt != null) {
            out.writeLong(lastEventAt.getEpochSecond());
            out.writeInt(lastEventAt.getNano());
        }
        out.writeInt(memberIds.size());
        for (int i = 0; i < memberIds.size(); i++) {
            out.writeUTF(memberIds.get(i));
            out.writeBoolean(active.get(i));
        }
        writeStrings(out, categoriesSeen);
        out.writeInt(mergedInto.size());
        for (Map.Entry<String, String> merged : mergedInto.entrySet()) {
            out.writeUTF(merged.getKey());
            out.writeUTF(merged.getValue());
        }
        Map<String, Integer> categories = new HashMap<>();
        trust.values().forEach(levels -> levels.keySet().forEach(c -> categories.putIfAbsent(c, categories.size())));
        gifts.forEach((pair, count, names, values) -> {
            for (int i = 0; i < count; i++) {
                categories.putIfAbsent(names[i], categories.size());
            }
        });
        String[] byNumber = new String[categories.size()];
        categories.forEach((category, number) -> byNumber[number] = category);
        writeStrings(out, List.of(byNumber));
        out.writeInt(trust.size());
        for (Map.Entry<Long, Map<String, Declaration>> pair : trust.entrySet()) {
            out.writeLong(pair.getKey());
            out.writeInt(pair.getValue().size());
            for (Map.Entry<String, Declaration> declared : pair.getValue().entrySet()) {
                out.writeInt(categories.get(declared.getKey()));
                out.writeInt(declared.getValue().level());
                out.writeLong(declared.getValue().declaredAt().getEpochSecond());
                out.writeInt(declared.getValue().declaredAt().getNano());
            }
        }
        out.writeInt(gifts.size());
        gifts.<IOException>forEach((pair, count, names, values) -> {
            out.writeLong(pair);
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeInt(categories.get(names[i]));
                out.writeDouble(values[i]);
            }
        });
    }

    /** A network as {@link #writeTo} wrote it, every name absent until {@link #nameRestored}. */
    static CommunityNetwork readFrom(DataInput in, Function<byte[], CommunitySettings> settingsReader)
            throws IOException {
        String communityId = in.readUTF();
        byte[] settingsBytes = new byte[in.readInt()];
        in.readFully(settingsBytes);
        CommunityNetwork network = new CommunityNetwork(communityId, settingsReader.apply(settingsBytes));
        network.version = in.readLong();
        if (in.readBoolean()) {
            network.lastEventAt = Instant.ofEpochSecond(in.readLong(), in.readInt());
        }
        int members = in.readInt();
        for (int i = 0; i < members; i++) {
            network.node(in.readUTF());
            network.active.set(i, in.readBoolean());
        }
        network.categoriesSeen.addAll(readStrings(in));
        int merged = in.readInt();
        for (int i = 0; i < merged; i++) {
            network.mergedInto.put(in.readUTF(), in.readUTF());
        }
        List<String> categories = readStrings(in);
        int trustPairs = in.readInt();
        for (int i = 0; i < trustPairs; i++) {
            long pair = in.readLong();
            int size = in.readInt();
            Map<String, Declaration> levels = new HashMap<>(2);
            for (int j = 0; j < size; j++) {
                levels.put(categories.get(in.readInt()),
                        new Declaration(in.readInt(), Instant.ofEpochSecond(in.readLong(), in.readInt())));
            }
            network.trust.put(pair, levels);
        }
        int giftPairs = in.readInt();
        network.gifts.ensureCapacity(giftPairs);
        for (int i = 0; i < giftPairs; i++) {
            long pair = in.readLong();
            for (int j = in.readInt(); j > 0; j--) {
                network.gifts.add(pair, categories.get(in.readInt()), in.readDouble());
            }
        }
        return network;
    }

    /** The member's name as the directory has it now, into a network read back by {@link #readFrom}. */
    void nameRestored(String memberId, String displayName) {
        Integer node = index.get(memberId);
        if (node != null) {
            displayNames.set(node, displayName);
        }
    }

    private static void writeStrings(DataOutput out, Collection<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String string : strings) {
            out.writeUTF(string);
        }
    }

    private static List<String> readStrings(DataInput in) throws IOException {
        int size = in.readInt();
        List<String> strings = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    /**
     * The graphs of the reputation model, from the facts as they are now:
     * <ul>
     *   <li>overall local trust {@code s_ij = wTrust * max(level_ij, 0) + wGift * Σ_c value_c(j → i) * w_c},
     *       where {@code level_ij} is the all-categories declaration, or else the highest
     *       category-specific one;</li>
     *   <li>the same per category {@code c}: the declaration for {@code c}, or else the all-categories
     *       one, and gifts of category {@code c} only;</li>
     *   <li>the tie graph (every declaration in force, any sign, weight 1), the positive trust graph,
     *       and the gift graph (giver → receiver, confirmed value).</li>
     * </ul>
     */
    FrozenNetwork freeze() {
        // Merged-away members' nodes hold no facts (the merge moved them): they are left out, and the
        // other nodes renumbered in order, so the network is the one a single member would have made.
        int[] node = new int[memberIds.size()];
        List<String> members = new ArrayList<>(memberIds.size());
        List<String> names = new ArrayList<>(memberIds.size());
        List<Boolean> standing = new ArrayList<>(memberIds.size());
        Map<String, Integer> nodes = new HashMap<>();
        for (int i = 0; i < memberIds.size(); i++) {
            if (mergedInto.containsKey(memberIds.get(i))) {
                node[i] = -1;
                continue;
            }
            node[i] = members.size();
            nodes.put(memberIds.get(i), members.size());
            members.add(memberIds.get(i));
            names.add(displayNames.get(i));
            standing.add(active.get(i));
        }
        int n = members.size();
        ReputationWeights weights = settings.reputation();
        WeightedDigraph.Builder overall = WeightedDigraph.builder(n);
        WeightedDigraph.Builder ties = WeightedDigraph.builder(n);
        WeightedDigraph.Builder positiveTrust = WeightedDigraph.builder(n);
        WeightedDigraph.Builder giving = WeightedDigraph.builder(n);
        WeightedDigraph.Builder contacts = WeightedDigraph.builder(n);
        Map<String, WeightedDigraph.Builder> byCategory = new HashMap<>();
        for (String category : categoriesSeen) {
            byCategory.put(category, WeightedDigraph.builder(n));
        }
        // Categories with data of their own: a confirmed act in the category, or trust declared for it.
        Set<String> categoriesWithData = new TreeSet<>();
        int[] distrustReceived = new int[n];
        List<Set<String>> memberCategories = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            memberCategories.add(new TreeSet<>());
        }

        trust.forEach((key, levels) -> {
            int truster = node[(int) (key >>> 32)];
            int trustee = node[(int) (long) key];
            Declaration allCategories = levels.get(ALL);
            Integer all = allCategories == null ? null : allCategories.level();
            int overallLevel = all != null ? all
                    : levels.values().stream().mapToInt(Declaration::level).max().orElse(0);
            ties.addEdge(truster, trustee, 1.0);
            if (overallLevel < 0) {
                distrustReceived[trustee]++;
            }
            if (overallLevel > 0) {
                positiveTrust.addEdge(truster, trustee, overallLevel);
                contacts.addEdge(truster, trustee, 1.0);
                overall.addEdge(truster, trustee, weights.trust() * overallLevel);
            }
            levels.forEach((category, declaration) -> {
                if (!ALL.equals(category) && declaration.level() > 0) {
                    categoriesWithData.add(category);
                }
            });
            byCategory.forEach((category, graph) -> {
                Declaration declared = levels.get(category);
                Integer level = declared != null ? Integer.valueOf(declared.level()) : all;
                if (level != null && level > 0) {
                    graph.addEdge(truster, trustee, weights.trust() * level);
                }
            });
        });
        gifts.forEach((key, count, categories, values) -> {
            int giver = node[GiftSums.giver(key)];
            int receiver = node[GiftSums.receiver(key)];
            double total = 0;
            // Sums in the categories' order (GiftSums gives them by name): a network read back from
            // a checkpoint (ReputationCheckpoints) must sum to the same bits.
            for (int i = 0; i < count; i++) {
                String category = categories[i];
                double value = values[i];
                double weighted = weights.gift() * value * weights.categoryWeight(category);
                // The receiver trusts the giver for what it received: the edge runs receiver → giver.
                overall.addEdge(receiver, giver, weighted);
                byCategory.get(category).addEdge(receiver, giver, weighted);
                total += value;
                memberCategories.get(giver).add(category);
                memberCategories.get(receiver).add(category);
                categoriesWithData.add(category);
            }
            giving.addEdge(giver, receiver, total);
            contacts.addEdge(giver, receiver, 1.0);
        });

        // Each giver's total in the order of its receivers (the graph's rows), whatever the map's order.
        WeightedDigraph givingGraph = giving.build();
        double[] givenValue = new double[n];
        for (int i = 0; i < n; i++) {
            givenValue[i] = givingGraph.outWeight(i);
        }
        Map<String, WeightedDigraph> categoryGraphs = new HashMap<>();
        byCategory.forEach((category, builder) -> categoryGraphs.put(category, builder.build()));
        boolean[] isActive = new boolean[n];
        for (int i = 0; i < n; i++) {
            isActive[i] = standing.get(i);
        }
        List<Integer> preTrusted = new ArrayList<>();
        for (String member : settings.preTrustedMembers()) {
            Integer preTrustedNode = nodes.get(member);
            if (preTrustedNode != null && isActive[preTrustedNode]) {
                preTrusted.add(preTrustedNode);
            }
        }
        return new FrozenNetwork(communityId, version, lastEventAt, List.copyOf(members), Map.copyOf(nodes), isActive,
                preTrusted.stream().mapToInt(Integer::intValue).toArray(), weights.alpha(), overall.build(),
                categoryGraphs, ties.build(), positiveTrust.build(), givingGraph, contacts.build(), distrustReceived,
                givenValue,
                memberCategories.stream().map(Set::copyOf).toList(), Collections.unmodifiableList(names),
                Set.copyOf(categoriesWithData));
    }
}
