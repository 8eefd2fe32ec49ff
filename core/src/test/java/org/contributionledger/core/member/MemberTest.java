package org.contributionledger.core.member;

import org.contributionledger.core.common.Recording;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.common.InMemoryDirectory;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.UnknownCommunity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemberTest {

    private static final String COMMUNITY = "makers";
    private static final String MEMBER = "alice";

    private FixtureConfiguration<Member> fixture;
    private InMemoryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryDirectory().withCommunity(COMMUNITY);
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void memberRegistersInAnExistingCommunity() {
        fixture.givenNoPriorActivity()
               .when(new RegisterMember(COMMUNITY, MEMBER, "Alice"))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.recordedNow(null))
               .expectEvents(new MemberRegistered(COMMUNITY, MEMBER, "Alice"));
    }

    @Test
    void cannotRegisterInAnUnknownCommunity() {
        fixture.givenNoPriorActivity()
               .when(new RegisterMember("nowhere", MEMBER, "Alice"))
               .expectNoEvents()
               .expectException(UnknownCommunity.class);
    }

    @Test
    void registeringAgainWithTheSameNameIsAQuietSuccess() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"))
               .when(new RegisterMember(COMMUNITY, MEMBER, "  Alice  "))
               .expectSuccessfulHandlerExecution()
               .expectResultMessagePayload(Recording.alreadyRecorded(null))
               .expectNoEvents();
    }

    @Test
    void registeringAgainWithAnotherNameIsRefused() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"))
               .when(new RegisterMember(COMMUNITY, MEMBER, "Alicia"))
               .expectNoEvents()
               .expectException(MemberAlreadyRegistered.class);
    }

    @Test
    void registeringAgainComparesWithTheCurrentName() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"),
                      new MemberProfileUpdated(COMMUNITY, MEMBER, "Alicia"))
               .when(new RegisterMember(COMMUNITY, MEMBER, "Alicia"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void changedProfileIsRecorded() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"))
               .when(new UpdateMemberProfile(COMMUNITY, MEMBER, "Alicia"))
               .expectEvents(new MemberProfileUpdated(COMMUNITY, MEMBER, "Alicia"));
    }

    @Test
    void unchangedProfileRecordsNothing() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"))
               .when(new UpdateMemberProfile(COMMUNITY, MEMBER, "Alice"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void activeMemberIsSuspended() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"))
               .when(new SuspendMember(COMMUNITY, MEMBER, "spam"))
               .expectEvents(new MemberSuspended(COMMUNITY, MEMBER, "spam"));
    }

    @Test
    void suspendingASuspendedMemberRecordsNothing() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"),
                      new MemberSuspended(COMMUNITY, MEMBER, "spam"))
               .when(new SuspendMember(COMMUNITY, MEMBER, "spam again"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void suspendedMemberIsReinstated() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"),
                      new MemberSuspended(COMMUNITY, MEMBER, "spam"))
               .when(new ReinstateMember(COMMUNITY, MEMBER))
               .expectEvents(new MemberReinstated(COMMUNITY, MEMBER));
    }

    @Test
    void reinstatingAnActiveMemberRecordsNothing() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"))
               .when(new ReinstateMember(COMMUNITY, MEMBER))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void reinstatedMemberCanBeSuspendedAgain() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"),
                      new MemberSuspended(COMMUNITY, MEMBER, "spam"),
                      new MemberReinstated(COMMUNITY, MEMBER))
               .when(new SuspendMember(COMMUNITY, MEMBER, null))
               .expectEvents(new MemberSuspended(COMMUNITY, MEMBER, null));
    }

    @Test
    void erasingAMemberRecordsTheErasure() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"))
               .when(new EraseMember(COMMUNITY, MEMBER))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new MemberErased(COMMUNITY, MEMBER));
    }

    @Test
    void erasingAnErasedMemberIsAQuietSuccess() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"), new MemberErased(COMMUNITY, MEMBER))
               .when(new EraseMember(COMMUNITY, MEMBER))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void anErasedMemberCannotBeRenamed() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"), new MemberErased(COMMUNITY, MEMBER))
               .when(new UpdateMemberProfile(COMMUNITY, MEMBER, "Alicia"))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }

    @Test
    void anErasedMemberCannotRegisterAgain() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"), new MemberErased(COMMUNITY, MEMBER))
               .when(new RegisterMember(COMMUNITY, MEMBER, "Alice"))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }

    @Test
    void anErasedMemberCannotBeSuspendedOrReinstated() {
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"), new MemberErased(COMMUNITY, MEMBER))
               .when(new ReinstateMember(COMMUNITY, MEMBER))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
        fixture.given(new MemberRegistered(COMMUNITY, MEMBER, "Alice"), new MemberErased(COMMUNITY, MEMBER))
               .when(new SuspendMember(COMMUNITY, MEMBER, "no"))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }
}
