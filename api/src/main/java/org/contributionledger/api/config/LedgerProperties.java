package org.contributionledger.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dataDir         where the embedded database and the generated admin key's digest live
 * @param adminKey        the admin key; blank means "generate one at first start"
 * @param maxRequestBytes largest request body accepted
 * @param batch           limits of the batch endpoint
 */
@ConfigurationProperties("ledger")
public record LedgerProperties(String dataDir, String adminKey, long maxRequestBytes, Batch batch) {

    public LedgerProperties {
        batch = batch == null ? new Batch(1000, 100) : batch;
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
}
