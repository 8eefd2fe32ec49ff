package org.contributionledger.api.scaleout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Docker does not run where the tests run, so docker-compose.yml, the Dockerfile and the balancer's
 * configuration are checked as files: every service, port, volume and variable they name exists,
 * and the topology is the one {@link TwoNodesOnPostgresIT} runs (two nodes, the postgres profile,
 * the same variables), with the properties the ledger really reads.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> NODES = List.of("ledger-1", "ledger-2");

    private final Map<String, Object> compose = load();
    private final Map<String, Object> services = map(compose.get("services"));

    @Test
    void theServicesAreTheProductionTopology() {
        assertThat(services).containsOnlyKeys("postgres", "kafka", "ledger-1", "ledger-2", "balancer");
        assertThat(text(service("postgres").get("image"))).startsWith("postgres:17");
        assertThat(text(service("kafka").get("image"))).startsWith("apache/kafka:4.");
        Map<String, Object> kafka = environment("kafka");
        assertThat(text(kafka.get("KAFKA_PROCESS_ROLES"))).as("KRaft: broker and controller in one")
                .isEqualTo("broker,controller");
        assertThat(kafka).doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(text(service("balancer").get("image"))).matches("(nginx|haproxy):.+");
        services.forEach((name, service) -> {
            assertThat(text(map(service).get("restart"))).as(name + " restart policy").isIn("unless-stopped", "always");
            assertThat(map(service)).as(name + " health check").containsKey("healthcheck");
        });
    }

    @Test
    void eachNodeIsBuiltFromThisRepositoryAndChecksReadiness() throws IOException {
        for (String node : NODES) {
            Map<String, Object> service = service(node);
            assertThat(text(service.get("build"))).isEqualTo(".");
            assertThat(service).as(node + " is reached through the balancer only").doesNotContainKey("ports");
            String health = String.join(" ", list(map(service.get("healthcheck")).get("test")));
            assertThat(health).contains("http://localhost:" + environment(node).get("SERVER_PORT") + "/actuator/health/readiness");
            assertThat(map(service.get("depends_on"))).containsOnlyKeys("postgres", "kafka");
            map(service.get("depends_on")).values()
                    .forEach(condition -> assertThat(map(condition)).containsEntry("condition", "service_healthy"));
        }
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile.lines().filter(line -> line.startsWith("FROM "))).as("multi-stage").hasSize(2);
        List<String> users = dockerfile.lines().filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).as("runs as a user of its own").containsExactly("USER ledger");
        assertThat(dockerfile).contains("/src/api/target/contribution-ledger.jar")
                .contains("EXPOSE " + environment("ledger-1").get("SERVER_PORT"));
        assertThat(Files.readString(ROOT.resolve("api/pom.xml"))).contains("<finalName>contribution-ledger</finalName>");
        for (String copied : List.of("pom.xml", "core/pom.xml", "query/pom.xml", "api/pom.xml", "core/src", "query/src", "api/src")) {
            assertThat(ROOT.resolve(copied)).as("copied by the Dockerfile").exists();
        }
    }

    @Test
    void theNodesGetTheTestedVariablesAndTheLedgerReadsEachOfThem() throws IOException {
        String configuration = Files.readString(ROOT.resolve("api/src/main/resources/application.yml"))
                + Files.readString(ROOT.resolve("api/src/main/resources/application-postgres.yml"));
        Set<String> nodeIds = new HashSet<>();
        for (String node : NODES) {
            Map<String, Object> environment = environment(node);
            Set<String> ledgerVariables = environment.keySet();
            assertThat(ledgerVariables).as(node + ": the variables TwoNodesOnPostgresIT gives each node")
                    .containsExactlyInAnyOrderElementsOf(TwoNodesOnPostgresIT.NODE_VARIABLES);
            for (String variable : ledgerVariables) {
                // Spring binds these two itself (spring.profiles.active, server.port), not through a placeholder.
                if (!Set.of("SPRING_PROFILES_ACTIVE", "SERVER_PORT").contains(variable)) {
                    assertThat(configuration.contains("${" + variable + ":") || configuration.contains("${" + variable + "}"))
                            .as(node + ": " + variable + " is read by the configuration").isTrue();
                }
            }
            assertThat(text(environment.get("SPRING_PROFILES_ACTIVE"))).isEqualTo("postgres");
            assertThat(text(environment.get("LEDGER_ADMIN_KEY"))).as("the admin key from the environment")
                    .startsWith("${LEDGER_ADMIN_KEY:?");
            nodeIds.add(text(environment.get("LEDGER_NODE_ID")));

            Map<String, Object> postgres = environment("postgres");
            assertThat(text(environment.get("LEDGER_DB_URL")))
                    .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
            assertThat(environment.get("LEDGER_DB_USER")).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(environment.get("LEDGER_DB_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            assertThat(text(environment.get("LEDGER_KAFKA_BOOTSTRAP_SERVERS")))
                    .isEqualTo(advertisedPlaintext());
        }
        assertThat(nodeIds).as("each node claims segments under its own name").hasSize(NODES.size());
        assertThat(configuration).contains("node-id: ${LEDGER_NODE_ID:}").contains("url: ${LEDGER_DB_URL}");
    }

    @Test
    void theBalancerSpreadsOneEntryPortOverExactlyTheNodes() throws IOException {
        Map<String, Object> balancer = service("balancer");
        assertThat(list(balancer.get("ports"))).containsExactly("${LEDGER_HTTP_PORT:-8080}:80");
        String mount = list(balancer.get("volumes")).get(0);
        String[] parts = mount.split(":");
        Path config = ROOT.resolve(parts[0]);
        assertThat(config).exists();
        String nginx = Files.readString(config);
        assertThat(nginx).contains("listen 80;");
        Matcher servers = Pattern.compile("server ([\\w.-]+):(\\d+)").matcher(nginx);
        List<String> upstreams = new ArrayList<>();
        while (servers.find()) {
            upstreams.add(servers.group(1) + ":" + servers.group(2));
        }
        assertThat(upstreams).containsExactlyInAnyOrderElementsOf(NODES.stream()
                .map(node -> node + ":" + environment(node).get("SERVER_PORT")).toList());
        assertThat(map(balancer.get("depends_on"))).containsOnlyKeys(NODES.toArray(String[]::new));
    }

    @Test
    void everyNamedVolumeIsDeclaredAndUsed() {
        Set<String> used = new HashSet<>();
        services.forEach((name, service) -> {
            for (String mount : list(map(service).getOrDefault("volumes", List.of()))) {
                String source = mount.split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(ROOT.resolve(source)).as(name + " mounts " + source).exists();
                } else {
                    used.add(source);
                }
            }
        });
        assertThat(map(compose.get("volumes")).keySet()).containsExactlyInAnyOrderElementsOf(used)
                .contains("postgres-data", "kafka-data");
    }

    private String advertisedPlaintext() {
        String listeners = text(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS"));
        return listeners.replace("PLAINTEXT://", "");
    }

    private Map<String, Object> service(String name) {
        assertThat(services).containsKey(name);
        return map(services.get(name));
    }

    private Map<String, Object> environment(String service) {
        return map(service(service).get("environment"));
    }

    private static Map<String, Object> load() {
        try {
            return new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return new LinkedHashMap<>((Map<String, Object>) value);
    }

    private static List<String> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return ((List<?>) value).stream().map(ComposeFileTest::text).collect(Collectors.toList());
    }

    private static String text(Object value) {
        return String.valueOf(value);
    }
}
