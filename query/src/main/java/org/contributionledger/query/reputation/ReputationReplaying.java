package org.contributionledger.query.reputation;

/**
 * The reputation is still being rebuilt from the history after a start: any answer now would be
 * partial (a community not replayed yet, a ranking of some of its members), so there is none until
 * the replay has caught up with the events stored at start. Says how far it has come.
 */
public class ReputationReplaying extends RuntimeException {

    private final long replayed;
    private final long total;

    public ReputationReplaying(long replayed, long total) {
        super("The ledger has just started and is rebuilding reputation from its history (" + replayed + " of "
                + total + " events replayed); reputation, leaderboard, influencers and stats answer once it has"
                + " caught up. Every other read and every write works meanwhile.");
        this.replayed = replayed;
        this.total = total;
    }

    public long replayed() {
        return replayed;
    }

    public long total() {
        return total;
    }
}
