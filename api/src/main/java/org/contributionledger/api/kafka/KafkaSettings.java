package org.contributionledger.api.kafka;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the ledger meets Kafka. Kafka is off unless {@code bootstrapServers} is set.
 *
 * @param bootstrapServers the brokers, {@code host:port,...}; blank means no Kafka at all
 * @param topics           the topic names
 * @param commandsGroup    the consumer group in which the nodes share the partitions of {@code topics.commands}
 * @param client           further Kafka client settings (e.g. {@code security.protocol}), given to
 *                         every producer and consumer the ledger opens
 */
@ConfigurationProperties("ledger.kafka")
public record KafkaSettings(String bootstrapServers, Topics topics, String commandsGroup, Map<String, String> client) {

    public KafkaSettings {
        topics = topics == null ? new Topics(null, null, null, null) : topics;
        commandsGroup = commandsGroup == null || commandsGroup.isBlank() ? "ledger-commands" : commandsGroup;
        client = client == null ? Map.of() : Map.copyOf(client);
    }

    /**
     * @param events         every stored event, as a CloudEvent keyed by community
     * @param commands       commands sent by platforms
     * @param commandResults the outcome of each command, keyed by the client's id
     * @param deadLetters    command records the ledger could not accept, with the reason in headers
     */
    public record Topics(String events, String commands, String commandResults, String deadLetters) {

        public Topics {
            events = blank(events) ? "ledger.events" : events;
            commands = blank(commands) ? "ledger.commands" : commands;
            commandResults = blank(commandResults) ? "ledger.commands.results" : commandResults;
            deadLetters = blank(deadLetters) ? "ledger.commands.dlq" : deadLetters;
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }
}
