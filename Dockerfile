# mailhub: build the project and run the provisioned WildFly it produces.
#   docker build -t mailhub .
#   docker run -p 8080:8080 -v mailhub-data:/opt/mailhub/standalone/data mailhub
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -DskipTests install

FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /opt/mailhub mailhub
COPY --from=build --chown=mailhub /src/ear/target/server /opt/mailhub
USER mailhub
# standalone.sh relays SIGTERM (docker stop) to the server only when it runs it in the background; the
# server then stops gracefully (bin/standalone.conf, MAILHUB_STOP_TIMEOUT). Give it the time: docker stop -t 45
ENV LAUNCH_JBOSS_IN_BACKGROUND=1
EXPOSE 8080
VOLUME /opt/mailhub/standalone/data
ENTRYPOINT ["/opt/mailhub/bin/standalone.sh", "-c", "standalone-full.xml", "-b", "0.0.0.0"]
