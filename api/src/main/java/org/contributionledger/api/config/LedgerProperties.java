package org.contributionledger.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dataDir         where the embedded database and the generated admin key's digest live
 * @param adminKey        the admin key; blank means "generate one at first start"
 * @param maxRequestBytes largest request body accepted
 * @param batch           limits of the batch endpoint
 * @param writes          how concurrent writes to one community are ordered and retried
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(String dataDir, String adminKey, long maxRequestBytes, Batch batch, Writes writes) {

    public LedgerProperties {
        batch = batch == null ? new Batch(1000, 100) : batch;
        writes = writes == null ? new Writes(10_000, 3) : writes;
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
}
