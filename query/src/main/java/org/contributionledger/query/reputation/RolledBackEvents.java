package org.contributionledger.query.reputation;

import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps the reputation processor from recording an event twice when a batch is handed again.
 * <p>
 * Why: the networks live in memory, outside the batch's transaction. When that transaction fails
 * after the projection has recorded the batch (its commit refused: the database went away, say),
 * Axon's processor rolls it back and, after a pause, hands the same events again from its last
 * committed position; the projection would add their facts a second time, and a checkpoint would
 * then keep the doubled facts across restarts. So the position of every event recorded in a batch
 * that rolled back is remembered, and the event is skipped once when it comes again. An event whose
 * handling itself failed is not remembered: it is recorded when it comes again.
 * <p>
 * The start's replay (ReplayingTokenStore) calls the handlers directly, without a batch: a replay
 * that fails is started over after a reset, which forgets what was remembered here too.
 */
public class RolledBackEvents implements MessageHandlerInterceptor<EventMessage<?>> {

    private final Set<Long> recordedThenRolledBack = ConcurrentHashMap.newKeySet();

    public RolledBackEvents(ReputationProjection projection) {
        projection.whenReset(recordedThenRolledBack::clear);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        OptionalLong position = unitOfWork.getMessage() instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position() : OptionalLong.empty();
        if (position.isEmpty()) {
            return chain.proceed();
        }
        long at = position.getAsLong();
        if (recordedThenRolledBack.remove(at)) {
            return null; // its facts are in the networks since the batch that rolled back
        }
        Object result = chain.proceed();
        unitOfWork.onRollback(batch -> recordedThenRolledBack.add(at));
        return result;
    }
}
