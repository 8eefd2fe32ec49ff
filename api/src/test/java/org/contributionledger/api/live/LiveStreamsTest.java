package org.contributionledger.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class LiveStreamsTest {

    @Test
    void noMoreStreamsThanTheLimitAreOpenAtOnceAcrossCommunities() {
        LiveStreams streams = new LiveStreams(new ObjectMapper(), 2);
        try {
            streams.open("one", Duration.ofSeconds(5));
            streams.open("two", Duration.ofSeconds(5));

            assertThatThrownBy(() -> streams.open("one", Duration.ofSeconds(5)))
                    .isInstanceOf(LiveStreams.TooManyStreams.class)
                    .hasMessageContaining("at most 2 event streams");
            assertThat(streams.openStreams()).isEqualTo(2);
            assertThat(streams.openStreams("one")).isEqualTo(1);
            assertThat(streams.openStreams("three")).isZero();
        } finally {
            streams.destroy();
        }
    }

    @Test
    void anEventOfACommunityWithoutStreamsGoesNowhere() {
        LiveStreams streams = new LiveStreams(new ObjectMapper(), 2);
        try {
            streams.publish("quiet", "act", Map.of("type", "ContributionRecorded"));
            assertThat(streams.openStreams()).isZero();
        } finally {
            streams.destroy();
        }
    }
}
