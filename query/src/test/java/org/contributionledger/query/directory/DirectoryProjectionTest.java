package org.contributionledger.query.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.contributionledger.core.common.CommunityRules;
import org.contributionledger.core.common.MemberStanding;
import org.contributionledger.core.community.CommunityApiKeyIssued;
import org.contributionledger.core.community.CommunityApiKeyRevoked;
import org.contributionledger.core.community.CommunityCreated;
import org.contributionledger.core.community.CommunitySettings;
import org.contributionledger.core.community.CommunitySettingsChanged;
import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.core.community.CommunitySettings.ReputationWeights;
import org.contributionledger.core.member.MemberProfileUpdated;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MemberReinstated;
import org.contributionledger.core.member.MemberSuspended;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DirectoryProjectionTest {

    private ProjectionTestLedger ledger;
    private DirectoryProjection directory;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        directory = ledger.directory();
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void communityRulesCarryItsCategoriesMaxValueWithoutTrailingZerosAndConfirmationRequirement() {
        CommunitySettings settings = new CommunitySettings(List.of("help", "repair", "teaching"), null,
                new BigDecimal("250.50"), false, null, null);
        directory.on(new CommunityCreated("garden", "Garden club", settings), Instant.parse("2025-01-02T03:04:05Z"));

        Optional<CommunityRules> rules = directory.findCommunity("garden");

        assertThat(rules).isPresent();
        assertThat(rules.get().communityId()).isEqualTo("garden");
        assertThat(rules.get().categories()).containsExactlyInAnyOrder("help", "repair", "teaching");
        // Stored as NUMERIC(38, 6), i.e. 250.500000; the rules strip the zeros again.
        assertThat(rules.get().maxValuePerAct()).isEqualTo(new BigDecimal("250.5"));
        assertThat(rules.get().confirmationRequired()).isFalse();
    }

    @Test
    void communityCreatedWithDefaultsHasTheDefaultRules() {
        directory.on(new CommunityCreated("plain", "Plain", CommunitySettings.defaults()), ledger.tick());

        CommunityRules rules = directory.findCommunity("plain").orElseThrow();

        assertThat(rules.categories()).containsExactlyInAnyOrderElementsOf(CommunitySettings.DEFAULT_CATEGORIES);
        assertThat(rules.maxValuePerAct()).isEqualByComparingTo("1000");
        assertThat(rules.maxValuePerAct()).isEqualTo(new BigDecimal("1000").stripTrailingZeros());
        assertThat(rules.confirmationRequired()).isTrue();
    }

    @Test
    void findCommunityReturnsNameCreationTimeAndEverySettingAsCreated() {
        CommunitySettings settings = new CommunitySettings(List.of("help", "advice"), List.of("alice"),
                new BigDecimal("75.25"), true, new ReciprocityThresholds(0.25, 4.0, 3),
                new ReputationWeights(2.0, 0.5, Map.of("advice", 3.0), 0.2));
        Instant at = Instant.parse("2025-01-02T03:04:05.123456Z");
        directory.on(new CommunityCreated("garden", "Garden club", settings), at);

        Community community = directory.handle(new FindCommunity("garden")).orElseThrow();

        assertThat(community.communityId()).isEqualTo("garden");
        assertThat(community.name()).isEqualTo("Garden club");
        assertThat(community.createdAt()).isEqualTo(at);
        assertThat(community.settings()).isEqualTo(settings);
    }

    @Test
    void changedSettingsReplaceTheRulesAndEverySetting() {
        directory.on(new CommunityCreated("garden", "Garden club", CommunitySettings.defaults()), ledger.tick());
        CommunitySettings changed = new CommunitySettings(List.of("help", "seeds"), List.of("bob"),
                new BigDecimal("20"), false, new ReciprocityThresholds(0.1, 9.0, 2),
                new ReputationWeights(0.5, 2.0, Map.of("seeds", 4.0), 0.3));

        directory.on(new CommunitySettingsChanged("garden", changed));

        CommunityRules rules = directory.findCommunity("garden").orElseThrow();
        assertThat(rules.categories()).containsExactlyInAnyOrder("help", "seeds");
        assertThat(rules.maxValuePerAct()).isEqualByComparingTo("20");
        assertThat(rules.confirmationRequired()).isFalse();
        Community community = directory.handle(new FindCommunity("garden")).orElseThrow();
        assertThat(community.settings()).isEqualTo(changed);
        assertThat(community.name()).as("only the settings change").isEqualTo("Garden club");
    }

    @Test
    void unknownCommunityIsNotFound() {
        assertThat(directory.findCommunity("nowhere")).isEmpty();
        assertThat(directory.handle(new FindCommunity("nowhere"))).isEmpty();
    }

    @Test
    void apiKeyOwnerIsFoundByTheKeyDigestOnly() {
        ledger.community("garden");
        ledger.community("choir");
        String gardenDigest = "a".repeat(64);
        String choirDigest = "b".repeat(64);
        directory.on(new CommunityApiKeyIssued("garden", "key-1", gardenDigest), ledger.tick());
        directory.on(new CommunityApiKeyIssued("choir", "key-2", choirDigest), ledger.tick());

        assertThat(directory.handle(new FindApiKeyOwner(gardenDigest))).contains(new ApiKeyOwner("key-1", "garden", false));
        assertThat(directory.handle(new FindApiKeyOwner(choirDigest))).contains(new ApiKeyOwner("key-2", "choir", false));
        assertThat(directory.handle(new FindApiKeyOwner("c".repeat(64)))).isEmpty();
        assertThat(directory.handle(new FindApiKeyOwner("key-1"))).as("the key id is not the digest").isEmpty();
    }

    @Test
    void aRevokedKeyIsStillFoundButMarkedRevokedAndListedWithItsTimes() {
        ledger.community("garden");
        Instant issued = Instant.parse("2025-03-01T10:00:00Z");
        Instant rotated = Instant.parse("2025-03-02T10:00:00Z");
        Instant revoked = Instant.parse("2025-03-03T10:00:00Z");
        directory.on(new CommunityApiKeyIssued("garden", "key-1", "a".repeat(64)), issued);
        directory.on(new CommunityApiKeyIssued("garden", "key-2", "b".repeat(64)), rotated);
        directory.on(new CommunityApiKeyRevoked("garden", "key-1"), revoked);

        assertThat(directory.handle(new FindApiKeyOwner("a".repeat(64)))).contains(new ApiKeyOwner("key-1", "garden", true));
        assertThat(directory.handle(new FindApiKeyOwner("b".repeat(64)))).contains(new ApiKeyOwner("key-2", "garden", false));
        assertThat(directory.handle(new FindCommunityApiKeys("garden"))).containsExactly(
                new CommunityApiKey("key-1", issued, revoked), new CommunityApiKey("key-2", rotated, null));
        assertThat(directory.handle(new FindCommunityApiKeys("choir"))).isEmpty();
    }

    @Test
    void registeredMemberIsActiveWithDisplayNameAndRegistrationTime() {
        ledger.community("garden");
        Instant at = Instant.parse("2025-02-03T10:11:12Z");
        directory.on(new MemberRegistered("garden", "alice", "Alice A."), at);

        assertThat(directory.handle(new FindMember("garden", "alice")))
                .contains(new Member("garden", "alice", "Alice A.", true, at, false));
        assertThat(directory.findMember("garden", "alice")).contains(new MemberStanding("garden", "alice", true));
    }

    @Test
    void suspendedMemberIsInactiveUntilReinstated() {
        ledger.community("garden", "alice", "bob");

        directory.on(new MemberSuspended("garden", "alice", "spam"));
        assertThat(directory.findMember("garden", "alice")).contains(new MemberStanding("garden", "alice", false));
        assertThat(directory.handle(new FindMember("garden", "alice")).orElseThrow().active()).isFalse();
        assertThat(directory.findMember("garden", "bob")).contains(new MemberStanding("garden", "bob", true));

        directory.on(new MemberReinstated("garden", "alice"));
        assertThat(directory.findMember("garden", "alice")).contains(new MemberStanding("garden", "alice", true));
        assertThat(directory.handle(new FindMember("garden", "alice")).orElseThrow().active()).isTrue();
    }

    @Test
    void profileUpdateChangesTheDisplayNameOnly() {
        ledger.community("garden");
        Instant registeredAt = ledger.tick();
        directory.on(new MemberRegistered("garden", "alice", "Alice"), registeredAt);
        directory.on(new MemberSuspended("garden", "alice", "holiday"));

        directory.on(new MemberProfileUpdated("garden", "alice", "Alice Liddell"));

        assertThat(directory.handle(new FindMember("garden", "alice")))
                .contains(new Member("garden", "alice", "Alice Liddell", false, registeredAt, false));
    }

    @Test
    void membersAreScopedToTheirCommunity() {
        ledger.community("garden", "alice");
        ledger.community("choir", "bob");

        assertThat(directory.findMember("garden", "bob")).isEmpty();
        assertThat(directory.handle(new FindMember("choir", "alice"))).isEmpty();
        assertThat(directory.handle(new FindMember("garden", "nobody"))).isEmpty();
    }
}
