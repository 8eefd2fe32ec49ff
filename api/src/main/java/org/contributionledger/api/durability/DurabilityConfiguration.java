package org.contributionledger.api.durability;

import javax.sql.DataSource;

import org.contributionledger.query.durability.DsyncFilePath;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Makes every acknowledged write durable on both databases, and says at start what is guaranteed.
 * See the README's "Durability" paragraph for the guarantee this implements.
 */
@Configuration(proxyBeanMethods = false)
public class DurabilityConfiguration {

    /**
     * Registers H2's {@code dsync:} file system before any bean can open a connection: bean
     * factory post-processors run before the first bean (the data source among them) is created.
     */
    @Bean
    static BeanFactoryPostProcessor h2DsyncFileSystem() {
        return beanFactory -> DsyncFilePath.register();
    }

    /**
     * On PostgreSQL, every session of the ledger commits synchronously even where the server's
     * default is {@code synchronous_commit=off} (which acknowledges commits up to three WAL writer
     * delays before they are flushed). Stronger server settings ({@code remote_write},
     * {@code remote_apply}) are kept; only {@code off} is raised to {@code on}.
     */
    @Bean
    static BeanPostProcessor postgresSynchronousCommit() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")
                        && hikari.getConnectionInitSql() == null) {
                    hikari.setConnectionInitSql(StorageDurability.POSTGRES_SYNCHRONOUS_COMMIT);
                }
                return bean;
            }
        };
    }

    @Bean
    StorageDurability storageDurability(DataSource dataSource) {
        return new StorageDurability(dataSource);
    }
}
