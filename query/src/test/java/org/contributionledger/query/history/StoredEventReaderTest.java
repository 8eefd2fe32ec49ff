package org.contributionledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The reader's own parser of stored times reads what Axon writes as Axon's parser does. */
class StoredEventReaderTest {

    @Property(tries = 2_000)
    void aStoredTimeReadsAsAxonReadsIt(@ForAll @LongRange(min = 0, max = 253_402_300_799_999L) long millis) {
        String stored = DateTimeUtils.formatInstant(Instant.ofEpochMilli(millis));
        assertThat(StoredEventReader.timestamp(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @Test
    void anotherFormGoesToAxonsParser() {
        for (String stored : new String[] {"2024-02-29T23:59:59.999Z", "2024-01-01T00:00:00Z",
                "2024-01-01T00:00:00.123456Z", "2024-01-01T01:00:00.000+01:00"}) {
            assertThat(StoredEventReader.timestamp(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }
}
