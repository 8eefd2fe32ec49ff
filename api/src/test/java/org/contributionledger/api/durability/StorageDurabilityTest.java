package org.contributionledger.api.durability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which database settings the ledger reports at start as putting acknowledged writes at risk. */
class StorageDurabilityTest {

    @Test
    void h2IsSafeOnlyWithoutWriteDelayAndWithDsync() {
        assertThat(StorageDurability.h2Warnings(0, true)).isEmpty();
        assertThat(StorageDurability.h2Warnings(500, true)).singleElement().asString().contains("WRITE_DELAY=500");
        assertThat(StorageDurability.h2Warnings(0, false)).singleElement().asString().contains("OS crash");
        assertThat(StorageDurability.h2Warnings(500, false)).hasSize(2);
    }

    @Test
    void postgresIsSafeWithFsyncSynchronousCommitAndFullPageWrites() {
        assertThat(StorageDurability.postgresWarnings("on", "on", "on")).isEmpty();
        assertThat(StorageDurability.postgresWarnings("on", "remote_apply", "on")).isEmpty();
        assertThat(StorageDurability.postgresWarnings("off", "on", "on")).singleElement().asString().contains("fsync=off");
        assertThat(StorageDurability.postgresWarnings("on", "off", "on")).singleElement().asString()
                .contains("synchronous_commit=off");
        assertThat(StorageDurability.postgresWarnings("on", "on", "off")).singleElement().asString()
                .contains("full_page_writes=off");
    }
}
