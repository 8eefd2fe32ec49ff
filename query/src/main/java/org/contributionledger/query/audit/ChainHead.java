package org.contributionledger.query.audit;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last event of the chain table: where chaining resumes, and what a checkpoint on demand records.
 *
 * @param position    its global index; -1 when nothing is chained
 * @param eventNumber how many events are chained (n)
 * @param digest      h_n, lowercase hex (h_0, 64 zeros, when nothing is chained)
 */
record ChainHead(long position, long eventNumber, String digest) {

    static final ChainHead EMPTY = new ChainHead(-1, 0, ChainEncoding.hex(ChainEncoding.START));

    static ChainHead read(JdbcTemplate jdbc) {
        List<ChainHead> last = jdbc.query("""
                        SELECT position, event_number, digest FROM event_chain
                        WHERE position = (SELECT MAX(position) FROM event_chain)""",
                (row, index) -> new ChainHead(row.getLong(1), row.getLong(2), row.getString(3)));
        return last.isEmpty() ? EMPTY : last.get(0);
    }

    boolean isEmpty() {
        return eventNumber == 0;
    }
}
