package dev.pavu.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker and a real PostgreSQL.
 *
 * <p>The one switch is {@code PAVU_TEST_STACK} (environment variable or system property):
 * <ul>
 *   <li>{@code auto} (default): Testcontainers when a Docker engine answers, the local stack otherwise;</li>
 *   <li>{@code containers}: Testcontainers ({@code apache/kafka} and {@code postgres:16-alpine} images);</li>
 *   <li>{@code local}: the local stack of {@code deploy/local/stack}, started on demand when its ports are closed.</li>
 * </ul>
 * The returned configuration overrides {@code kafka.bootstrap.servers}, the Kafka login ({@link KafkaSecurity#operator()}:
 * the module's tests stand in for every service, on their own {@code pavu.test-*} topics) and the datasource; each
 * service keeps its own schema through {@code currentSchema}. On the local stack a service module's tests log in
 * as the service's own role ({@link LocalStack#dbLogin(String)}), which owns its test schema and nothing else.
 * {@link #bootstrapServers()} and {@link #jdbcUrl()} tell helpers such as {@link KafkaProbe} where the stack is.
 */
public class PavuStackResource implements QuarkusTestResourceLifecycleManager {

    private static volatile String bootstrap;
    private static volatile String jdbcUrl;
    private static volatile String dbUser;
    private static volatile String dbPassword;

    private KafkaContainer kafka;
    private PostgreSQLContainer postgres;

    @Override
    public Map<String, String> start() {
        String mode = Settings.get("PAVU_TEST_STACK", "auto");
        boolean containers = switch (mode) {
            case "containers" -> true;
            case "local" -> false;
            case "auto" -> dockerAvailable();
            default -> throw new IllegalStateException("PAVU_TEST_STACK must be auto, containers or local, was '" + mode + "'");
        };
        if (containers) {
            kafka = new KafkaContainer("apache/kafka:4.1.1");
            postgres = new PostgreSQLContainer("postgres:16-alpine").withDatabaseName("pavu")
                    .withUsername("pavu").withPassword("pavu");
            kafka.start();
            postgres.start();
            KafkaSecurity.usePlainBroker();
            bootstrap = kafka.getBootstrapServers();
            jdbcUrl = postgres.getJdbcUrl();
            dbUser = postgres.getUsername();
            dbPassword = postgres.getPassword();
        } else {
            LocalStack.ensureInfraUp();
            bootstrap = LocalStack.bootstrapServers();
            jdbcUrl = LocalStack.jdbcUrl();
            // the module's own role (planner-service: pavu_planner), as the service logs in on the stack
            String module = Path.of(System.getProperty("user.dir")).toAbsolutePath().getFileName().toString();
            LocalStack.DbLogin login = LocalStack.dbLogin(LocalStack.serviceOfModule(module));
            dbUser = login.user();
            dbPassword = login.password();
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        KafkaSecurity.operator().forEach((k, v) -> config.put("kafka." + k, v));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl);
        config.put("quarkus.datasource.username", dbUser);
        config.put("quarkus.datasource.password", dbPassword);
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
    }

    /** @return the Kafka bootstrap servers of the running test stack ({@code host:port}) */
    public static String bootstrapServers() {
        return bootstrap != null ? bootstrap : LocalStack.bootstrapServers();
    }

    /** @return the JDBC URL of the running test stack's database */
    public static String jdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : LocalStack.jdbcUrl();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
