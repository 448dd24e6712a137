# Opulent Horizons MCP Gateway: the WAR on Open Liberty (OpenJ9), sized for 0.5 GiB containers.
#   docker build -t mcp-gateway .
#   docker run -p 9080:9080 --env-file .env -e PGHOST=... mcp-gateway      (or: docker compose up)
# Not built on this repository's machines (no Docker engine); DockerfileTest reads it. docs/how-to/deploy.md

# Base images pinned by version; Maven's to the line the project builds with, Liberty's to the runtime the tests use
# (openliberty.version in pom.xml).
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY sql sql
COPY src src
# Builds the WAR and copies the PostgreSQL driver where server.xml expects it.
RUN mvn -B -ntp package liberty:create liberty:deploy -DskipTests

# kernel-slim: the Liberty kernel only; features.sh then installs just the features server.xml names (from Maven
# Central), the smallest image that runs the server, as the Open Liberty image documentation describes.
FROM icr.io/appcafe/open-liberty:26.0.0.3-kernel-slim-java17-openj9-ubi-minimal
COPY --chown=1001:0 src/main/liberty/config/server.xml /config/server.xml
COPY --chown=1001:0 src/main/liberty/config/jvm.options /config/jvm.options
RUN features.sh
COPY --chown=1001:0 --from=build /src/target/liberty/wlp/usr/shared/resources/postgresql /opt/ol/wlp/usr/shared/resources/postgresql
COPY --chown=1001:0 --from=build /src/target/mcp-gateway.war /config/apps/mcp-gateway.war
# Listen on every interface inside the container (the default is localhost only).
RUN echo "http.host=*" >> /config/bootstrap.properties && configure.sh

# Memory in 0.5 GiB: jvm.options sizes the heap from the container's limit (-XX:MaxRAMPercentage) and bounds
# direct buffers and thread stacks for every JVM; the JIT code cache is bounded here because OpenJ9 names it
# otherwise (by default it takes 25 % of the container, 128 MiB). The budget is in docs/reference/operations.md#memory.
# CPU in 0.25 of a core: configure.sh above fills OpenJ9's shared class cache (classes and AOT-compiled code) at
# build time, so a replica that starts loads rather than compiles; -Xtune:virtualized makes the JIT spend less
# CPU for a little less peak speed, as OpenJ9 advises for CPU-limited containers. Not measured here (no Docker
# engine): docs/reference/operations.md#start-up-under-a-quarter-of-a-cpu says what is expected and why.
# Logs: JSON on the console, from INFO up (Liberty's console default is AUDIT, which leaves out the tool audit lines).
ENV OPENJ9_JAVA_OPTIONS="${OPENJ9_JAVA_OPTIONS} -Xcodecachetotal48m -Xtune:virtualized" \
    WLP_LOGGING_CONSOLE_FORMAT=json \
    WLP_LOGGING_CONSOLE_LOGLEVEL=info

EXPOSE 9080
# For docker run and docker compose; Azure Container Apps ignores it and uses the probes in infra/main.bicep.
# curl is in the base image: the Semeru UBI 9 minimal runtime ships it, and the Liberty image's own build runs it.
HEALTHCHECK --interval=15s --timeout=3s --start-period=90s CMD curl -fsS -o /dev/null http://localhost:9080/health/live || exit 1
