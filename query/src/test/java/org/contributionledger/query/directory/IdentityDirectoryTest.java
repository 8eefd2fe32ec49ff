package org.contributionledger.query.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.contributionledger.core.member.IdentityLinked;
import org.contributionledger.core.member.IdentityUnlinked;
import org.contributionledger.core.member.MemberErased;
import org.contributionledger.core.member.MemberRegistered;
import org.contributionledger.core.member.MembersMerged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory's platform identities: which member a platform's user is, and each member's identities. */
class IdentityDirectoryTest {

    private ProjectionTestLedger ledger;
    private DirectoryProjection directory;

    @BeforeEach
    void setUp() {
        ledger = ProjectionTestLedger.create();
        directory = ledger.directory();
        ledger.community("garden", "ada", "bob");
        ledger.community("choir", "ada");
    }

    @AfterEach
    void tearDown() {
        ledger.close();
    }

    @Test
    void aLinkedIdentityGivesItsMemberInItsCommunityOnly() {
        Instant at = ledger.tick();
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada"), at);

        assertThat(directory.findLinkedMember("garden", "github", "583231")).contains("ada");
        assertThat(directory.handle(new FindLinkedIdentity("garden", "github", "583231")))
                .contains(new LinkedIdentity("garden", "ada", "github", "583231", "ada", at));
        assertThat(directory.findLinkedMember("choir", "github", "583231")).isEmpty();
        assertThat(directory.findLinkedMember("garden", "discourse", "583231")).isEmpty();
        assertThat(directory.findLinkedMember("garden", "github", "583232")).isEmpty();
    }

    @Test
    void aMembersIdentitiesAreListedByPlatformAndUserId() {
        Instant first = ledger.tick();
        directory.on(new IdentityLinked("garden", "ada", "slack", "U024BE7LH", "U024BE7LH"), first);
        Instant second = ledger.tick();
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada"), second);
        directory.on(new IdentityLinked("garden", "bob", "github", "7", "bob"), ledger.tick());

        assertThat(directory.handle(new FindMemberIdentities("garden", "ada")).items()).containsExactly(
                new LinkedIdentity("garden", "ada", "github", "583231", "ada", second),
                new LinkedIdentity("garden", "ada", "slack", "U024BE7LH", "U024BE7LH", first));
        assertThat(directory.handle(new FindMemberIdentities("choir", "ada")).items()).isEmpty();
    }

    @Test
    void aRenameChangesTheLoginAndKeepsWhenItWasLinked() {
        Instant linkedAt = ledger.tick();
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada"), linkedAt);
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada-lovelace"), ledger.tick());

        assertThat(directory.handle(new FindMemberIdentities("garden", "ada")).items()).containsExactly(
                new LinkedIdentity("garden", "ada", "github", "583231", "ada-lovelace", linkedAt));
    }

    @Test
    void anUnlinkedIdentityResolvesToNoOne() {
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada"), ledger.tick());
        directory.on(new IdentityLinked("garden", "ada", "discourse", "12", "ada_l"), ledger.tick());

        directory.on(new IdentityUnlinked("garden", "ada", "github", "583231"));

        assertThat(directory.findLinkedMember("garden", "github", "583231")).isEmpty();
        assertThat(directory.handle(new FindMemberIdentities("garden", "ada")).items())
                .extracting(LinkedIdentity::platform).containsExactly("discourse");
    }

    @Test
    void theMemberInForceOfAnUnmergedMemberIsTheLinkedMember() {
        Instant at = ledger.tick();
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada"), at);

        assertThat(directory.handle(new FindMemberInForce("garden", "github", "583231"))).contains(new MemberInForce(
                new LinkedIdentity("garden", "ada", "github", "583231", "ada", at), "ada", false));
        assertThat(directory.handle(new FindMemberInForce("choir", "github", "583231"))).isEmpty();
        assertThat(directory.handle(new FindMemberInForce("garden", "github", "7"))).isEmpty();
    }

    @Test
    void theMemberInForceAfterAChainOfMergesIsTheLastKeptMember() {
        directory.on(new MemberRegistered("garden", "cy", "Cy"), ledger.tick());
        Instant at = ledger.tick();
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada"), at);

        directory.on(new MembersMerged("garden", "bob", "ada"));
        assertThat(directory.handle(new FindMemberInForce("garden", "github", "583231")).orElseThrow().memberId())
                .isEqualTo("bob");

        directory.on(new MembersMerged("garden", "cy", "bob"));
        MemberInForce inForce = directory.handle(new FindMemberInForce("garden", "github", "583231")).orElseThrow();
        assertThat(inForce.memberId()).as("ada into bob, bob into cy").isEqualTo("cy");
        assertThat(inForce.identity().memberId()).as("the identity stays with the member it was linked to").isEqualTo("ada");
        assertThat(inForce.merged()).isTrue();
        assertThat(inForce.erased()).isFalse();
    }

    @Test
    void aUserWhoseLinkedOrKeptMemberIsErasedActsAsNoOne() {
        directory.on(new MemberRegistered("garden", "cy", "Cy"), ledger.tick());
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada"), ledger.tick());
        directory.on(new IdentityLinked("garden", "cy", "github", "9", "cy"), ledger.tick());
        directory.on(new MembersMerged("garden", "bob", "ada"));

        directory.on(new MemberErased("garden", "bob"));
        directory.on(new MemberErased("garden", "cy"));

        assertThat(directory.handle(new FindMemberInForce("garden", "github", "583231")).orElseThrow().erased())
                .as("the kept member erased").isTrue();
        assertThat(directory.handle(new FindMemberInForce("garden", "github", "9")).orElseThrow().erased())
                .as("the linked member erased").isTrue();
    }

    @Test
    void erasureForgetsTheLoginsButKeepsTheLinks() {
        directory.on(new IdentityLinked("garden", "ada", "github", "583231", "ada"), ledger.tick());
        directory.on(new IdentityLinked("garden", "bob", "github", "7", "bob"), ledger.tick());

        directory.on(new MemberErased("garden", "ada"));

        assertThat(directory.handle(new FindLinkedIdentity("garden", "github", "583231")).orElseThrow().login()).isNull();
        assertThat(directory.findLinkedMember("garden", "github", "583231")).contains("ada");
        assertThat(directory.handle(new FindLinkedIdentity("garden", "github", "7")).orElseThrow().login())
                .as("another member's login stays").isEqualTo("bob");
    }
}
