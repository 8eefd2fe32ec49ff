package org.contributionledger.api.export;

import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.query.audit.EventExport;
import org.contributionledger.query.directory.DirectoryProjection;
import org.contributionledger.query.erasure.MemberDataKeys;
import org.contributionledger.query.statement.ContributionTotals;
import org.contributionledger.query.trust.TrustTotals;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The readers behind the export endpoints (ExportController). */
@Configuration(proxyBeanMethods = false)
public class ExportConfiguration {

    @Bean
    public EventExport eventExport(JdbcTemplate jdbc, MemberDataKeys dataKeys) {
        return new EventExport(jdbc, dataKeys);
    }

    @Bean
    public NetworkExport networkExport(DirectoryProjection directory, TrustTotals trust, ContributionTotals contributions,
                                       QueryGateway queries) {
        return new NetworkExport(directory, trust, contributions, queries);
    }
}
