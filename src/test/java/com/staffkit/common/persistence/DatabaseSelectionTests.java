package com.staffkit.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** With a datasource URL no embedded PostgreSQL starts; without one, a real one starts and keeps its data. */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseSelectionTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
    @Import({EmbeddedDatabaseConfiguration.class, DatabaseInfoLogger.class})
    static class Selection {}

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
}
