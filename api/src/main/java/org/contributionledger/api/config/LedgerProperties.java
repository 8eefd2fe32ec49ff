package org.contributionledger.api.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dataDir         where the embedded database and the generated admin key's digest live
 * @param adminKey        the admin key; blank means "generate one at first start"
 * @param maxRequestBytes largest request body accepted
 * @param batch           limits of the batch endpoint
 * @param writes          how concurrent writes to one community are ordered and retried
 * @param http            limits that keep slow clients from tying up the server
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(String dataDir, String adminKey, long maxRequestBytes, Batch batch, Writes writes,
                               Http http) {

    public LedgerProperties {
        batch = batch == null ? new Batch(1000, 100) : batch;
        writes = writes == null ? new Writes(10_000, 3) : writes;
        http = http == null ? new Http(0, null) : http;
        maxRequestBytes = maxRequestBytes <= 0 ? 1024 * 1024 : maxRequestBytes;
    }

    /**
     * @param maxItems        most items one batch request may hold
     * @param unitOfWorkSize  commands per Axon unit of work inside the batch's one transaction
     */
    public record Batch(int maxItems, int unitOfWorkSize) {

        public Batch {
            maxItems = maxItems <= 0 ? 1000 : maxItems;
            unitOfWorkSize = unitOfWorkSize <= 0 ? 100 : unitOfWorkSize;
        }
    }

    /**
     * @param maxQueueWaitMs longest a write waits for the community's earlier writes before it is
     *                       answered 503 with {@code Retry-After}
     * @param attempts       how often a transaction the database refused for contention is run in all
     */
    public record Writes(long maxQueueWaitMs, int attempts) {

        public Writes {
            maxQueueWaitMs = maxQueueWaitMs <= 0 ? 10_000 : maxQueueWaitMs;
            attempts = attempts <= 0 ? 3 : attempts;
        }
    }

    /**
     * @param maxConcurrentUploads requests with a body served at once; more are answered 503 at once
     * @param requestBodyTimeout   the longest a request body may take to arrive; 408 after that
     */
    public record Http(int maxConcurrentUploads, Duration requestBodyTimeout) {

        public Http {
            maxConcurrentUploads = maxConcurrentUploads <= 0 ? 64 : maxConcurrentUploads;
            requestBodyTimeout = requestBodyTimeout == null || requestBodyTimeout.isNegative() || requestBodyTimeout.isZero()
                    ? Duration.ofSeconds(30) : requestBodyTimeout;
        }
    }
}
