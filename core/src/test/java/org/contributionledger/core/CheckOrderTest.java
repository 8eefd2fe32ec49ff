package org.contributionledger.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.contributionledger.core.common.InMemoryDirectory;
import org.contributionledger.core.common.LedgerRuleViolation;
import org.contributionledger.core.common.MemberNotActive;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.OccurredInFuture;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.common.UnknownMember;
import org.contributionledger.core.contribution.Contribution;
import org.contributionledger.core.contribution.ContributionIdConflict;
import org.contributionledger.core.contribution.ContributionRecorded;
import org.contributionledger.core.contribution.ContributionStatus;
import org.contributionledger.core.contribution.RecordContribution;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.contribution.SelfContributionNotAllowed;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.core.contribution.ValueOutOfRange;
import org.contributionledger.core.trust.DeclareTrust;
import org.contributionledger.core.trust.SelfTrustNotAllowed;
import org.contributionledger.core.trust.Trust;
import org.contributionledger.core.trust.TrustLevelOutOfRange;
import org.junit.jupiter.api.Test;

/**
 * The reference pages list each command's problems in the order the rules are checked. This test
 * holds the aggregates to that order: for every two rules listed, a command that breaks both is
 * refused with the one listed first.
 */
class CheckOrderTest {

    private static final Path REFERENCE = Path.of("..", "docs", "reference");
    private static final Pattern LISTED = Pattern.compile("^\\d+\\.\\s+((?:`[a-z]+(?:-[a-z]+)*`(?:\\s+or\\s+)?)+)\\s*\\(\\d{3}\\)");
    private static final Pattern TYPE = Pattern.compile("`([a-z]+(?:-[a-z]+)*)`");

    private static final Instant RECEIVED_AT = Instant.parse("2025-03-01T12:00:00Z");
    private static final String COMMUNITY = "makers";

    private final InMemoryDirectory directory = new InMemoryDirectory()
            .withCommunity(COMMUNITY)
            .withMembers(COMMUNITY, "alice", "bob", "sam", "eve")
            .suspend(COMMUNITY, "sam")
            .erase(COMMUNITY, "eve")
            .withMember(COMMUNITY, "max")
            .merge(COMMUNITY, "bob", "max");

    /** The fields of a command, changed by each rule's violation and then built. */
    private static final class Fields {
        String community = COMMUNITY;
        String from = "alice";
        String to = "bob";
        String category = "help";
        BigDecimal value = new BigDecimal("5");
        int level = 5;
        Instant at = RECEIVED_AT.minus(Duration.ofDays(1));
        boolean self;

        RecordContribution act() {
            return new RecordContribution(community, "act-1", from, self ? from : to, category, value, at, null, null,
                    RecordedBy.GIVER, RECEIVED_AT);
        }

        DeclareTrust trust() {
            return new DeclareTrust(community, from, self ? from : to, category, level, null, at, RECEIVED_AT);
        }
    }

    /** How to break each rule; the member rules both change the first member, so they are one step. */
    private static final Map<String, Consumer<Fields>> BREAK = new LinkedHashMap<>();
    private static final Map<String, Class<? extends LedgerRuleViolation>> RULE = new LinkedHashMap<>();

    static {
        rule("unknown-community", UnknownCommunity.class, f -> f.community = "nowhere");
        rule("self-contribution-not-allowed", SelfContributionNotAllowed.class, f -> f.self = true);
        rule("self-trust-not-allowed", SelfTrustNotAllowed.class, f -> f.self = true);
        rule("trust-level-out-of-range", TrustLevelOutOfRange.class, f -> f.level = 11);
        rule("unknown-category", UnknownCategory.class, f -> f.category = "gardening");
        rule("value-out-of-range", ValueOutOfRange.class, f -> f.value = new BigDecimal("5000"));
        rule("occurred-in-future", OccurredInFuture.class, f -> f.at = RECEIVED_AT.plus(Duration.ofDays(1)));
        rule("unknown-member", UnknownMember.class, f -> f.from = "ghost");
        rule("member-was-erased", MemberWasErased.class, f -> f.from = "eve");
        rule("member-was-merged", MemberWasMerged.class, f -> f.from = "max");
        rule("member-not-active", MemberNotActive.class, f -> f.from = "sam");
    }

