package com.staffkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;

class CorsConfigurationTests {

    @Test
    void configuredOriginsAreAllowedAndOthersAreNot() {
        var source =
                SecurityConfiguration.corsSource(new CorsProperties(List.of(" https://backoffice.example.com ", "")));
        CorsConfiguration configuration =
                source.getCorsConfiguration(new MockHttpServletRequest("GET", "/api/v1/staffs"));

        assertThat(configuration).isNotNull();
        assertThat(configuration.checkOrigin("https://backoffice.example.com"))
                .isEqualTo("https://backoffice.example.com");
        assertThat(configuration.checkOrigin("https://evil.example")).isNull();
        assertThat(configuration.getAllowedHeaders()).contains("Authorization", "X-Api-Key");
        assertThat(configuration.getExposedHeaders()).contains("Location", "Retry-After");
    }
}
