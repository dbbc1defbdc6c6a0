# syntax=docker/dockerfile:1

# Build stage: the same Maven wrapper and JDK 25 as a developer's machine.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw --batch-mode --no-transfer-progress dependency:go-offline
COPY src src
# The published API description: the build generates its test client from it.
COPY docs/openapi.json docs/openapi.json
RUN ./mvnw --batch-mode --no-transfer-progress -DskipTests -Dspotless.check.skip=true package \
    && java -Djarmode=tools -jar target/staffkit.jar extract --layers --destination target/extracted

# Runtime stage: a JRE only, a non-root user, and an external PostgreSQL (never the embedded one).
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
# application context is up (against a throwaway embedded PostgreSQL, which the end of this step
# stops): start-up is about three times faster (docs/performance.md). Should the training fail, the
# image still works, only without it.
RUN STAFFKIT_EMBEDDED_DATABASE_ENABLED=true STAFFKIT_EMBEDDED_DATABASE_DIR=/tmp/aot-training \
        java -XX:AOTCacheOutput=staffkit.aot -Dspring.context.exit=onRefresh -jar staffkit.jar \
        || echo "AOT cache not recorded: the service starts without it"; \
    rm -rf /tmp/aot-training /tmp/embedded-pg
ENV STAFFKIT_EMBEDDED_DATABASE_ENABLED=false \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
    CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:AOTCache=staffkit.aot", "-jar", "staffkit.jar"]
