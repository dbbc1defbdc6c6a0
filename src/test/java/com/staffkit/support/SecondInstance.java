package com.staffkit.support;

import com.staffkit.StaffkitApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Another instance of the service on the test database, on a port of its own, configured like the
 * tests' own instance (the bootstrap admin, the test mail server, trusted proxy) plus what a test adds.
 */
public final class SecondInstance {

    private SecondInstance() {}

    public static ConfigurableApplicationContext start(Map<String, String> extra) {
        TestDatabase.Connection database = TestDatabase.connection();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", database.url());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.datasource.hikari.maximum-pool-size", "4");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", TestMail.port());
        properties.put("staffkit.bootstrap-admin.email", IntegrationTest.ADMIN_EMAIL);
        properties.put("staffkit.bootstrap-admin.password", IntegrationTest.ADMIN_PASSWORD);
        properties.put("staffkit.proxy.trusted", "127.0.0.1");
        properties.putAll(extra);
        // As arguments, which outrank application.yml (default properties would not).
        return new SpringApplicationBuilder(StaffkitApplication.class)
                .run(properties.entrySet().stream()
                        .map(property -> "--" + property.getKey() + "=" + property.getValue())
                        .toArray(String[]::new));
    }

    /** A client of that instance. */
    public static Api api(ConfigurableApplicationContext instance, JsonMapper json) {
        return new Api("http://localhost:" + instance.getEnvironment().getProperty("local.server.port"), json);
    }
}
