package org.contributionledger.query.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code verify} found.
 *
 * @param status          {@code intact} when the store hashes to the chain table everywhere and the
 *                        supplied checkpoint (if any) matches; {@code broken} otherwise
 * @param events          events in the store
 * @param chainedEvents   events in the chain table
 * @param unchainedEvents events stored after the chain's head, not chained yet (the chain follows the
 *                        store within about a second): not a break
 * @param headPosition    the chain's last position; -1 when nothing is chained
 * @param headDigest      the chain's digest there (64 zeros when nothing is chained)
 * @param firstBreak      the first position where the store and the chain disagree; absent when none does
 * @param checkpoint      the supplied checkpoint's check; absent when none was supplied
 */
public record ChainVerification(ChainStatus status, long events, long chainedEvents, long unchainedEvents,
                                long headPosition, String headDigest,
                                @JsonInclude(JsonInclude.Include.NON_NULL) ChainBreak firstBreak,
                                @JsonInclude(JsonInclude.Include.NON_NULL) CheckpointCheck checkpoint) {

    public enum ChainStatus { intact, broken }
}
