package org.contributionledger.api.config;

import org.apache.catalina.core.StandardHost;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.contributionledger.api.web.ProblemErrorReportValve;
import org.contributionledger.api.web.UploadLimitValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The servlet container's part in refusing abuse: slow request bodies cannot take every worker
 * thread (see UploadLimitValve), and the container's own error answers are problem+json like the
 * rest of the API. Timeouts and queue sizes are in application.yml under {@code server.tomcat}.
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> abuseLimits(LedgerProperties properties) {
        return new AbuseLimits(properties.http());
    }

    /** Runs after Spring Boot's own Tomcat customizer, so that its settings do not overwrite these. */
    private record AbuseLimits(LedgerProperties.Http http) implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
            Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addEngineValves(new UploadLimitValve(http.maxConcurrentUploads(), http.requestBodyTimeout()));
            // The host creates its error report valve from this class name when it starts.
            factory.addContextCustomizers(context -> ((StandardHost) context.getParent())
                    .setErrorReportValveClass(ProblemErrorReportValve.class.getName()));
            // A body the application did not read is not drained at the client's pace: Tomcat reads at
            // most what one read returns, then closes the connection (the answer is already sent).
            factory.addConnectorCustomizers(connector -> {
                if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol) {
                    protocol.setMaxSwallowSize(0);
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
