package org.contributionledger.api.member;

import java.time.Instant;
import java.util.List;

import org.contributionledger.query.directory.LinkedIdentity;
import org.contributionledger.query.directory.Member;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One member as {@code GET .../members/{memberId}} answers: the member, and the platform users
 * linked to them, so that a platform sees at once who a member is on GitHub, Discourse or Slack.
 */
@Schema(name = "MemberWithIdentities", description = "A member, with the platform users linked to them")
public record MemberWithIdentities(
        String communityId,
        String memberId,
        @Schema(description = "null once the member is erased") String displayName,
        boolean active,
        Instant registeredAt,
        boolean erased,
        @Schema(description = "The member this one was merged into, who acts and counts for them; null if none")
        String mergedInto,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The platform users linked to this member,"
                + " by platform and then user id; empty once the member is erased (the links stay, without logins:"
                + " GET .../identities)")
        List<PlatformUser> identities) {

    @Schema(name = "MemberPlatformUser", description = "A platform's user linked to the member")
    public record PlatformUser(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "github") String platform,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The platform's stable id for the user",
                    example = "583231") String userId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The name the user went by when last seen",
                    example = "ada") String login) {
    }

    /** An erased member's users are listed nowhere here: their logins are gone, and they act as no one. */
    static MemberWithIdentities of(Member member, List<LinkedIdentity> linked) {
        List<PlatformUser> users = member.erased() ? List.of() : linked.stream()
                .map(identity -> new PlatformUser(identity.platform(), identity.platformUserId(), identity.login()))
                .toList();
        return new MemberWithIdentities(member.communityId(), member.memberId(), member.displayName(), member.active(),
                member.registeredAt(), member.erased(), member.mergedInto(), users);
    }
}
