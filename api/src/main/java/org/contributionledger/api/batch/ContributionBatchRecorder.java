package org.contributionledger.api.batch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.contributionledger.api.batch.CommandBatchGateway.BatchResponse;
import org.contributionledger.api.batch.CommandBatchGateway.ItemResult;
import org.contributionledger.api.problem.ProblemHandler;
import org.contributionledger.api.write.CommunityWriteGate;
import org.contributionledger.api.write.GroupCommit;
import org.contributionledger.core.common.CommunityRules;
import org.contributionledger.core.common.LedgerDirectory;
import org.contributionledger.core.common.MemberStanding;
import org.contributionledger.core.common.Recording;
import org.contributionledger.core.contribution.Contribution;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.RecordContribution;
import org.contributionledger.query.directory.DirectoryProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a batch of new acts without Axon's per-command machinery, with the same decision, the
 * same events and the same answers as sending each act as a command.
 * <p>
 * Why: a batch sent as commands cost, per act, an aggregate load from the event store (with its
 * snapshot probe), a nested unit of work, and two lookups of members and one of the community's
 * rules. A new act's aggregate has no events, so loading it only tells that its id is free; that,
 * the rules and the members of the whole batch are read here once per batch. Each act is then
 * decided by {@link Contribution#decideNew}, the aggregate's own decision, and the accepted events
 * are appended together through the event store as the aggregate would have appended them
 * (aggregate type {@code Contribution}, its identifier, sequence 0, the command's correlation
 * metadata): the same serializer (which encrypts personal fields), the subscribing views in the same
 * transaction, and ordinary events for the tracking processors.
 * <p>
 * Items whose id is already stored (a retry or a conflict) or was already recorded earlier in the
 * batch go through the ordinary command path, inside the same transaction, after the events decided
 * before them are appended: the aggregate then answers "already recorded" or names the conflict,
 * exactly as for a single request.
 */
@Component
public class ContributionBatchRecorder {

    /** The aggregate type the event store records for acts: Axon names it after the aggregate's class. */
    static final String AGGREGATE_TYPE = Contribution.class.getSimpleName();
    /** Few enough bind parameters for any database's statement limits. */
    private static final int IDS_PER_QUERY = 500;

    private final CommandBatchGateway commands;
    private final CommunityWriteGate writes;
    private final TransactionTemplate transaction;
    private final DirectoryProjection directory;
    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final List<CorrelationDataProvider> correlation;
    private final EventSchema eventSchema = new EventSchema();

    public ContributionBatchRecorder(CommandBatchGateway commands, CommunityWriteGate writes,
                                     TransactionTemplate transaction, DirectoryProjection directory,
                                     EventStore eventStore, JdbcTemplate jdbc,
                                     org.axonframework.config.Configuration axon) {
        this.commands = commands;
        this.writes = writes;
        this.transaction = transaction;
        this.directory = directory;
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.correlation = axon.correlationDataProviders();
    }

    /**
     * @param items     the request's items, in order
     * @param toCommand turns an item into its command; an {@link IllegalArgumentException} rejects the item
     * @param idOf      the item's id, for the result
     */
    public <T> BatchResponse record(String communityId, List<T> items, Function<T, RecordContribution> toCommand,
                                    Function<T, String> idOf, MetaData provenance) {
        // A retry for contention runs all of this again: the lookups are read afresh, every act decided anew.
        List<ItemResult> results = writes.write(communityId,
                () -> transaction.execute(status -> recordInTransaction(communityId, items, toCommand, idOf, provenance)));
        return CommandBatchGateway.summarise(results);
    }

    private <T> List<ItemResult> recordInTransaction(String communityId, List<T> items,
                                                     Function<T, RecordContribution> toCommand,
                                                     Function<T, String> idOf, MetaData provenance) {
        List<Object> commandsOrRefusals = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            try {
                if (item == null) {
                    throw new IllegalArgumentException("item " + i + " of the batch is null");
                }
                commandsOrRefusals.add(toCommand.apply(item));
            } catch (RuntimeException refused) {
                commandsOrRefusals.add(refused);
            }
        }
        List<Object> outcomes = decideAndAppend(communityId, commandsOrRefusals, i -> provenance);
        List<ItemResult> results = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            String id = item == null ? null : idOf.apply(item);
            if (outcomes.get(i) instanceof Recording recording) {
                results.add(new ItemResult(i, id, "recorded", recording.answer(), recording.alreadyRecorded(), null));
            } else {
                results.add(new ItemResult(i, id, "rejected", null, false,
                        ProblemHandler.problemFor((RuntimeException) outcomes.get(i))));
            }
        }
        return results;
    }

    /**
     * One act sent on its own (a single request, a Kafka record, a webhook delivery), with the
     * provenance of its request.
     */
    public record SingleAct(RecordContribution command, MetaData provenance) {
    }

    /** One instance, always the same: the write gate groups the queued writes that share it. */
    private final GroupCommit.Together<SingleAct> singleActs = acts -> decideAndAppend(
            acts.get(0).command().communityId(), acts.stream().map(act -> (Object) act.command()).toList(),
            i -> acts.get(i).provenance());

    /**
     * Single acts of one community queued together at the write gate ({@link GroupCommit}), recorded
     * as one batch: each gets the answer the aggregate would give it, {@link Recording} or its refusal.
     */
    public GroupCommit.Together<SingleAct> singleActs() {
        return singleActs;
    }

    /**
     * Decides the commands in order and appends the accepted events, in the transaction under way.
     * An element of {@code commandsOrRefusals} that is already a refusal stays one. Answers per item
     * the {@link Recording} or the refusal (a rule broken: the problem handler knows it); any other
     * failure is thrown.
     */
    private List<Object> decideAndAppend(String communityId, List<Object> commandsOrRefusals,
                                         IntFunction<MetaData> provenanceOf) {
        Set<String> memberIds = new LinkedHashSet<>();
        Set<String> contributionIds = new LinkedHashSet<>();
        for (Object commandOrRefusal : commandsOrRefusals) {
            if (commandOrRefusal instanceof RecordContribution command) {
                memberIds.add(command.giver());
                memberIds.add(command.receiver());
                contributionIds.add(command.contributionId());
            }
        }
        BatchDirectory lookups = new BatchDirectory(communityId, directory.findCommunity(communityId),
                directory.findMembers(communityId, memberIds));
        Set<String> stored = storedContributionIds(communityId, contributionIds);

        List<Object> outcomes = new ArrayList<>(commandsOrRefusals.size());
        Set<String> recordedInBatch = new HashSet<>();
        List<DomainEventMessage<?>> pending = new ArrayList<>();
        for (int i = 0; i < commandsOrRefusals.size(); i++) {
            if (commandsOrRefusals.get(i) instanceof RuntimeException refused) {
                outcomes.add(refusal(refused));
                continue;
            }
            RecordContribution command = (RecordContribution) commandsOrRefusals.get(i);
            if (stored.contains(command.contributionId()) || recordedInBatch.contains(command.contributionId())) {
                // The aggregate, loaded from the store, must see the acts decided before this item.
                append(pending);
                outcomes.add(commands.sendOneRefusalKept(command, provenanceOf.apply(i)));
                continue;
            }
            try {
                ContributionRecorded event = Contribution.decideNew(command, lookups);
                pending.add(eventFor(command, event, provenanceOf.apply(i)));
                recordedInBatch.add(command.contributionId());
                outcomes.add(Recording.recordedNow(event.status()));
            } catch (RuntimeException refused) {
                outcomes.add(refusal(refused));
            }
        }
        append(pending);
        return outcomes;
    }

    /**
     * The event as the aggregate's {@code apply} would make it: the aggregate's type, identifier and
     * first sequence number, and the metadata Axon's unit of work gives the events of a command
     * (the provenance and the correlation and trace ids of the command message).
     */
    private DomainEventMessage<ContributionRecorded> eventFor(RecordContribution command, ContributionRecorded event,
                                                              MetaData provenance) {
        CommandMessage<RecordContribution> message = GenericCommandMessage.<RecordContribution>asCommandMessage(command)
                .andMetaData(provenance);
        Map<String, Object> metaData = new HashMap<>();
        for (CorrelationDataProvider provider : correlation) {
            metaData.putAll(provider.correlationDataFor(message));
        }
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, command.aggregateId(), 0, event, MetaData.from(metaData));
    }

    /** Appends the events and runs the subscribing processors on them, in the current transaction. */
    private void append(List<DomainEventMessage<?>> pending) {
        if (!pending.isEmpty()) {
            eventStore.publish(List.copyOf(pending));
            pending.clear();
        }
    }

    /** A rule's refusal, kept as the item's answer; anything else (a bug, the database) is thrown. */
    private static RuntimeException refusal(RuntimeException refused) {
        if (ProblemHandler.problemFor(refused) == null) {
            throw refused;
        }
        return refused;
    }

    /** Which of the ids have an event stored: the event store itself, as the aggregate load would tell. */
    private Set<String> storedContributionIds(String communityId, Set<String> contributionIds) {
        Map<String, String> idByAggregate = new HashMap<>();
        for (String id : contributionIds) {
            idByAggregate.put(Contribution.aggregateId(communityId, id), id);
        }
        List<String> aggregateIds = List.copyOf(idByAggregate.keySet());
        Set<String> stored = new HashSet<>();
        for (int from = 0; from < aggregateIds.size(); from += IDS_PER_QUERY) {
            List<String> chunk = aggregateIds.subList(from, Math.min(aggregateIds.size(), from + IDS_PER_QUERY));
            jdbc.query("SELECT DISTINCT " + eventSchema.aggregateIdentifierColumn() + " FROM "
                            + eventSchema.domainEventTable() + " WHERE " + eventSchema.aggregateIdentifierColumn()
                            + " IN (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")",
                    row -> {
                        stored.add(idByAggregate.get(row.getString(1)));
                    }, chunk.toArray());
        }
        return stored;
    }

    /**
     * The directory as it stands for the whole batch: a batch of acts registers, suspends or erases
     * no one and changes no rules, so what was read before its first act holds for its last.
     */
    private record BatchDirectory(String communityId, Optional<CommunityRules> rules,
                                  Map<String, MemberStanding> members) implements LedgerDirectory {

        @Override
        public Optional<CommunityRules> findCommunity(String id) {
            return communityId.equals(id) ? rules : Optional.empty();
        }

        @Override
        public Optional<MemberStanding> findMember(String id, String memberId) {
            return communityId.equals(id) ? Optional.ofNullable(members.get(memberId)) : Optional.empty();
        }

        /** Deciding an act never asks which member a platform's user is: that is settled before the act is sent. */
        @Override
        public Optional<String> findLinkedMember(String id, String platform, String platformUserId) {
            throw new UnsupportedOperationException("A batch of acts links no platform identities");
        }
    }
}
