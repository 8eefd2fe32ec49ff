# The ledger's image, built from this repository: `docker compose build` or `docker build -t contribution-ledger .`
# Stage 1 builds the executable jar with Maven; stage 2 runs it on a JRE as an unprivileged user.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The build files first, so that the downloaded dependencies stay cached while only sources change.
COPY pom.xml .
COPY core/pom.xml core/
COPY query/pom.xml query/
COPY api/pom.xml api/
COPY core/src core/src
COPY query/src query/src
COPY api/src api/src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -Dmaven.test.skip=true package

FROM eclipse-temurin:17-jre
# curl for the health checks of docker-compose.yml.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system ledger && useradd --system --gid ledger --home-dir /var/lib/ledger ledger \
    && mkdir -p /var/lib/ledger/data && chown -R ledger:ledger /var/lib/ledger
COPY --from=build /src/api/target/contribution-ledger.jar /tmp/contribution-ledger.jar
# Class data sharing, as ./ledger does it (it halves the start): the jar unpacked, then one training
# start on a scratch database that stops once the context is ready and leaves the archive of the
# classes it loaded. Made in this stage: the archive is tied to this JRE and these paths.
RUN java -Djarmode=tools -jar /tmp/contribution-ledger.jar extract --destination /app \
    && rm /tmp/contribution-ledger.jar \
    && LEDGER_DATA_DIR=/tmp/training LEDGER_ADMIN_KEY=training-start-only-not-a-key-of-any-ledger-0123456789 \
       java -XX:ArchiveClassesAtExit=/app/ledger.jsa -Dspring.context.exit=onRefresh -jar /app/contribution-ledger.jar \
    && rm -rf /tmp/training
USER ledger
WORKDIR /var/lib/ledger
# Used only without a database URL (the embedded H2 database); the postgres profile ignores it.
ENV LEDGER_DATA_DIR=/var/lib/ledger/data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/ledger.jsa", "-jar", "/app/contribution-ledger.jar"]
