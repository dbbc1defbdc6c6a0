package com.staffkit.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalyzedException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;

/**
 * With a datasource URL no embedded PostgreSQL starts; without one, a real one starts and keeps its
 * data; and where none can start (the packaged jar carries none), the start stops at once saying what
 * to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseSelectionTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
    @Import({EmbeddedDatabaseConfiguration.class, DatabaseInfoLogger.class})
    static class Selection {}

    /** The classes of the packaged jar: everything but the embedded PostgreSQL. */
    private static FilteredClassLoader withoutEmbeddedPostgres() {
        return new FilteredClassLoader(EmbeddedPostgres.class);
    }

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(Selection.class);

    @Test
    void anExternalUrlStartsNoEmbeddedDatabase() {
        runner.withPropertyValues(
                        "spring.datasource.url=jdbc:postgresql://db.example:5432/staffkit",
                        "staffkit.embedded-database.enabled=true",
                        "staffkit.embedded-database.data-directory=./data/postgres",
                        "staffkit.embedded-database.port=0")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(EmbeddedPostgres.class);
                    assertThat(context).hasSingleBean(DatabaseInfoLogger.class);
                });
    }

    @Test
    void disablingTheEmbeddedDatabaseStartsNone() {
        runner.withPropertyValues(
                        "staffkit.embedded-database.enabled=false",
                        "staffkit.embedded-database.data-directory=./data/postgres",
                        "staffkit.embedded-database.port=0")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedPostgres.class));
    }

    @Test
    void withoutAUrlARealPostgresStartsAndItsDataPersists(@TempDir Path directory, CapturedOutput output) {
        String dataDirectory = directory.resolve("postgres").toString();
        runner.withPropertyValues(
                        "staffkit.embedded-database.enabled=true",
                        "staffkit.embedded-database.data-directory=" + dataDirectory,
                        "staffkit.embedded-database.port=0")
                .run(context -> {
                    assertThat(context).hasSingleBean(EmbeddedPostgres.class);
                    JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
                    jdbc.sql("create table kept (value text)").update();
                    jdbc.sql("insert into kept values ('still here')").update();
                    assertThat(jdbc.sql("select lower('ИВАН')")
                                    .query(String.class)
                                    .single())
                            .isEqualTo("иван");
                });
        assertThat(output.getAll()).contains("Database: embedded PostgreSQL");
        assertThat(Files.exists(Path.of(dataDirectory, "PG_VERSION"))).isTrue();

        runner.withPropertyValues(
                        "staffkit.embedded-database.enabled=true",
                        "staffkit.embedded-database.data-directory=" + dataDirectory,
                        "staffkit.embedded-database.port=0")
                .run(context -> {
                    JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
                    assertThat(jdbc.sql("select value from kept")
                                    .query(String.class)
                                    .single())
                            .isEqualTo("still here");
                });
    }

    @Nested
    class WithoutAnyDatabase {

        private final MissingDatabaseCheck check = new MissingDatabaseCheck();

        private static GenericApplicationContext context(ClassLoader classLoader, String... properties) {
            MockEnvironment environment = new MockEnvironment();
            for (String property : properties) {
                String[] nameAndValue = property.split("=", 2);
                environment.setProperty(nameAndValue[0], nameAndValue[1]);
            }
            GenericApplicationContext context = new GenericApplicationContext();
            context.setEnvironment(environment);
            context.setClassLoader(classLoader);
            return context;
        }

        @Test
        void thePackagedJarStopsSayingWhatToSet() {
            var context = context(withoutEmbeddedPostgres(), "staffkit.embedded-database.enabled=true");

            assertThatExceptionOfType(FailureAnalyzedException.class)
                    .isThrownBy(() -> check.initialize(context))
                    .satisfies(failure -> {
                        assertThat(failure.analysis().getDescription())
                                .contains("SPRING_DATASOURCE_URL")
                                .contains("carries no embedded PostgreSQL");
                        assertThat(failure.analysis().getAction())
                                .contains("Set SPRING_DATASOURCE_URL")
                                .contains("jdbc:postgresql://")
                                .contains("./mvnw spring-boot:run");
                    });
        }

        @Test
        void switchingTheEmbeddedDatabaseOffWithoutAUrlStopsSayingSo() {
            var context = context(getClass().getClassLoader(), "staffkit.embedded-database.enabled=false");

            assertThatExceptionOfType(FailureAnalyzedException.class)
                    .isThrownBy(() -> check.initialize(context))
                    .satisfies(failure -> assertThat(failure.analysis().getDescription())
                            .contains("STAFFKIT_EMBEDDED_DATABASE_ENABLED=false"));
        }

        @Test
        void aUrlOrTheEmbeddedDatabaseIsEnough() {
            assertThatNoException()
                    .isThrownBy(() -> check.initialize(context(
                            withoutEmbeddedPostgres(), "spring.datasource.url=jdbc:postgresql://db.example/staffkit")));
            assertThatNoException()
                    .isThrownBy(() -> check.initialize(context(getClass().getClassLoader())));
        }

        @Test
        void thePackagedJarWithAUrlStartsNoEmbeddedDatabase() {
            runner.withClassLoader(withoutEmbeddedPostgres())
                    .withPropertyValues(
                            "spring.datasource.url=jdbc:postgresql://db.example:5432/staffkit",
                            "staffkit.embedded-database.enabled=true",
                            "staffkit.embedded-database.data-directory=./data/postgres",
                            "staffkit.embedded-database.port=0")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context).hasSingleBean(DatabaseInfoLogger.class);
                        assertThat(context).doesNotHaveBean("embeddedPostgres");
                    });
        }

        @Test
        void theStartStopsBeforeTheContextRefreshesWithAReportNotAStackTrace(CapturedOutput output) {
            SpringApplication application = new SpringApplication(Selection.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            application.setResourceLoader(new DefaultResourceLoader(withoutEmbeddedPostgres()));
            application.setDefaultProperties(Map.of("spring.main.banner-mode", "off"));

            assertThatExceptionOfType(FailureAnalyzedException.class).isThrownBy(application::run);

            assertThat(output.getAll())
                    .contains("APPLICATION FAILED TO START")
                    .contains("Set SPRING_DATASOURCE_URL")
                    .doesNotContain("\tat ")
                    .doesNotContain("Application run failed")
                    .doesNotContain("Database: ");
        }
    }
}
