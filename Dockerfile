# Opulent Horizons MCP Gateway: the WAR on Open Liberty, sized for 0.5 GiB containers.
#   docker build -t mcp-gateway .
#   docker run -p 9080:9080 -e PGHOST=... -e PGUSER=... -e PGPASSWORD=... -e PGDATABASE=... \
#              -e MCP_ALLOWED_HOSTS=gateway.example.com mcp-gateway

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY sql sql
COPY src src
# Builds the WAR and copies the PostgreSQL driver where server.xml expects it.
RUN mvn -B -ntp package liberty:create liberty:deploy -DskipTests

FROM icr.io/appcafe/open-liberty:full-java17-openj9-ubi-minimal
COPY --chown=1001:0 src/main/liberty/config/server.xml /config/server.xml
COPY --chown=1001:0 src/main/liberty/config/jvm.options /config/jvm.options
COPY --chown=1001:0 --from=build /src/target/liberty/wlp/usr/shared/resources/postgresql /opt/ol/wlp/usr/shared/resources/postgresql
COPY --chown=1001:0 --from=build /src/target/mcp-gateway.war /config/apps/mcp-gateway.war
# Listen on every interface inside the container (the default is localhost only).
RUN echo "http.host=*" >> /config/bootstrap.properties && configure.sh
EXPOSE 9080
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s CMD curl -fs http://localhost:9080/health/live || exit 1
