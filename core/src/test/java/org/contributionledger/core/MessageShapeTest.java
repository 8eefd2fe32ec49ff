package org.contributionledger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CreateCommunity;
import org.contributionledger.core.contribution.ConfirmContribution;
import org.contributionledger.core.contribution.RecordContribution;
import org.contributionledger.core.contribution.RecordedBy;
import org.contributionledger.core.member.RegisterMember;
import org.contributionledger.core.member.SuspendMember;
import org.contributionledger.core.member.UpdateMemberProfile;
import org.contributionledger.core.trust.DeclareTrust;
import org.contributionledger.core.trust.WithdrawTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Compact constructors refuse malformed messages before any aggregate sees them. */
class MessageShapeTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "has/slash", "-leading-dash", "ünïcode", "*"})
    void malformedIdIsRefused(String id) {
        assertThrows(IllegalArgumentException.class, () -> new RegisterMember("makers", id, "Alice"));
        assertThrows(IllegalArgumentException.class, () -> new RegisterMember(id, "alice", "Alice"));
    }

    @Test
    void idLongerThan128CharactersIsRefused() {
        String longest = "a".repeat(128);
        assertThat(new RegisterMember("makers", longest, "Alice").memberId()).isEqualTo(longest);
        assertThrows(IllegalArgumentException.class, () -> new RegisterMember("makers", longest + "a", "Alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "user.42", "a_b", "ext:123", "alice@example.org", "a+b", "A-1"})
    void wellFormedIdIsAccepted(String id) {
        assertThat(Ids.isValid(id)).isTrue();
        assertThat(new RegisterMember("makers", id, "Alice").memberId()).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\t\n"})
    void blankDisplayNameIsRefused(String displayName) {
        assertThrows(IllegalArgumentException.class, () -> new RegisterMember("makers", "alice", displayName));
        assertThrows(IllegalArgumentException.class, () -> new UpdateMemberProfile("makers", "alice", displayName));
    }

    @Test
    void displayNameIsTrimmedAndLimitedTo200Characters() {
        assertThat(new RegisterMember("makers", "alice", "  Alice ").displayName()).isEqualTo("Alice");
        assertThrows(IllegalArgumentException.class, () -> new RegisterMember("makers", "alice", "x".repeat(201)));
    }

    @Test
    void blankSuspensionReasonIsAbsent() {
        assertThat(new SuspendMember("makers", "alice", "  ").reason()).isNull();
    }

    /** Missing parts are a malformed message (IllegalArgumentException), like malformed ones, not a NullPointerException. */
    @Test
    void communityNeedsAnIdANameAndAKey() {
        assertThrows(IllegalArgumentException.class, () -> new CreateCommunity("has space", "Makers", null, "k1", "sha"));
        assertThrows(IllegalArgumentException.class, () -> new CreateCommunity("makers", " ", null, "k1", "sha"));
        assertThrows(IllegalArgumentException.class, () -> new CreateCommunity("makers", "Makers", null, "", "sha"));
        assertThrows(IllegalArgumentException.class, () -> new CreateCommunity("makers", "Makers", null, "k1", null));
    }

    @Test
    void communityWithoutSettingsGetsTheDefaults() {
        CreateCommunity command = new CreateCommunity("makers", "Makers", null, "k1", "sha");
        assertThat(command.settings()).isEqualTo(CommunitySettings.defaults());
        assertThat(command.settings().categories())
                .containsExactly("help", "introduction", "referral", "advice", "endorsement");
        assertThat(command.settings().maxValuePerAct()).isEqualByComparingTo("1000");
        assertThat(command.settings().confirmationRequired()).isTrue();
        assertThat(command.settings().preTrustedMembers()).isEmpty();
    }

    @Test
    void emptyCategoryListMeansTheDefaults() {
        assertThat(new CommunitySettings(List.of(), null, null, null, null, null).categories())
                .isEqualTo(CommunitySettings.DEFAULT_CATEGORIES);
    }

    @Test
    void malformedSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new CommunitySettings(List.of("help", "help"), null, null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CommunitySettings(List.of("has space"), null, null, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CommunitySettings(null, null, BigDecimal.ZERO, null, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new CommunitySettings.ReputationWeights(null, null, java.util.Collections.singletonMap("help", null), null));
    }

    @Test
    void contributionNeedsEveryPartOfTheAct() {
        assertThrows(IllegalArgumentException.class, () -> record("has space", BigDecimal.ONE, NOW, RecordedBy.GIVER, NOW));
        assertThrows(IllegalArgumentException.class, () -> record("help", null, NOW, RecordedBy.GIVER, NOW));
        assertThrows(IllegalArgumentException.class, () -> record("help", BigDecimal.ONE, null, RecordedBy.GIVER, NOW));
        assertThrows(IllegalArgumentException.class, () -> record("help", BigDecimal.ONE, NOW, null, NOW));
        assertThrows(IllegalArgumentException.class, () -> record("help", BigDecimal.ONE, NOW, RecordedBy.GIVER, null));
        assertThrows(IllegalArgumentException.class, () -> new ConfirmContribution("makers", "act-1", ""));
    }

    @Test
    void trustNeedsAnArrivalTimeAndAWellFormedCategory() {
        assertThrows(IllegalArgumentException.class,
                () -> new DeclareTrust("makers", "alice", "bob", null, 5, null, NOW, null));
        assertThrows(IllegalArgumentException.class,
                () -> new DeclareTrust("makers", "alice", "bob", "has space", 5, null, NOW, NOW));
        assertThrows(IllegalArgumentException.class,
                () -> new DeclareTrust("makers", "alice", "bob", "*", 5, null, NOW, NOW));
        assertThrows(IllegalArgumentException.class, () -> new WithdrawTrust("makers", "alice", "bob", null, null));
    }

    @Test
    void trustDeclaredWithoutTimeIsDeclaredOnArrival() {
        assertThat(new DeclareTrust("makers", "alice", "bob", null, 5, " ", null, NOW).declaredAt()).isEqualTo(NOW);
    }

    private static RecordContribution record(String category, BigDecimal value, Instant occurredAt,
                                             RecordedBy recordedBy, Instant receivedAt) {
        return new RecordContribution("makers", "act-1", "alice", "bob", category, value, occurredAt, null, null,
                recordedBy, receivedAt);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "\u001b[2J", "\r", "\n", "\t", "\u007f", "\u0080", "\u009f"})
    void controlCharactersInTextAreRefusedNamingTheField(String control) {
        InvalidField name = assertThrows(InvalidField.class, () -> new RegisterMember("makers", "alice", "Al" + control + "ice"));
        assertThat(name.field()).isEqualTo("displayName");
        InvalidField trailing = assertThrows(InvalidField.class, () -> new SuspendMember("makers", "alice", "Left" + control));
        assertThat(trailing.field()).isEqualTo("reason");
        InvalidField note = assertThrows(InvalidField.class,
                () -> new DeclareTrust("makers", "alice", "bob", null, 1, control + "note", null, NOW));
        assertThat(note.field()).isEqualTo("note");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "ftp://example.org/", "example.org", "http://", "https:///x",
            "http://a b.org/"})
    void evidenceIsAnAbsoluteHttpUrl(String url) {
        InvalidField refused = assertThrows(InvalidField.class, () -> act(url));
        assertThat(refused.field()).isEqualTo("evidenceUrl");
        assertThat(act(" https://example.org/x ").evidenceUrl()).isEqualTo("https://example.org/x");
        assertThat(act(null).evidenceUrl()).isNull();
    }

    private static RecordContribution act(String evidenceUrl) {
        return new RecordContribution("makers", "act-1", "alice", "bob", "help", BigDecimal.ONE, NOW, null, evidenceUrl,
                RecordedBy.GIVER, NOW);
    }
}
