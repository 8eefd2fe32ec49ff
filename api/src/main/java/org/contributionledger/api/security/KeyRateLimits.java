package org.contributionledger.api.security;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One token bucket per key (bucket4j), in this node's memory: a key that sends more than its
 * burst, faster than its rate, waits. Buckets are per node; with several nodes behind a balancer
 * a key's effective limit is the sum of theirs.
 */
@Component
public class KeyRateLimits {

    private final KeyProperties properties;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public KeyRateLimits(KeyProperties properties) {
        this.properties = properties;
    }

    /** Takes one token for this caller's request; when none is left, how long until one is. */
    public Optional<Duration> refusal(Caller caller) {
        ConsumptionProbe probe = buckets.computeIfAbsent(caller.keyId(), key -> newBucket(caller))
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Bucket newBucket(Caller caller) {
        KeyProperties.RateLimit limit = caller.isAdmin() ? properties.adminRateLimit() : properties.communityRateLimit();
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.burst())
                        .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }
}
