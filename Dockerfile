# The service image: the shaded jar on a JRE. Build the jar first: mvn -B package -DskipTests
FROM eclipse-temurin:17-jre
WORKDIR /app
COPY target/dropnight.jar /app/dropnight.jar
EXPOSE 8080
# Bind all interfaces inside the container; publish the port to loopback only (see docker-compose.yml).
ENTRYPOINT ["java", "-jar", "/app/dropnight.jar", "serve", "--host", "0.0.0.0", "--port", "8080", "--run-dir", "/reports/service"]
