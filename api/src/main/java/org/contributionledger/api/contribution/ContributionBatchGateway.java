package org.contributionledger.api.contribution;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.contributionledger.api.problem.ProblemHandler;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordContribution;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Records a whole batch of acts in one database transaction. The batch runs in one outer unit of
 * work; each act is an ordinary command in a unit of work nested inside it, so each act is decided
 * by its aggregate exactly as a single act would be, a refused act rolls back alone, and all
 * accepted acts are appended together when the outer unit of work commits. A failure at commit
 * (the database refusing the write) rolls back the whole batch: then nothing of it is stored.
 */
@Component
public class ContributionBatchGateway {

    private final CommandGateway gateway;
    private final TransactionManager transactionManager;

    public ContributionBatchGateway(CommandGateway gateway, TransactionManager transactionManager) {
        this.gateway = gateway;
        this.transactionManager = transactionManager;
    }

    public List<ItemResult> record(List<RecordContribution> commands, List<ProblemDetail> shapeProblems,
                                   MetaData provenance) {
        List<ItemResult> results = new ArrayList<>(commands.size());
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        try {
            batch.attachTransaction(transactionManager);
            for (int i = 0; i < commands.size(); i++) {
                RecordContribution command = commands.get(i);
                if (command == null) {
                    results.add(ItemResult.rejected(i, null, shapeProblems.get(i)));
                    continue;
                }
                try {
                    ContributionStatus status = gateway.sendAndWait(
                            GenericCommandMessage.asCommandMessage(command).andMetaData(provenance));
                    results.add(ItemResult.recorded(i, command.contributionId(), status));
                } catch (RuntimeException refused) {
                    ProblemDetail problem = ProblemHandler.problemFor(refused);
                    if (problem == null) {
                        throw refused;
                    }
                    results.add(ItemResult.rejected(i, command.contributionId(), problem));
                }
            }
            batch.commit();
            return results;
        } catch (RuntimeException failure) {
            if (batch.isActive()) {
                batch.rollback(failure);
            }
            throw failure;
        }
    }

    /** What became of one item: {@code recorded} with the act's status, or {@code rejected} with a problem. */
    public record ItemResult(int index, String id, String outcome, ContributionStatus status, ProblemDetail problem) {

        static ItemResult recorded(int index, String id, ContributionStatus status) {
            return new ItemResult(index, id, "recorded", status, null);
        }

        static ItemResult rejected(int index, String id, ProblemDetail problem) {
            return new ItemResult(index, id, "rejected", null, problem);
        }
    }
}
