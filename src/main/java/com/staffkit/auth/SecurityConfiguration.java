package com.staffkit.auth;

import com.staffkit.common.error.ProblemResponseWriter;
import com.staffkit.common.web.BulkheadFilter;
import com.staffkit.role.Permissions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * One stateless filter chain: a few explicitly public endpoints, everything else authenticated,
 * permissions checked per operation with method security.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /** The endpoints anyone may call; everything else needs a credential. */
    static final RequestMatcher PUBLIC = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/auth/login"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/auth/refresh"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/auth/logout"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.GET, "/api/v1/activation/*"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/activation"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/password-reset"),
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/password-reset/confirm"),
            PathPatternRequestMatcher.pathPattern("/v3/api-docs"),
            PathPatternRequestMatcher.pathPattern("/v3/api-docs/**"),
            PathPatternRequestMatcher.pathPattern("/swagger-ui.html"),
            PathPatternRequestMatcher.pathPattern("/swagger-ui/**"),
            PathPatternRequestMatcher.pathPattern("/actuator/health"),
            PathPatternRequestMatcher.pathPattern("/actuator/health/**"),
            PathPatternRequestMatcher.pathPattern("/error"));

    @Bean
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            SessionService sessions,
            ApiKeyService apiKeys,
            CallerCache callers,
            ProblemResponseWriter problems,
            CorsProperties corsProperties,
            BulkheadFilter bulkhead)
            throws Exception {
        var entryPoint = new ProblemAuthenticationEntryPoint(problems);
        if (corsProperties.allowedOrigins().isEmpty()) {
            http.cors(cors -> cors.disable());
        } else {
            http.cors(cors -> cors.configurationSource(corsSource(corsProperties)));
        }
        // Bearer tokens and API keys travel in headers, never in cookies, so CSRF cannot ride on them.
        http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        // A streamed answer (the CSV export) finishes on an async dispatch of a request
                        // already authorized on its first; the credential filter does not run again there.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(PUBLIC)
                        .permitAll()
                        // Metrics span every tenant: a service-wide permission only the superadmin holds.
                        .requestMatchers("/actuator/**")
                        .hasAuthority(Permissions.SERVICE_METRICS)
                        .anyRequest()
                        .authenticated())
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(new ProblemAccessDeniedHandler(problems)))
                // API requests take their turn after CORS (a refusal still carries its headers) and
                // before the credential lookup, which is work too.
                .addFilterAfter(bulkhead, CorsFilter.class)
                .addFilterBefore(
                        new BearerTokenAuthenticationFilter(sessions, apiKeys, callers, entryPoint, PUBLIC),
                        AnonymousAuthenticationFilter.class);
        return http.build();
    }

    static UrlBasedCorsConfigurationSource corsSource(CorsProperties properties) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        configuration.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.CONTENT_TYPE,
                BearerTokenAuthenticationFilter.API_KEY_HEADER,
                "Idempotency-Key",
                HttpHeaders.IF_MATCH,
                HttpHeaders.IF_NONE_MATCH));
        configuration.setExposedHeaders(List.of(
                HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER,
                HttpHeaders.WWW_AUTHENTICATE,
                "Idempotent-Replayed",
                HttpHeaders.ETAG,
                HttpHeaders.CONTENT_DISPOSITION));
        configuration.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", configuration);
        return source;
    }

    /**
     * No observation per security filter: they cost a tenth of a short request's CPU (an observation
     * object per filter, per request) and say nothing the HTTP server metrics do not.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * {bcrypt} hashes as before; passwords over bcrypt's 72 bytes are pre-hashed, not refused with a
     * 500; at most {@code staffkit.auth.password-hashes} at once.
     */
    @Bean
    BoundedPasswordEncoder passwordEncoder(AuthProperties properties) {
        return new BoundedPasswordEncoder(
                new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new LongPasswordBCryptEncoder())),
                properties.passwordHashes(),
                properties.passwordHashWait());
    }

    @Bean
    MeterBinder passwordHashingMetrics(BoundedPasswordEncoder encoder) {
        return registry -> {
            Gauge.builder("staffkit.passwords.hashing", encoder, BoundedPasswordEncoder::hashing)
                    .description("Passwords being hashed or checked now")
                    .register(registry);
            Gauge.builder("staffkit.passwords.waiting", encoder, BoundedPasswordEncoder::waiting)
                    .description("Passwords waiting for their turn to be hashed or checked")
                    .register(registry);
        };
    }
}
