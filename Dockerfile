# The production image: the gateway jar (no embedded database, no simulators) on a Java 21 runtime.
FROM eclipse-temurin:21-jre-alpine
RUN addgroup -S koho && adduser -S koho -G koho
USER koho
WORKDIR /app
COPY gateway/target/gateway-*.jar /app/gateway.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/gateway.jar"]
