package org.contributionledger.api.scaleout;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

/**
 * On the postgres profile the database URL has no default (application-postgres.yml reads it from
 * LEDGER_DB_URL). Without this check a missing URL surfaced only when the connection pool was built,
 * as "'url' must start with "jdbc"" under a chain of unrelated beans; checked before any bean is
 * created, it stops the start with a reason naming the variable.
 */
@Configuration(proxyBeanMethods = false)
@Profile("postgres")
public class DatabaseUrlCheck {

    /** Static: a post-processor runs before the beans of its own configuration class exist. */
    @Bean
    static BeanFactoryPostProcessor databaseUrlIsSet(Environment environment) {
        return beanFactory -> {
            if (!hasUrl(environment)) {
                throw new MissingDatabaseUrl();
            }
        };
    }

    /** The URL as the profile resolves it; SPRING_DATASOURCE_URL, if set, serves as well. */
    static boolean hasUrl(Environment environment) {
        try {
            String url = environment.getProperty("spring.datasource.url");
            return url != null && !url.isBlank();
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            return false;
        }
    }
}