    private static void rule(String type, Class<? extends LedgerRuleViolation> rule, Consumer<Fields> breakIt) {
        BREAK.put(type, breakIt);
        RULE.put(type, rule);
    }

    @Test
    void recordingAnActChecksItsRulesInTheListedOrder() throws IOException {
        List<String> listed = listed("record-an-act.md");
        assertThat(listed).startsWith("contribution-id-conflict");
        assertThat(listed).containsSubsequence("unknown-community", "self-contribution-not-allowed", "unknown-category",
                "value-out-of-range", "occurred-in-future", "unknown-member");

        for (String[] pair : pairs(listed.subList(1, listed.size()))) {
            AggregateTestFixture<Contribution> fixture = new AggregateTestFixture<>(Contribution.class);
            fixture.registerInjectableResource(directory);
            fixture.givenNoPriorActivity().when(breaking(pair).act())
                    .expectNoEvents().expectException(RULE.get(pair[0]));
        }

        // A taken id is answered as a conflict whatever else is wrong with the act.
        Fields everythingWrong = breaking(new String[] {"self-contribution-not-allowed", "unknown-category",
                "value-out-of-range", "occurred-in-future", "unknown-member"});
        AggregateTestFixture<Contribution> fixture = new AggregateTestFixture<>(Contribution.class);
        fixture.registerInjectableResource(directory);
        fixture.given(new ContributionRecorded(COMMUNITY, "act-1", "alice", "bob", "help", new BigDecimal("5"),
                        RECEIVED_AT.minus(Duration.ofDays(1)), null, null, RecordedBy.GIVER, ContributionStatus.PENDING))
                .when(everythingWrong.act())
                .expectNoEvents().expectException(ContributionIdConflict.class);
    }

    @Test
    void declaringTrustChecksItsRulesInTheListedOrder() throws IOException {
        List<String> listed = listed("declare-trust.md");
        assertThat(listed).containsSubsequence("self-trust-not-allowed", "trust-level-out-of-range",
                "unknown-community", "unknown-category", "occurred-in-future", "unknown-member");

        for (String[] pair : pairs(listed)) {
            AggregateTestFixture<Trust> fixture = new AggregateTestFixture<>(Trust.class);
            fixture.registerInjectableResource(directory);
            fixture.givenNoPriorActivity().when(breaking(pair).trust())
                    .expectNoEvents().expectException(RULE.get(pair[0]));
        }
    }

    /** The member rules: each is one way the same member can be wrong, so no two of them can be broken at once. */
    private static final Set<String> MEMBER_RULES = Set.of("unknown-member", "member-was-erased", "member-was-merged",
            "member-not-active");

    /** Every two rules in listed order, leaving out pairs of member rules, which concern one member each way. */
    private static List<String[]> pairs(List<String> listed) {
        List<String[]> pairs = new ArrayList<>();
        for (int first = 0; first < listed.size(); first++) {
            for (int second = first + 1; second < listed.size(); second++) {
                String a = listed.get(first);
                String b = listed.get(second);
                if (!(MEMBER_RULES.contains(a) && MEMBER_RULES.contains(b))) {
                    assertThat(BREAK).as("a way to break %s", b).containsKey(b);
                    pairs.add(new String[] {a, b});
                }
            }
        }
        assertThat(pairs).isNotEmpty();
        return pairs;
    }

    private static Fields breaking(String[] rules) {
        Fields fields = new Fields();
        for (String rule : rules) {
            BREAK.get(rule).accept(fields);
        }
        return fields;
    }

    private static List<String> listed(String page) throws IOException {
        List<String> types = new ArrayList<>();
        for (String line : Files.readString(REFERENCE.resolve(page)).split("\n")) {
            Matcher listed = LISTED.matcher(line);
            if (listed.find()) {
                Matcher type = TYPE.matcher(listed.group(1));
                while (type.find()) {
                    types.add(type.group(1));
                }
            }
        }
        return types;
    }
}
