package org.contributionledger.api.replay;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The offline replay ({@code ledger replay}, docs/audit.md "Offline replay"): the ledger over a store
 * imported from an export, read-only, with its views built from the imported events at start.
 */
@Configuration(proxyBeanMethods = false)
@Profile(ReplayConfiguration.PROFILE)
public class ReplayConfiguration {

    public static final String PROFILE = "replay";

    @Bean
    ReplayViews replayViews(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer serializer, ObjectMapper json,
                            PlatformTransactionManager transactions) {
        return new ReplayViews(jdbc, serializer, json, transactions);
    }

    /** Before Spring Security: a write is refused as such, whatever key it carries. */
    @Bean
    FilterRegistrationBean<ReadOnlyReplay> readOnlyReplay(ObjectMapper json) {
        FilterRegistrationBean<ReadOnlyReplay> registration = new FilterRegistrationBean<>(new ReadOnlyReplay(json));
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }
}
