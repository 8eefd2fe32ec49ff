package org.contributionledger.api.security;

import org.contributionledger.api.config.LedgerProperties;
import org.contributionledger.api.problem.DatabaseBusyFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.DispatcherType;

/**
 * Who may do what, in one place.
 * <ol>
 *   <li>{@link StrictHttpFirewall} refuses (400) paths the container or Spring MVC would normalise
 *       before matching a controller, so that the checks below judge the path the controller sees;</li>
 *   <li>bodies larger than {@code ledger.max-request-bytes} are refused (413);</li>
 *   <li>a bearer key is checked ({@link ApiKeyAuthenticationProvider}); a missing, unknown or
 *       revoked key is 401;</li>
 *   <li>health probes, the API's documentation and the dashboard's static files are public, and so are platforms' webhook deliveries
 *       as far as keys go: their signature is checked by the webhook intake; key management, community settings, creating
 *       communities, metrics and everything else not listed are for the admin key; a community key
 *       acts only under its own {@code /api/v1/communities/{communityId}} (403 elsewhere), and
 *       {@code GET /api/v1/communities} lists only its own community;</li>
 *   <li>an accepted request spends a token of its key's rate limit (429) and is stamped with its
 *       provenance ({@link KeyUseFilter}).</li>
 * </ol>
 * No sessions, no cookies, no CSRF tokens: every request carries its key.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** Anyone may read these, with or without a key (a wrong key is not even looked at). */
    static final RequestMatcher PUBLIC = new OrRequestMatcher(
            PATHS.matcher(HttpMethod.GET, "/"),
            PATHS.matcher("/actuator/health"), PATHS.matcher("/actuator/health/**"),
            PATHS.matcher("/v3/api-docs"), PATHS.matcher("/v3/api-docs.yaml"), PATHS.matcher("/v3/api-docs/**"),
            PATHS.matcher("/swagger-ui.html"), PATHS.matcher("/swagger-ui/**"),
            // The dashboard's page, scripts and libraries hold no data: every read it makes carries a key.
            PATHS.matcher(HttpMethod.GET, "/dashboard"), PATHS.matcher(HttpMethod.GET, "/dashboard/**"),
            PATHS.matcher(HttpMethod.GET, "/webjars/**"));

    /**
     * Platforms' webhook deliveries carry the platform's signature over the body instead of a key:
     * no key is looked at, and the controller lets nothing through that the community's secret did
     * not sign (webhook.WebhookIntake). The body size limit applies to them as to every request.
     */
    static final RequestMatcher SIGNED_BY_PLATFORM = new OrRequestMatcher(
            PATHS.matcher(HttpMethod.POST, "/api/v1/communities/{communityId}/webhooks/github"),
            PATHS.matcher(HttpMethod.POST, "/api/v1/communities/{communityId}/webhooks/discourse"),
            PATHS.matcher(HttpMethod.POST, "/api/v1/communities/{communityId}/webhooks/slack"));

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiKeyAuthenticationProvider keys, SecurityProblems problems,
                                    KeyRateLimits rateLimits, KeyUsage usage, ObjectMapper json,
                                    LedgerProperties properties) throws Exception {
        AuthenticationFilter bearerKeys = new AuthenticationFilter(new ProviderManager(keys), new BearerKeyConverter());
        bearerKeys.setRequestMatcher(new NegatedRequestMatcher(new OrRequestMatcher(PUBLIC, SIGNED_BY_PLATFORM)));
        bearerKeys.setFailureHandler(problems);
        // A key is checked on every request: nothing to redirect to, nothing to remember.
        bearerKeys.setSuccessHandler((request, response, authentication) -> { });

        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .addFilterBefore(new DatabaseBusyFilter(json), AuthenticationFilter.class)
                .addFilterBefore(new BodySizeFilter(json, properties.maxRequestBytes()), AuthenticationFilter.class)
                .addFilterAt(bearerKeys, AuthenticationFilter.class)
                .addFilterAfter(new KeyUseFilter(rateLimits, usage, json), AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(requests -> requests
                        // The container's own error dispatch renders a failure already decided on the way in.
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC).permitAll()
                        .requestMatchers(SIGNED_BY_PLATFORM).permitAll()
                        // A community's keys and settings (the rules its own key acts under) are the admin's, and
                        // so is undoing an act both sides confirmed.
                        .requestMatchers(PATHS.matcher("/api/v1/communities/{communityId}/keys"),
                                PATHS.matcher("/api/v1/communities/{communityId}/keys/**"),
                                PATHS.matcher("/api/v1/communities/{communityId}/settings"),
                                PATHS.matcher(HttpMethod.POST,
                                        "/api/v1/communities/{communityId}/contributions/{contributionId}/reversal"))
                        .hasRole("ADMIN")
                        .requestMatchers(PATHS.matcher("/api/v1/communities/{communityId}"),
                                PATHS.matcher("/api/v1/communities/{communityId}/**")).access(ownCommunity())
                        // Listing communities: the admin sees every one, a community key its own (ListingController).
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/v1/communities")).authenticated()
                        .anyRequest().hasRole("ADMIN"));
        return http.build();
    }

    /** The admin key anywhere; a community key in its own community only. */
    private static AuthorizationManager<RequestAuthorizationContext> ownCommunity() {
        return (authentication, context) -> {
            Caller caller = authentication.get() instanceof ApiKeyAuthentication key ? key.getPrincipal() : null;
            return new AuthorizationDecision(caller != null
                    && caller.mayActIn(context.getVariables().get("communityId")));
        };
    }

    /** The firewall's refusals become problems too (400), instead of the container's error page. */
    @Bean
    WebSecurityCustomizer firewall(SecurityProblems problems) {
        return web -> web.httpFirewall(new StrictHttpFirewall()).requestRejectedHandler(problems);
    }
}
