# The production image: the gateway jar (no embedded database, no simulators) on the Java 25 runtime that the tests
# and scripts/production-smoke run it on. Build the jar first: ./mvnw -pl gateway -am package -DskipTests
FROM eclipse-temurin:25-jre-alpine
RUN addgroup -S koho && adduser -S koho -G koho
USER koho
WORKDIR /app
COPY gateway/target/gateway-*.jar /app/gateway.jar
EXPOSE 8080
# the heap fixed at three quarters of the container's memory from the start: a heap that starts small and grows runs
# G1's concurrent cycles every second or two under load, and their pauses are the requests' slowest milliseconds
ENTRYPOINT ["java", "-XX:InitialRAMPercentage=75", "-XX:MaxRAMPercentage=75", "-jar", "/app/gateway.jar"]
