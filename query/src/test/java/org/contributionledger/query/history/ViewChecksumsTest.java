package org.contributionledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.contributionledger.query.directory.ProjectionTestLedger;
import org.junit.jupiter.api.Test;

/**
 * A view's checksum depends on its rows only: not on the order they were written in, and it
 * changes with any column of any row. The directory and trust views written through the
 * projections, in two orders, by two ledgers.
 */
class ViewChecksumsTest {

    private static final Instant WHEN = Instant.parse("2025-01-10T12:00:00Z");

    @Test
    void theSameRowsWrittenInAnotherOrderHaveTheSameChecksums() {
        try (ProjectionTestLedger forward = ProjectionTestLedger.create();
             ProjectionTestLedger backward = ProjectionTestLedger.create()) {
            forward.community("garden", "alice", "bob", "carol");
            forward.give("garden", "act-1", "alice", "bob", "10", WHEN);
            forward.give("garden", "act-2", "bob", "carol", "2.5", WHEN);
            forward.declareTrust("garden", "alice", "bob", null, 3);

            backward.community("garden", "carol", "bob", "alice");
            backward.give("garden", "act-2", "bob", "carol", "2.5", WHEN);
            backward.give("garden", "act-1", "alice", "bob", "10", WHEN);
            backward.declareTrust("garden", "alice", "bob", null, 3);

            Map<String, String> a = ViewChecksums.of(forward.jdbc());
            Map<String, String> b = ViewChecksums.of(backward.jdbc());
            assertThat(a.keySet()).containsExactly("directory_community", "directory_api_key", "directory_member",
                    "directory_identity", "contribution_view", "trust_view");
            // Each ledger stamps its own event times: only the tables whose rows hold none of them compare.
            assertThat(b.get("contribution_view")).isNotEqualTo(a.get("contribution_view"));
            backward.jdbc().update("UPDATE contribution_view SET recorded_at = ?, status_changed_at = ?",
                    java.time.OffsetDateTime.parse("2025-03-01T09:00:00Z"), java.time.OffsetDateTime.parse("2025-03-01T09:00:00Z"));
            forward.jdbc().update("UPDATE contribution_view SET recorded_at = ?, status_changed_at = ?",
                    java.time.OffsetDateTime.parse("2025-03-01T09:00:00Z"), java.time.OffsetDateTime.parse("2025-03-01T09:00:00Z"));
            assertThat(ViewChecksums.of(backward.jdbc()).get("contribution_view"))
                    .isEqualTo(ViewChecksums.of(forward.jdbc()).get("contribution_view"));
            assertThat(b.get("trust_view")).isEqualTo(a.get("trust_view"));

            forward.jdbc().update("UPDATE contribution_view SET description = 'x' WHERE contribution_id = 'act-2'");
            assertThat(ViewChecksums.of(forward.jdbc()).get("contribution_view"))
                    .isNotEqualTo(ViewChecksums.of(backward.jdbc()).get("contribution_view"));
        }
    }

    @Test
    void anEmptyTableHasTheDigestOfNothing() {
        try (ProjectionTestLedger ledger = ProjectionTestLedger.create()) {
            assertThat(ViewChecksums.of(ledger.jdbc()).get("trust_view"))
                    .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        }
    }

    @Test
    void anAggregateBelongsToTheCommunityOfItsSecondSegmentOnly() {
        assertThat(StoredEventReader.belongsTo("community/garden", "garden")).isTrue();
        assertThat(StoredEventReader.belongsTo("member/garden/alice", "garden")).isTrue();
        assertThat(StoredEventReader.belongsTo("member/other/garden", "garden")).isFalse();
        assertThat(StoredEventReader.belongsTo("member/gardens/alice", "garden")).isFalse();
        assertThat(StoredEventReader.belongsTo("garden", "garden")).isFalse();
    }
}
