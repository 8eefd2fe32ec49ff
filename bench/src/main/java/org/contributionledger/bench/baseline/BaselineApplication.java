package org.contributionledger.bench.baseline;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.contributionledger.core.community.Community;
import org.contributionledger.core.contribution.Contribution;
import org.contributionledger.core.member.Member;
import org.contributionledger.core.trust.Trust;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.durability.DsyncFilePath;
import org.contributionledger.query.reputation.ReputationProjection;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The benchmark's baseline: the same domain (core's aggregates, commands, events and rules) and
 * the same views and queries (query's projections), on Axon's defaults: JPA event storage
 * (JpaEventStorageEngine, chosen by Axon's auto-configuration when JPA is present), one
 * transaction per command, tracking processors. Only the write side's lookup table (the
 * directory, which the rules read) is subscribing, as the rules need it current; and the
 * reputation keeps its position in memory, as it must replay at start to exist at all.
 */
@SpringBootApplication(scanBasePackages = {"org.contributionledger.bench.baseline", "org.contributionledger.query"})
public class BaselineApplication {

    public static void main(String[] args) {
        System.setProperty("disable-axoniq-console-message", "true");
        DsyncFilePath.register();
        SpringApplication.run(BaselineApplication.class, args);
    }

    @Bean
    public ConfigurerModule aggregates() {
        return configurer -> configurer
                .configureAggregate(Community.class)
                .configureAggregate(Member.class)
                .configureAggregate(Contribution.class)
                .configureAggregate(Trust.class);
    }

    @Bean
    public ConfigurerModule reputationReplaysAtStart() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(ReputationProjection.PROCESSING_GROUP, configuration -> new InMemoryTokenStore())
                .registerListenerInvocationErrorHandler(DirectoryProjection.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
