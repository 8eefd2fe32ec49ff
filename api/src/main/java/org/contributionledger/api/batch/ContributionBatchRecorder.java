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
import org.contributionledger.core.common.CommunityRules;
import org.contributionledger.core.common.LedgerDirectory;
import org.contributionledger.core.common.MemberStanding;
import org.contributionledger.core.contribution.Contribution;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.RecordContribution;
import org.contributionledger.query.directory.DirectoryProjection;
import org.springframework.http.ProblemDetail;
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
        List<ItemResult> results = new ArrayList<>(items.size());
        List<Object> commandsOrRefusals = new ArrayList<>(items.size());
        Set<String> memberIds = new LinkedHashSet<>();
        Set<String> contributionIds = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            try {
                if (item == null) {
                    throw new IllegalArgumentException("item " + i + " of the batch is null");
                }
                RecordContribution command = toCommand.apply(item);
                commandsOrRefusals.add(command);
                memberIds.add(command.giver());
                memberIds.add(command.receiver());
                contributionIds.add(command.contributionId());
            } catch (RuntimeException refused) {
                commandsOrRefusals.add(refused);
            }
        }
        BatchDirectory lookups = new BatchDirectory(communityId, directory.findCommunity(communityId),
                directory.findMembers(communityId, memberIds));
        Set<String> stored = storedContributionIds(communityId, contributionIds);

        Set<String> recordedInBatch = new HashSet<>();
        List<DomainEventMessage<?>> pending = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            T item = items.get(i);
            String id = item == null ? null : idOf.apply(item);
            Object commandOrRefusal = commandsOrRefusals.get(i);
            if (commandOrRefusal instanceof RuntimeException refused) {
                results.add(rejected(i, id, refused));
                continue;
            }
            RecordContribution command = (RecordContribution) commandOrRefusal;
            if (stored.contains(command.contributionId()) || recordedInBatch.contains(command.contributionId())) {
                // The aggregate, loaded from the store, must see the acts decided before this item.
                append(pending);
                results.add(commands.sendOne(i, id, command, provenance));
                continue;
            }
            try {
                ContributionRecorded event = Contribution.decideNew(command, lookups);
                pending.add(eventFor(command, event, provenance));
                recordedInBatch.add(command.contributionId());
                results.add(new ItemResult(i, id, "recorded", event.status(), false, null));
            } catch (RuntimeException refused) {
                results.add(rejected(i, id, refused));
            }
        }
        append(pending);
        return results;
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

    private static ItemResult rejected(int index, String id, RuntimeException refused) {
        ProblemDetail problem = ProblemHandler.problemFor(refused);
        if (problem == null) {
            throw refused;
        }
        return new ItemResult(index, id, "rejected", null, false, problem);
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
