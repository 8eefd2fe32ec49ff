package org.contributionledger.api.scaleout;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The token store that tracking processors (other than reputation, which each node rebuilds in
 * memory) share between nodes: each segment is claimed by one node at a time, under this node's id,
 * and a claim that stops being renewed (the node died) is taken over after
 * {@link ClusterProperties#claimTimeout()}. Axon's default token store is the same, with a node id
 * that two nodes in one JVM share and a ten-second claim timeout.
 */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClusterConfiguration.class);

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, ClusterProperties cluster) {
        log.info("Cluster: node '{}', segment claims expire after {} s", cluster.nodeId(),
                cluster.claimTimeout().toMillis() / 1000.0);
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(new TokenSchema())
                .serializer(serializer)
                .nodeId(cluster.nodeId())
                .claimTimeout(cluster.claimTimeout())
                .build();
    }
}
