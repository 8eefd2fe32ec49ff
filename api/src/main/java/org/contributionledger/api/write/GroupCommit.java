package org.contributionledger.api.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Single writes of one community that wait for each other at the {@link CommunityWriteGate} are
 * committed together: the writer whose turn it is runs its own write and those queued behind it, each
 * in turn, in one database transaction, and every one of them gets its own answer once that
 * transaction has committed.
 * <p>
 * Why: a community's writes take turns, and each transaction ends with a commit the disk must
 * confirm (the H2 file is opened {@code O_DSYNC}; PostgreSQL flushes its log), which took longer than
 * deciding the act. Writes that arrive while one commits would each wait for a commit of their own;
 * together they wait for one.
 * <p>
 * What stays as it was: each write is decided in turn against everything written before it (the
 * earlier writes of its group included), by the same decision as alone (writes of one
 * {@link Together}, such as new acts, queued next to each other are run by one call); a write refused by a rule is
 * refused alone (its command stored nothing, the others go on); nothing is answered before the
 * commit. The group is one transaction: when the database refuses it for contention, the gate runs
 * the whole group again; when one write fails otherwise (a bug, answered 500), nothing of the group
 * was stored, that write gets its failure and the others a {@link WriteContention} (503: nothing
 * recorded, send it again), never another write's failure.
 */
@Component
public class GroupCommit {

    /** Enough to share a commit among many writers; few enough that a group never holds the gate long. */
    static final int MAX_GROUP = 64;

    private final CommunityWriteGate writes;
    private final TransactionTemplate transaction;
    private final ConcurrentMap<String, Queue<Waiting>> queues = new ConcurrentHashMap<>();

    public GroupCommit(CommunityWriteGate writes, TransactionTemplate transaction) {
        this.writes = writes;
        this.transaction = transaction;
    }

