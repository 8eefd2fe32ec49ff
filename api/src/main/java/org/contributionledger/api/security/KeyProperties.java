package org.contributionledger.api.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits and bookkeeping of API keys ({@code ledger.keys} in application.yml).
 *
 * @param communityRateLimit    token bucket of each community key
 * @param adminRateLimit        token bucket of the admin key
 * @param lastUseFlushInterval  how often the keys' last use, kept in memory, is written to the database
 */
@ConfigurationProperties("ledger.keys")
public record KeyProperties(RateLimit communityRateLimit, RateLimit adminRateLimit, Duration lastUseFlushInterval) {

    public KeyProperties {
        communityRateLimit = communityRateLimit == null ? RateLimit.DEFAULT : communityRateLimit;
        adminRateLimit = adminRateLimit == null ? RateLimit.DEFAULT : adminRateLimit;
        lastUseFlushInterval = lastUseFlushInterval == null || lastUseFlushInterval.isNegative()
                || lastUseFlushInterval.isZero() ? Duration.ofSeconds(10) : lastUseFlushInterval;
    }

    /**
     * A key may send {@code burst} requests at once, and {@code requestsPerSecond} on average after that.
     */
    public record RateLimit(long requestsPerSecond, long burst) {

        public static final RateLimit DEFAULT = new RateLimit(500, 1000);

        public RateLimit {
            if (requestsPerSecond <= 0 || burst <= 0) {
                throw new IllegalArgumentException("ledger.keys rate limits need requests-per-second > 0 and burst > 0");
            }
        }
    }
}
