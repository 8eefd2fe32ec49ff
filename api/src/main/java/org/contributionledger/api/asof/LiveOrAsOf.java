package org.contributionledger.api.asof;

import java.util.Optional;
import java.util.function.BiFunction;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.query.asof.AsOf;
import org.springframework.stereotype.Component;

/**
 * The one branch every read with {@code asOf} takes: without an instant the query goes over the
 * query bus to the live views; with one, to the history replayed to the position the instant
 * resolved to ({@link AsOfParameter#resolve}), which answers in the live answer's shape.
 */
@Component
public class LiveOrAsOf {

    private final QueryGateway queries;

    public LiveOrAsOf(QueryGateway queries) {
        this.queries = queries;
    }

    /**
     * The answer to {@code query}: live when {@code at} is null, else {@code past} at its position.
     * The answer is left as it is; see the other overload to state it as of {@code at}.
     */
    public <Q, R> Optional<R> answer(Q query, AsOf at, Class<R> answerType, BiFunction<Q, Long, Optional<R>> past) {
        return at == null
                ? queries.query(query, ResponseTypes.optionalInstanceOf(answerType)).join()
                : past.apply(query, at.position());
    }

    /** As above, a past answer stated as of {@code at} by {@code withAsOf} (a live answer keeps {@code asOf} null). */
    public <Q, R> Optional<R> answer(Q query, AsOf at, Class<R> answerType, BiFunction<Q, Long, Optional<R>> past,
                                     BiFunction<R, AsOf, R> withAsOf) {
        Optional<R> answer = answer(query, at, answerType, past);
        return at == null ? answer : answer.map(found -> withAsOf.apply(found, at));
    }
}
