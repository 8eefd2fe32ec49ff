package org.contributionledger.api.rebuild;

/** A rebuild was asked for while another one runs: one at a time, since each replaces every view. */
public class RebuildAlreadyRunning extends RuntimeException {

    public RebuildAlreadyRunning(String running) {
        super("Rebuild " + running + " is still running; follow it at /api/v1/admin/rebuild/" + running
                + " and start another once it is done");
    }
}
