package org.contributionledger.core.member;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.common.InMemoryDirectory;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.UnknownMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The merge of two members, decided by the member that goes ({@code MergeMembers} targets it). */
class MemberMergeTest {

    private static final String COMMUNITY = "makers";
    private static final String STAYING = "ada";
    private static final String MERGED = "github.ada";

    private FixtureConfiguration<Member> fixture;
    private InMemoryDirectory directory;

    @BeforeEach
    void setUp() {
        directory = new InMemoryDirectory().withCommunity(COMMUNITY).withMembers(COMMUNITY, STAYING, MERGED, "carol")
                .withCommunity("bakers").withMembers("bakers", "dave");
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(directory);
    }

    @Test
    void memberIsMergedIntoAnotherOfItsCommunity() {
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"))
               .when(new MergeMembers(COMMUNITY, STAYING, MERGED))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new MembersMerged(COMMUNITY, STAYING, MERGED));
    }

    @Test
    void sameMergeAgainRecordsNothing() {
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"), new MembersMerged(COMMUNITY, STAYING, MERGED))
               .when(new MergeMembers(COMMUNITY, STAYING, MERGED))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void cannotMergeAMemberIntoItself() {
        fixture.given(new MemberRegistered(COMMUNITY, STAYING, "Ada"))
               .when(new MergeMembers(COMMUNITY, STAYING, STAYING))
               .expectNoEvents()
               .expectException(MemberCannotMergeIntoItself.class);
    }

    @Test
    void unknownMergedMemberIsRefused() {
        fixture.givenNoPriorActivity()
               .when(new MergeMembers(COMMUNITY, STAYING, "nobody"))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void unknownStayingMemberIsRefused() {
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"))
               .when(new MergeMembers(COMMUNITY, "nobody", MERGED))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    /** The directory answers for one community at a time: a member of another one is unknown here. */
    @Test
    void cannotMergeIntoAMemberOfAnotherCommunity() {
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"))
               .when(new MergeMembers(COMMUNITY, "dave", MERGED))
               .expectNoEvents()
               .expectException(UnknownMember.class);
    }

    @Test
    void erasedMemberCannotBeMergedAway() {
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"), new MemberErased(COMMUNITY, MERGED))
               .when(new MergeMembers(COMMUNITY, STAYING, MERGED))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }

    @Test
    void cannotMergeIntoAnErasedMember() {
        directory.erase(COMMUNITY, STAYING);
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"))
               .when(new MergeMembers(COMMUNITY, STAYING, MERGED))
               .expectNoEvents()
               .expectException(MemberWasErased.class);
    }

    @Test
    void mergedAwayMemberCannotBeMergedAgainIntoAnother() {
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"), new MembersMerged(COMMUNITY, STAYING, MERGED))
               .when(new MergeMembers(COMMUNITY, "carol", MERGED))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    /** A chain would leave the merged member's acts under a name that is gone: merge into the final one. */
    @Test
    void cannotMergeIntoAMergedAwayMember() {
        directory.merge(COMMUNITY, "carol", STAYING);
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"))
               .when(new MergeMembers(COMMUNITY, STAYING, MERGED))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    @Test
    void mergedAwayMemberCannotBeRenamedSuspendedOrReinstated() {
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"), new MembersMerged(COMMUNITY, STAYING, MERGED))
               .when(new UpdateMemberProfile(COMMUNITY, MERGED, "Ada Lovelace"))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"), new MembersMerged(COMMUNITY, STAYING, MERGED))
               .when(new SuspendMember(COMMUNITY, MERGED, null))
               .expectNoEvents()
               .expectException(MemberWasMerged.class);
    }

    /** A data-protection request reaches a merged-away member too. */
    @Test
    void mergedAwayMemberCanStillBeErased() {
        fixture.given(new MemberRegistered(COMMUNITY, MERGED, "Ada L"), new MembersMerged(COMMUNITY, STAYING, MERGED))
               .when(new EraseMember(COMMUNITY, MERGED))
               .expectEvents(new MemberErased(COMMUNITY, MERGED));
    }
}
