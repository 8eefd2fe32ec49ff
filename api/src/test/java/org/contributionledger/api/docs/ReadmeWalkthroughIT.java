package org.contributionledger.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.contributionledger.api.support.LedgerApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Runs the README's walkthrough, as its reader would (bash and curl, in one working directory),
 * twice against the same ledger: the second run must keep the key the first one saved, so that
 * every step after the first still acts with it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.level.root=WARN", "spring.main.banner-mode=off"})
class ReadmeWalkthroughIT {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern FIRST_SHELL_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> LedgerApiTest.newDataDir("readme").toString());
        registry.add("ledger.admin-key", () -> "change-me-to-a-long-random-admin-key");
    }

    @LocalServerPort
    int port;

    @Test
    void theWalkthroughRunsTwiceInTheSameDirectoryAndTheSecondRunKeepsTheKey() throws Exception {
        String readme = Files.readString(README);
        Matcher block = FIRST_SHELL_BLOCK.matcher(readme.substring(readme.indexOf("## Walkthrough")));
        assertThat(block.find()).isTrue();
        String script = block.group(1).replace("http://localhost:8080", "http://localhost:" + port);
        Path dir = LedgerApiTest.newDataDir("readme-walkthrough");
        Files.writeString(dir.resolve("walkthrough.sh"), script);

        String first = run(dir);
        String savedKey = Files.readString(dir.resolve("community.json"));
        assertThat(savedKey).contains("\"apiKey\":\"");
        assertThat(first).contains("\"status\":\"PENDING\"", "\"status\":\"CONFIRMED\"", "\"role\":\"contributor\"",
                "\"role\":\"taker\"", "\"freshness\"").doesNotContain("\"status\":401", "\"status\":409");

        String second = run(dir);
        assertThat(dir.resolve("community.json")).as("the key saved by the first run").hasContent(savedKey);
        assertThat(second).as("step 1 again: the community exists").contains("community-already-exists")
                .as("every later step still acts with the saved key").doesNotContain("\"status\":401")
                .contains("\"status\":\"CONFIRMED\"", "\"role\":\"contributor\"", "\"freshness\"");
    }

    private static String run(Path dir) throws IOException, InterruptedException {
        Process bash = new ProcessBuilder("bash", "walkthrough.sh").directory(dir.toFile()).redirectErrorStream(true)
                .start();
        assertThat(bash.waitFor(2, TimeUnit.MINUTES)).as("the walkthrough ends").isTrue();
        String output = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.exitValue()).as(output).isZero();
        return output;
    }
}
