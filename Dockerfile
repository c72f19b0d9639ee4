# The production image: the gateway jar (no embedded database, no simulators) on the Java 25 runtime that the tests
# and scripts/production-smoke run it on. Build the jar first: ./mvnw -pl gateway -am package -DskipTests
FROM eclipse-temurin:25-jre-alpine
RUN addgroup -S koho && adduser -S koho -G koho
USER koho
WORKDIR /app
COPY gateway/target/gateway-*.jar /app/gateway.jar
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/gateway.jar"]
