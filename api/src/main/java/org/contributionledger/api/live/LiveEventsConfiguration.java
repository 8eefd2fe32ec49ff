package org.contributionledger.api.live;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/** The streams of live events, and the event processor that feeds them. */
@Configuration(proxyBeanMethods = false)
public class LiveEventsConfiguration {

    /** Written with the answers' mapper: the stream's JSON reads as the API's does (nulls written). */
    @Bean(destroyMethod = "destroy")
    public LiveStreams liveStreams(MappingJackson2HttpMessageConverter answers,
                                   @Value("${ledger.live.max-streams:500}") int maxStreams) {
        return new LiveStreams(answers.getObjectMapper(), maxStreams);
    }

    @Bean
    public LiveEventFeed liveEventFeed(LiveStreams streams) {
        return new LiveEventFeed(streams);
    }

    /**
     * A tracking processor of its own that starts at the head of the store and keeps its position in
     * memory: after a restart nothing old is streamed, and the other processors' stored positions are
     * untouched. One thread, so each community's events reach its streams in the store's order.
     */
    @Bean
    public ConfigurerModule liveEventsProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(LiveEventFeed.PROCESSING_GROUP, configuration -> new InMemoryTokenStore())
                .registerTrackingEventProcessor(LiveEventFeed.PROCESSING_GROUP,
                        configuration -> configuration.eventStore(),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken)));
    }
}
