package org.contributionledger.core.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.common.InMemoryDirectory;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.Recording;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Linking platform identities to a member, and each rule of it. */
class MemberIdentityTest {

    private static final String COMMUNITY = "makers";
    private static final String ADA = "ada";
    private static final MemberRegistered ADA_REGISTERED = new MemberRegistered(COMMUNITY, ADA, "Ada");
    private static final IdentityLinked ADA_ON_GITHUB = new IdentityLinked(COMMUNITY, ADA, "github", "583231", "ada");

    private FixtureConfiguration<Member> fixture;
    private InMemoryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryDirectory().withCommunity(COMMUNITY).withMembers(COMMUNITY, ADA, "bob");
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void anIdentityIsLinkedToAMember() {
        fixture.given(ADA_REGISTERED)
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "583231", "ada"))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.recordedNow(true))
               .expectEvents(ADA_ON_GITHUB);
    }

    @Test
    void linkingTheSameIdentityAgainIsAQuietRetry() {
        directory.withLinkedIdentity(COMMUNITY, "github", "583231", ADA);
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB)
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "583231", " ada "))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.alreadyRecorded(false))
               .expectNoEvents();
    }

    @Test
    void aNewLoginForTheSameUserIdIsRecorded() {
        directory.withLinkedIdentity(COMMUNITY, "github", "583231", ADA);
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB)
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "583231", "ada-lovelace"))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.recordedNow(false))
               .expectEvents(new IdentityLinked(COMMUNITY, ADA, "github", "583231", "ada-lovelace"));
    }

    @Test
    void theSameLoginAfterARenameIsComparedWithTheLatest() {
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB, new IdentityLinked(COMMUNITY, ADA, "github", "583231", "ada-l"))
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "583231", "ada-l"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void aMemberMayHaveSeveralIdentitiesOnOnePlatformAndOthers() {
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB)
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "99", "ada-work"))
               .expectEvents(new IdentityLinked(COMMUNITY, ADA, "github", "99", "ada-work"));
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB)
               .when(new LinkIdentity(COMMUNITY, ADA, "slack", "U024BE7LH", "U024BE7LH"))
               .expectEvents(new IdentityLinked(COMMUNITY, ADA, "slack", "U024BE7LH", "U024BE7LH"));
    }

    @Test
    void anIdentityLinkedToAnotherMemberIsNotLinkedAgain() {
        directory.withLinkedIdentity(COMMUNITY, "github", "583231", "bob");
        fixture.given(ADA_REGISTERED)
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "583231", "ada"))
               .expectNoEvents()
               .expectException(IdentityAlreadyLinked.class);
    }

    @Test
    void theSameUserIdOnAnotherPlatformIsAnotherIdentity() {
        directory.withLinkedIdentity(COMMUNITY, "github", "583231", "bob");
        fixture.given(ADA_REGISTERED)
               .when(new LinkIdentity(COMMUNITY, ADA, "discourse", "583231", "ada"))
               .expectEvents(new IdentityLinked(COMMUNITY, ADA, "discourse", "583231", "ada"));
    }

    @Test
    void anIdentityIsNotLinkedToAnErasedMember() {
        fixture.given(ADA_REGISTERED, new MemberErased(COMMUNITY, ADA))
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "583231", "ada"))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
        // Not even an identity the member had before the erasure.
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB, new MemberErased(COMMUNITY, ADA))
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "583231", "ada"))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }

    @Test
    void anIdentityIsNotLinkedToAMemberWhoWasNeverRegistered() {
        fixture.givenNoPriorActivity()
               .when(new LinkIdentity(COMMUNITY, "ghost", "github", "583231", "ada"))
               .expectNoEvents()
               .expectException(AggregateNotFoundException.class);
    }

    @Test
    void aLinkedIdentityIsUnlinked() {
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB)
               .when(new UnlinkIdentity(COMMUNITY, ADA, "github", "583231"))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new IdentityUnlinked(COMMUNITY, ADA, "github", "583231"));
    }

    @Test
    void anIdentityTheMemberDoesNotHaveIsNotUnlinked() {
        fixture.given(ADA_REGISTERED, new IdentityLinked(COMMUNITY, ADA, "discourse", "583231", "ada"))
               .when(new UnlinkIdentity(COMMUNITY, ADA, "github", "583231"))
               .expectNoEvents()
               .expectException(IdentityNotLinked.class);
        // Nor one unlinked already.
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB, new IdentityUnlinked(COMMUNITY, ADA, "github", "583231"))
               .when(new UnlinkIdentity(COMMUNITY, ADA, "github", "583231"))
               .expectNoEvents()
               .expectException(IdentityNotLinked.class);
    }

    @Test
    void anUnlinkedIdentityMayBeLinkedAgain() {
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB, new IdentityUnlinked(COMMUNITY, ADA, "github", "583231"))
               .when(new LinkIdentity(COMMUNITY, ADA, "github", "583231", "ada"))
               .expectResultMessagePayload(Recording.recordedNow(true))
               .expectEvents(ADA_ON_GITHUB);
    }

    @Test
    void anErasedMembersIdentityMayBeUnlinked() {
        fixture.given(ADA_REGISTERED, ADA_ON_GITHUB, new MemberErased(COMMUNITY, ADA))
               .when(new UnlinkIdentity(COMMUNITY, ADA, "github", "583231"))
               .expectEvents(new IdentityUnlinked(COMMUNITY, ADA, "github", "583231"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"gitlab", "GitHub", "github ", "*"})
    void onlyTheSupportedPlatformsAreAccepted(String platform) {
        InvalidField link = assertThrows(InvalidField.class, () -> new LinkIdentity(COMMUNITY, ADA, platform, "1", "ada"));
        assertThat(link.field()).isEqualTo("platform");
        InvalidField unlink = assertThrows(InvalidField.class, () -> new UnlinkIdentity(COMMUNITY, ADA, platform, "1"));
        assertThat(unlink.field()).isEqualTo("platform");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"has space", "has/slash", "-1"})
    void theUserIdIsAnId(String platformUserId) {
        InvalidField refused = assertThrows(InvalidField.class,
                () -> new LinkIdentity(COMMUNITY, ADA, "slack", platformUserId, "ada"));
        assertThat(refused.field()).isEqualTo("platformUserId");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "a\nb", "\u001b[2J"})
    void theLoginIsTextWithoutControlCharacters(String login) {
        InvalidField refused = assertThrows(InvalidField.class,
                () -> new LinkIdentity(COMMUNITY, ADA, "github", "1", login));
        assertThat(refused.field()).isEqualTo("login");
        assertThat(new LinkIdentity(COMMUNITY, ADA, "discourse", "1", " Ada L ").login()).isEqualTo("Ada L");
        assertThrows(InvalidField.class, () -> new LinkIdentity(COMMUNITY, ADA, "github", "1", "x".repeat(201)));
    }
}
