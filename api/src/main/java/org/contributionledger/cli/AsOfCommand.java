package org.contributionledger.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.contributionledger.cli.ExitCodes.InputProblem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Asks a read as of a past instant ({@code ?asOf=}) and prints the ledger's JSON answer, which says
 * in {@code asOf} the instant and the event position it was answered at (docs/audit.md, "As of").
 */
@Command(name = "as-of", mixinStandardHelpOptions = true,
        description = {"Print what the ledger answered at a past instant, as JSON: reputation, reciprocity,"
                + " statement, influencers, network (of a member), reciprocity of two members, leaderboard or stats"
                + " (of the community).",
                "Examples: ledger as-of --community makers --at 2026-01-15T10:00:00Z reputation ada",
                "          ledger as-of --community makers --at 2026-01-15T10:00:00Z reciprocity ada bob"})
public class AsOfCommand implements Callable<Integer> {

    /** A replay of a long history to the instant may take a while the first time. */
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--url", defaultValue = "${env:LEDGER_URL:-http://localhost:8080}", description = "Ledger base URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--key", description = "The community's API key or the admin key; default: $LEDGER_KEY, else $LEDGER_ADMIN_KEY.")
    String key;

    @Option(names = "--community", required = true, description = "The community to read.")
    String community;

    @Option(names = "--at", required = true, description = "The instant, ISO-8601, e.g. 2026-01-15T10:00:00Z.")
    String at;

    @Option(names = "--category", description = "leaderboard, influencers, network: one category instead of overall.")
    String category;

    @Parameters(index = "0", paramLabel = "WHAT",
            description = "reputation, reciprocity, statement, influencers, network, leaderboard or stats.")
    String what;

    @Parameters(index = "1..2", arity = "0..2", paramLabel = "MEMBER",
            description = "The member (reputation, reciprocity, statement, influencers, network); two members for the"
                    + " reciprocity between them.")
    List<String> members = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        String chosenKey = key != null ? key : firstSet(System.getenv("LEDGER_KEY"), System.getenv("LEDGER_ADMIN_KEY"));
        if (chosenKey == null || chosenKey.isBlank()) {
            throw new InputProblem("no key: pass --key or set LEDGER_KEY (or LEDGER_ADMIN_KEY)");
        }
        JsonNode answer = new LedgerHttpClient(url, chosenKey, TIMEOUT).get(path());
        PrintWriter out = spec.commandLine().getOut();
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer));
        out.flush();
        return ExitCodes.OK;
    }

    /** The read's URL path and query for the command line given, or an InputProblem saying what is wrong. */
    String path() {
        try {
            Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw new InputProblem("--at must be an ISO-8601 instant such as 2026-01-15T10:00:00Z but was '" + at + "'");
        }
        String base = "/api/v1/communities/" + encode(community);
        String asOf = "asOf=" + encode(at);
        String categoryFilter = category == null ? "" : "category=" + encode(category) + "&";
        return switch (what) {
            case "leaderboard" -> noMember(base + "/leaderboard?" + categoryFilter + asOf);
            case "stats" -> noMember(base + "/stats?" + asOf);
            case "reputation" -> base + "/members/" + oneMember() + "/reputation?" + asOf;
            case "statement" -> base + "/members/" + oneMember() + "/statement?" + asOf;
            case "influencers" -> base + "/members/" + oneMember() + "/influencers?" + categoryFilter + asOf;
            case "network" -> base + "/members/" + oneMember() + "/network?" + categoryFilter + asOf;
            case "reciprocity" -> members.size() == 2
                    ? base + "/reciprocity?a=" + encode(members.get(0)) + "&b=" + encode(members.get(1)) + "&" + asOf
                    : base + "/members/" + oneMember() + "/reciprocity?" + asOf;
            default -> throw new InputProblem("unknown read '" + what
                    + "': use reputation, reciprocity, statement, influencers, network, leaderboard or stats");
        };
    }

    private String noMember(String path) {
        if (!members.isEmpty()) {
            throw new InputProblem(what + " is a read of the whole community: it takes no member");
        }
        return path;
    }

    private String oneMember() {
        if (members.size() != 1) {
            throw new InputProblem(what + " needs one member" + ("reciprocity".equals(what) ? " (or two)" : ""));
        }
        return encode(members.get(0));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
