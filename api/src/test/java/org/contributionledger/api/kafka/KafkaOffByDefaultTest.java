package org.contributionledger.api.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.config.EventProcessingConfiguration;
import org.contributionledger.api.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The embedded default stays as it was: without ledger.kafka.bootstrap-servers, nothing of Kafka runs. */
class KafkaOffByDefaultTest extends LedgerApiTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void noPublisherNoCommandConsumerAndNoPublicationProcessorWithoutBrokers() {
        assertThat(context.getBeansOfType(EventPublisher.class)).isEmpty();
        assertThat(context.getBeansOfType(CommandConsumer.class)).isEmpty();
        assertThat(context.getBeansOfType(KafkaConfiguration.class)).isEmpty();
        assertThat(processing.eventProcessor(EventPublisher.PROCESSING_GROUP)).isEmpty();
    }
}
