package org.contributionledger.query.reputation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The confirmed value each member gave each other member, per category: the largest part of a
 * community's network, one entry per pair of members that ever gave, so its cost per pair decides
 * how many pairs a heap holds.
 * <p>
 * A {@code HashMap<Long, Map<String, Double>>} took about 260 bytes a pair, and its keys collided:
 * a pair is {@code giver << 32 | receiver}, and {@code Long.hashCode} folds the two halves into
 * {@code giver ^ receiver}, so a community of 1,000 members had at most 1,024 hash codes for its
 * million pairs, each bucket a tree. Here a pair is one slot of an open-addressing table (linear
 * probing, keys spread by Fibonacci hashing) holding its only category's number and value: about
 * 24 bytes a slot. A pair given to in several categories keeps them in a {@link TreeMap}, by name,
 * the order in which {@link CommunityNetwork#freeze()} sums them.
 * <p>
 * Not thread-safe: {@link CommunityNetwork} guards it.
 */
final class GiftSums {

    /** No pair is 0: that would be node 0 giving to itself, which is never recorded. */
    private static final long EMPTY = 0;
    /** In {@link #category}: the pair's categories are in {@link #several}. */
    private static final int SEVERAL = -1;

    private final List<String> categoryNames = new ArrayList<>();
    private final Map<String, Integer> categoryNumbers = new HashMap<>();

    private long[] pairs = new long[16];
    private int[] category = new int[16];
    private double[] value = new double[16];
    private Object[] several = new Object[16];
    private int shift = 64 - 4;
    private int size;

    /** What {@link #forEach} hands a visitor, reused from pair to pair. */
    private String[] scratchCategories = new String[4];
    private double[] scratchValues = new double[4];

    /** Receives one pair and its categories (in name order) with their values; the arrays are reused. */
    interface Visitor<E extends Exception> {
        void pair(long pair, int count, String[] categories, double[] values) throws E;
    }

    /** Pairs with at least one category. */
    int size() {
        return size;
    }

    /**
     * Makes room for {@code expectedPairs} before they are added, so that the table does not grow
     * while they are. Needed when pairs come in the order of another table's slots (a checkpoint
     * read back, {@link CommunityNetwork#readFrom}): that order follows the hash, and a table still
     * smaller than its final size would take the first half of them all in its first few slots, one
     * run probed from end to end by every later insertion (reading back the checkpoint of a million
     * pairs took 30 to 36 s instead of 1).
     */
    void ensureCapacity(int expectedPairs) {
        while (expectedPairs * 2L > pairs.length) {
            grow();
        }
    }

    /** Slots in the table. */
    int capacity() {
        return pairs.length;
    }

    /** Adds {@code amount} to what {@code pair} gave in {@code categoryName}. */
    void add(long pair, String categoryName, double amount) {
        int number = number(categoryName);
        int slot = find(pair);
        if (slot < 0) {
            if ((size + 1) * 2 > pairs.length) {
                grow();
            }
            slot = insertionSlot(pair);
            pairs[slot] = pair;
            category[slot] = number;
            value[slot] = amount;
            size++;
        } else if (category[slot] == number) {
            value[slot] += amount;
        } else if (category[slot] == SEVERAL) {
            sums(slot).merge(categoryName, amount, Double::sum);
        } else {
            TreeMap<String, Double> sums = new TreeMap<>();
            sums.put(categoryNames.get(category[slot]), value[slot]);
            sums.put(categoryName, amount);
            category[slot] = SEVERAL;
            value[slot] = 0;
            several[slot] = sums;
        }
    }

    /**
     * Takes {@code amount} out of what {@code pair} gave in {@code categoryName}. What is left
     * within rounding of zero is gone (values are sums of doubles; an exact zero cannot be
     * promised), so no tie of weight 1e-17 stays behind.
     */
    void withdraw(long pair, String categoryName, double amount) {
        int slot = find(pair);
        if (slot < 0) {
            return;
        }
        if (category[slot] == SEVERAL) {
            TreeMap<String, Double> sums = sums(slot);
            sums.computeIfPresent(categoryName, (name, sum) -> left(sum, amount));
            if (sums.size() == 1) {
                Map.Entry<String, Double> only = sums.firstEntry();
                category[slot] = number(only.getKey());
                value[slot] = only.getValue();
                several[slot] = null;
            }
        } else if (categoryNames.get(category[slot]).equals(categoryName)) {
            Double left = left(value[slot], amount);
            if (left == null) {
                remove(slot);
            } else {
                value[slot] = left;
            }
        }
    }

    private static Double left(double sum, double amount) {
        double left = sum - amount;
        return left <= Math.abs(sum) * 1e-12 ? null : left;
    }

    /**
     * Node {@code gone} becomes node {@code keep} (a merge): its pairs are added to {@code keep}'s,
     * and a pair between the two, which would be a gift to oneself, goes.
     */
    void renumber(int gone, int keep) {
        List<Long> moving = new ArrayList<>();
        for (long pair : pairs) {
            if (pair != EMPTY && (giver(pair) == gone || receiver(pair) == gone)) {
                moving.add(pair);
            }
        }
        for (long pair : moving) {
            int slot = find(pair);
            Map<String, Double> sums = category[slot] == SEVERAL ? sums(slot)
                    : Map.of(categoryNames.get(category[slot]), value[slot]);
            remove(slot);
            int from = giver(pair) == gone ? keep : giver(pair);
            int to = receiver(pair) == gone ? keep : receiver(pair);
            if (from != to) {
                long renumbered = ((long) from << 32) | to;
                // One moved pair lands on each renumbered pair, so the sums do not depend on the order.
                sums.forEach((name, amount) -> add(renumbered, name, amount));
            }
        }
    }

    /** Every pair, in no particular order, its categories in name order. */
    <E extends Exception> void forEach(Visitor<E> visitor) throws E {
        for (int slot = 0; slot < pairs.length; slot++) {
            if (pairs[slot] == EMPTY) {
                continue;
            }
            if (category[slot] != SEVERAL) {
                scratchCategories[0] = categoryNames.get(category[slot]);
                scratchValues[0] = value[slot];
                visitor.pair(pairs[slot], 1, scratchCategories, scratchValues);
                continue;
            }
            TreeMap<String, Double> sums = sums(slot);
            if (sums.size() > scratchCategories.length) {
                scratchCategories = new String[sums.size()];
                scratchValues = new double[sums.size()];
            }
            int count = 0;
            for (Map.Entry<String, Double> sum : sums.entrySet()) {
                scratchCategories[count] = sum.getKey();
                scratchValues[count++] = sum.getValue();
            }
            visitor.pair(pairs[slot], count, scratchCategories, scratchValues);
        }
    }

    static int giver(long pair) {
        return (int) (pair >>> 32);
    }

    static int receiver(long pair) {
        return (int) pair;
    }

    @SuppressWarnings("unchecked")
    private TreeMap<String, Double> sums(int slot) {
        return (TreeMap<String, Double>) several[slot];
    }

    private int number(String categoryName) {
        return categoryNumbers.computeIfAbsent(categoryName, name -> {
            categoryNames.add(name);
            return categoryNames.size() - 1;
        });
    }

    private int home(long pair) {
        return (int) ((pair * 0x9E3779B97F4A7C15L) >>> shift);
    }

    private int find(long pair) {
        int mask = pairs.length - 1;
        for (int slot = home(pair); ; slot = (slot + 1) & mask) {
            if (pairs[slot] == pair) {
                return slot;
            }
            if (pairs[slot] == EMPTY) {
                return -1;
            }
        }
    }

    private int insertionSlot(long pair) {
        int mask = pairs.length - 1;
        int slot = home(pair);
        while (pairs[slot] != EMPTY) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /**
     * Empties a slot and moves back every later entry of its run that may fill the gap (backward-shift
     * deletion), so a lookup still stops at the first empty slot and no tombstones pile up.
     */
    private void remove(int slot) {
        int mask = pairs.length - 1;
        int gap = slot;
        for (int next = (slot + 1) & mask; pairs[next] != EMPTY; next = (next + 1) & mask) {
            // The entry at next may move to the gap when its home is not after the gap on the way to next.
            if (((next - home(pairs[next])) & mask) >= ((next - gap) & mask)) {
                pairs[gap] = pairs[next];
                category[gap] = category[next];
                value[gap] = value[next];
                several[gap] = several[next];
                gap = next;
            }
        }
        pairs[gap] = EMPTY;
        category[gap] = 0;
        value[gap] = 0;
        several[gap] = null;
        size--;
    }

    private void grow() {
        long[] oldPairs = pairs;
        int[] oldCategory = category;
        double[] oldValue = value;
        Object[] oldSeveral = several;
        int capacity = oldPairs.length * 2;
        pairs = new long[capacity];
        category = new int[capacity];
        value = new double[capacity];
        several = new Object[capacity];
        shift--;
        for (int old = 0; old < oldPairs.length; old++) {
            if (oldPairs[old] != EMPTY) {
                int slot = insertionSlot(oldPairs[old]);
                pairs[slot] = oldPairs[old];
                category[slot] = oldCategory[old];
                value[slot] = oldValue[old];
                several[slot] = oldSeveral[old];
            }
        }
    }
}
