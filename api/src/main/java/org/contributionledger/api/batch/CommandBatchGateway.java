package org.contributionledger.api.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.config.LedgerProperties;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.api.problem.ProblemHandler;
import org.contributionledger.api.write.CommunityWriteGate;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Recording;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.FindCommunity;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Sends a whole batch of commands in one database transaction.
 * <p>
 * Each command is an ordinary command, decided by its aggregate exactly as a single request would
 * be (against the acts, members and ties stored before it and the batch's earlier items), in a unit
 * of work nested inside an outer unit of work: a refused command stages nothing and writes nothing,
 * and the accepted events of the outer unit of work are appended together when it commits. The
 * outer units of work hold {@code unitOfWorkSize} commands each, because Axon scans all events
 * staged in a unit of work on every aggregate load (the cost grows faster than the batch); they all
 * join the one database transaction. So the answer is exact: every item it calls recorded is
 * stored, every rejected one is not; and if the database refuses the transaction, nothing of the
 * batch is stored and the caller gets an error, never a list of results.
 */
@Component
public class CommandBatchGateway {

    private final CommandGateway gateway;
    private final CommunityWriteGate writes;
    private final TransactionManager axonTransactions;
    private final TransactionTemplate transaction;
    private final QueryGateway queries;
    private final int unitOfWorkSize;
    private final int maxItems;

    public CommandBatchGateway(CommandGateway gateway, CommunityWriteGate writes, TransactionManager axonTransactions,
                               TransactionTemplate transaction, QueryGateway queries, LedgerProperties properties) {
        this.gateway = gateway;
        this.writes = writes;
        this.axonTransactions = axonTransactions;
        this.transaction = transaction;
        this.queries = queries;
        this.unitOfWorkSize = properties.batch().unitOfWorkSize();
        this.maxItems = properties.batch().maxItems();
    }

    /**
     * @param communityId the community every command acts in
     * @param items       the request's items, in order
     * @param toCommand   turns an item into its command; an {@link IllegalArgumentException} rejects the item
     * @param idOf        the item's id, for the result
     */
    public <T> BatchResponse send(String communityId, List<T> items, Function<T, CommunityCommand> toCommand,
                                  Function<T, String> idOf, MetaData provenance) {
        List<ItemResult> results = writes.write(communityId, () -> transaction.execute(status -> {
            List<ItemResult> done = new ArrayList<>(items.size());
            for (int from = 0; from < items.size(); from += unitOfWorkSize) {
                sendChunk(items, from, Math.min(items.size(), from + unitOfWorkSize), toCommand, idOf, provenance,
                        done);
            }
            return done;
        }));
        return summarise(results);
    }

    static BatchResponse summarise(List<ItemResult> results) {
        long recorded = results.stream().filter(result -> result.problem() == null).count();
        long alreadyRecorded = results.stream().filter(ItemResult::alreadyRecorded).count();
        return new BatchResponse(recorded, results.size() - recorded, alreadyRecorded, results);
    }

    /**
     * Sends one command of a batch whose transaction is under way, in its own unit of work joined to
     * that transaction: for the items the purpose-built paths leave to the aggregates. Answers the
     * command's answer, or the refusal of a rule it broke as a value (it stored nothing; the
     * transaction stays fit for the others); any other failure is thrown.
     */
    Object sendOneRefusalKept(CommunityCommand command, MetaData provenance) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            // Joins the batch's transaction (Spring's REQUIRED propagation); it does not commit on its own.
            unitOfWork.attachTransaction(axonTransactions);
            Object answer;
            try {
                answer = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance));
            } catch (RuntimeException refused) {
                if (ProblemHandler.problemFor(refused) == null) {
                    throw refused;
                }
                answer = refused;
            }
            unitOfWork.commit();
            return answer;
        } catch (RuntimeException failure) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(failure);
            }
            throw failure;
        }
    }

    private <T> void sendChunk(List<T> items, int from, int to, Function<T, CommunityCommand> toCommand,
                               Function<T, String> idOf, MetaData provenance, List<ItemResult> results) {
        UnitOfWork<?> chunk = DefaultUnitOfWork.startAndGet(null);
        try {
            // Joins the batch's transaction (Spring's REQUIRED propagation); it does not commit on its own.
            chunk.attachTransaction(axonTransactions);
            for (int i = from; i < to; i++) {
                T item = items.get(i);
                String id = item == null ? null : idOf.apply(item);
                try {
                    if (item == null) {
                        throw new IllegalArgumentException("item " + i + " of the batch is null");
                    }
                    Object result = gateway.sendAndWait(
                            GenericCommandMessage.asCommandMessage(toCommand.apply(item)).andMetaData(provenance));
                    results.add(result instanceof Recording recording
                            ? new ItemResult(i, id, "recorded", recording.answer(), recording.alreadyRecorded(), null)
                            : new ItemResult(i, id, "recorded", result, false, null));
                } catch (RuntimeException refused) {
                    ProblemDetail problem = ProblemHandler.problemFor(refused);
                    if (problem == null) {
                        throw refused;
                    }
                    results.add(new ItemResult(i, id, "rejected", null, false, problem));
                }
            }
            chunk.commit();
        } catch (RuntimeException failure) {
            if (chunk.isActive()) {
                chunk.rollback(failure);
            }
            throw failure;
        }
    }

    /**
     * Refuses, before any work starts, a batch for a community that does not exist (404, rather than
     * one identical refusal per item) and empty or oversized batches (400).
     */
    public void check(String communityId, List<?> items, String field) {
        if (queries.query(new FindCommunity(communityId), ResponseTypes.optionalInstanceOf(Community.class))
                .join().isEmpty()) {
            throw new NotFound("Community '" + communityId + "' does not exist");
        }
        if (items == null || items.isEmpty()) {
            throw new IllegalArgumentException(field + " must hold at least one item");
        }
        if (items.size() > maxItems) {
            throw new IllegalArgumentException(field + " holds " + items.size() + " items; a batch holds at most "
                    + maxItems);
        }
    }

    /**
     * What became of one item: {@code recorded} (with the command's answer, e.g. an act's status,
     * when it has one) or {@code rejected} with a problem. {@code alreadyRecorded} is true for a
     * recorded item that was stored before (a retry): it added nothing.
     */
    @Schema(name = "BatchItemResult")
    public record ItemResult(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) int index, String id,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = {"recorded", "rejected"})
                             String outcome,
                             @Schema(type = "string", example = "PENDING",
                                     description = "A recorded act's status (PENDING or CONFIRMED); null for members and trust")
                             Object status,
                             @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                     description = "True for a recorded item that was stored before (a retry): it added nothing")
                             boolean alreadyRecorded,
                             // Absent, not null, on a recorded item: OpenAPI 3.0 cannot say "null" beside a $ref.
                             @JsonInclude(JsonInclude.Include.NON_NULL)
                             @Schema(description = "Why the item was rejected; present on rejected items only")
                             ProblemDetail problem) {
    }

    @Schema(name = "BatchResult")
    public record BatchResponse(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) long recorded,
                                @Schema(requiredMode = Schema.RequiredMode.REQUIRED) long rejected,
                                @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                                        description = "How many of the recorded items were retries") long alreadyRecorded,
                                @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<ItemResult> results) {
    }
}