    /**
     * Runs {@code write} (which joins the transaction it is given) as the community's writer,
     * possibly together with other writes of the community in one transaction.
     *
     * @param isRefusal which failures are the write's own answer (a rule it broke, checked before it
     *                  stored anything): they leave the transaction fit to commit the others' writes
     */
    public <T> T write(String communityId, Supplier<T> write, Predicate<RuntimeException> isRefusal) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Inside a transaction already (none of the ledger's writes is, today): other writers'
            // writes must not join a transaction that commits after their answers.
            return writes.write(communityId, write);
        }
        return join(communityId, new Waiting(write, isRefusal, null, null));
    }

    /**
     * Runs {@code item} as the community's writer, like {@link #write}, but together with the
     * writes of the same {@code together} queued next to it in its group: one call of
     * {@link Together#runAll} does them all. Refusals are {@code together}'s to tell: it answers them
     * as values.
     */
    public <T, I> T writeTogether(String communityId, I item, Together<I> together) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return writes.write(communityId, () -> answerOf(together.runAll(List.of(item)).get(0)));
        }
        return join(communityId, new Waiting(null, failure -> false, item, together));
    }

    /**
     * Writes of one kind that cost less done together than one by one: new acts, decided against
     * lookups read once and appended in one insert, instead of one command each.
     *
     * @param <I> what one write is made of
     */
    public interface Together<I> {

        /**
         * Does the writes in the transaction under way, in order, each against everything written
         * before it. Answers one value per item: its answer, or the {@link RuntimeException} of a rule
         * it broke (it stored nothing; the transaction stays fit to commit the others). Any other
         * failure is thrown, and fails every item of the call.
         */
        List<Object> runAll(List<I> items);
    }

    @SuppressWarnings("unchecked")
    private static <T> T answerOf(Object outcome) {
        if (outcome instanceof RuntimeException refused) {
            throw refused;
        }
        return (T) outcome;
    }

    @SuppressWarnings("unchecked")
    private <T> T join(String communityId, Waiting me) {
        Queue<Waiting> queue = queues.computeIfAbsent(communityId, id -> new ConcurrentLinkedQueue<>());
        queue.add(me);
        try {
            writes.write(communityId, () -> {
                // CLAIMED: a writer ahead took this write into its group and answers it.
                if (me.state.get() != State.CLAIMED) {
                    lead(me, queue);
                }
                return null;
            });
        } catch (RuntimeException failure) {
            queue.remove(me);
            if (me.state.compareAndSet(State.WAITING, State.ABANDONED)) {
                throw failure; // queued too long: nobody took this write, nothing of it was stored
            }
            if (me.state.get() == State.LEADING) {
                answerGroupAfterFailure(me, failure);
                throw me.failed || me.group.size() == 1 ? failure : contention(failure);
            }
            // CLAIMED while queued too long at the gate: its group answers it.
        } finally {
            queue.remove(me);
        }
        if (me.state.get() == State.LEADING) {
            // Only now: the gate's transaction (on PostgreSQL, the one holding the community's lock) has committed.
            for (int i = 0; i < me.group.size(); i++) {
                me.group.get(i).complete(me.outcomes.get(i));
            }
        }
        return (T) me.answer();
    }

    /**
     * Runs {@code me} and the writes queued behind it in one transaction and keeps their outcomes
     * (answered once the gate's transaction has committed). On a retry for contention (the gate runs
     * this again) the same group is run again.
     */
    private void lead(Waiting me, Queue<Waiting> queue) {
        if (me.state.compareAndSet(State.WAITING, State.LEADING)) {
            queue.remove(me);
            me.group.add(me);
            for (Waiting next; me.group.size() < MAX_GROUP && (next = queue.poll()) != null; ) {
                if (next.state.compareAndSet(State.WAITING, State.CLAIMED)) {
                    me.group.add(next);
                }
            }
        }
        List<Waiting> group = me.group;
        if (group.size() == 1 && me.together == null) {
            // Alone: exactly the ordinary write; its failures are its own.
            me.outcomes = List.of(Optional.ofNullable(transaction.execute(status -> me.write.get())));
            return;
        }
        me.outcomes = transaction.execute(status -> {
            List<Object> outcomes = new ArrayList<>(group.size());
            for (int from = 0; from < group.size(); ) {
                Waiting first = group.get(from);
                if (first.together == null) {
                    outcomes.add(first.runRefusalsKept());
                    from++;
                    continue;
                }
                int to = from + 1;
                while (to < group.size() && group.get(to).together == first.together) {
                    to++;
                }
                outcomes.addAll(runTogether(group.subList(from, to)));
                from = to;
            }
            return outcomes;
        });
    }

    /** Writes of one {@link Together}, next to each other in the group, in one call. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Object> runTogether(List<Waiting> run) {
        List<Object> items = new ArrayList<>(run.size());
        for (Waiting waiting : run) {
            waiting.failed = false;
            items.add(waiting.item);
        }
        List<Object> answers;
        try {
            answers = ((Together) run.get(0).together).runAll(items);
        } catch (RuntimeException failure) {
            // Which item failed is not known: all of them are answered with the failure.
            run.forEach(waiting -> waiting.failed = true);
            throw failure;
        }
        if (answers.size() != run.size()) {
            throw new IllegalStateException(answers.size() + " answers for " + run.size() + " writes");
        }
        List<Object> outcomes = new ArrayList<>(answers.size());
        for (Object answer : answers) {
            outcomes.add(answer instanceof RuntimeException refused ? new Refused(refused) : Optional.ofNullable(answer));
        }
        return outcomes;
    }

    /**
     * The group's transaction failed and was rolled back (for contention after every retry, or for
     * a failure of one write): nothing of it was stored. The write that failed gets its failure;
     * the others were not recorded and may be sent again.
     */
    private static void answerGroupAfterFailure(Waiting me, RuntimeException failure) {
        for (Waiting waiting : me.group) {
            if (waiting != me && !waiting.answer.isDone()) {
                waiting.answer.completeExceptionally(waiting.failed ? failure : contention(failure));
            }
        }
    }

    private static WriteContention contention(RuntimeException cause) {
        return cause instanceof WriteContention contention ? contention : new WriteContention(
                "The write was to be committed with others that failed; nothing was recorded", 1, cause);
    }

    /** How many writes of the community wait to be taken into a group (for tests). */
    int queued(String communityId) {
        Queue<Waiting> queue = queues.get(communityId);
        return queue == null ? 0 : queue.size();
    }

    private enum State { WAITING, LEADING, CLAIMED, ABANDONED }

    private static final class Waiting {
        /** Either a write of its own, or an item that its {@code together} runs with its neighbours. */
        final Supplier<?> write;
        final Predicate<RuntimeException> isRefusal;
        final Object item;
        final Together<?> together;
        final AtomicReference<State> state = new AtomicReference<>(State.WAITING);
        final CompletableFuture<Object> answer = new CompletableFuture<>();
        /** The writes its leader runs, itself first; only a leader's is filled. */
        final List<Waiting> group = new ArrayList<>();
        /** The group's answers, in its order, once its transaction succeeded; only a leader's is filled. */
        volatile List<Object> outcomes;
        /** Whether this write failed otherwise than by a refusal, failing its group. */
        volatile boolean failed;

        Waiting(Supplier<?> write, Predicate<RuntimeException> isRefusal, Object item, Together<?> together) {
            this.write = write;
            this.isRefusal = isRefusal;
            this.item = item;
            this.together = together;
        }

        /** The write's answer, or its refusal as a value; any other failure fails the whole group. */
        Object runRefusalsKept() {
            failed = false;
            try {
                return Optional.ofNullable(write.get());
            } catch (RuntimeException failure) {
                if (isRefusal.test(failure)) {
                    return new Refused(failure);
                }
                failed = true;
                throw failure;
            }
        }

        void complete(Object outcome) {
            if (outcome instanceof Refused refused) {
                answer.completeExceptionally(refused.failure());
            } else {
                answer.complete(((Optional<?>) outcome).orElse(null));
            }
        }

        Object answer() {
            try {
                return answer.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the write was being committed", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    private record Refused(RuntimeException failure) {
    }
}
