package org.contributionledger.api.identity;

import java.net.URI;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.Recording;
import org.contributionledger.core.member.IdentityAlreadyLinked;
import org.contributionledger.core.member.IdentityNotLinked;
import org.contributionledger.core.member.LinkIdentity;
import org.contributionledger.core.member.UnlinkIdentity;
import org.contributionledger.query.directory.FindLinkedIdentity;
import org.contributionledger.query.directory.FindMember;
import org.contributionledger.query.directory.FindMemberIdentities;
import org.contributionledger.query.directory.LinkedIdentity;
import org.contributionledger.query.directory.Member;
import org.contributionledger.query.directory.MemberIdentities;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A member's platform identities: the users of GitHub, Discourse or Slack who are this member. A
 * webhook's user resolves to the member their identity is linked to (see {@link LinkedIdentities}).
 */
@RestController
@Tag(name = "Platform identities", description = "The users of community platforms (GitHub, Discourse, Slack) "
        + "who are a member, by the platform's stable user id")
@RequestMapping("/api/v1/communities/{communityId}/members/{memberId}/identities")
public class IdentityController {

    private final LedgerCommands commands;
    private final QueryGateway queries;

    public IdentityController(LedgerCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping
    @Operation(operationId = "getMemberIdentities", summary = "The platform identities linked to a member")
    public MemberIdentities list(@PathVariable String communityId, @PathVariable String memberId) {
        queries.query(new FindMember(communityId, memberId), ResponseTypes.optionalInstanceOf(Member.class)).join()
                .orElseThrow(() -> new NotFound("Member '" + memberId + "' is not registered in community '"
                        + communityId + "'"));
        return queries.query(new FindMemberIdentities(communityId, memberId),
                ResponseTypes.instanceOf(MemberIdentities.class)).join();
    }

    /**
     * Links the platform's user to the member: 201. The same link again is a safe retry (200,
     * nothing recorded); a new login for the same user id records the rename (200).
     */
    @PutMapping("/{platform}/{platformUserId}")
    @Operation(operationId = "linkIdentity", summary = "Link a platform's user to a member (201), "
            + "or answer a retry or a changed login (200)")
    @ApiResponse(responseCode = "201", description = "Linked now")
    @ApiResponse(responseCode = "200", description = "Linked before; a changed login is recorded, nothing else")
    @Refuses({MemberWasErased.class, IdentityAlreadyLinked.class})
    public ResponseEntity<LinkedIdentity> link(@PathVariable String communityId, @PathVariable String memberId,
                                               @PathVariable String platform, @PathVariable String platformUserId,
                                               @RequestBody LinkIdentityRequest request) {
        Recording recording = commands.send(new LinkIdentity(communityId, memberId, platform, platformUserId,
                request.login()));
        LinkedIdentity linked = queries.query(new FindLinkedIdentity(communityId, platform, platformUserId),
                ResponseTypes.optionalInstanceOf(LinkedIdentity.class)).join().orElseThrow();
        URI location = URI.create("/api/v1/communities/" + communityId + "/members/" + memberId + "/identities/"
                + platform + "/" + platformUserId);
        boolean linkedNow = Boolean.TRUE.equals(recording.answer());
        return (linkedNow ? ResponseEntity.created(location) : ResponseEntity.ok().location(location)).body(linked);
    }

    /** Unlinks the platform's user: 204. Their next delivery resolves as an unknown user's would. */
    @DeleteMapping("/{platform}/{platformUserId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(operationId = "unlinkIdentity", summary = "Unlink a platform's user from a member")
    @Refuses({IdentityNotLinked.class})
    public ResponseEntity<Void> unlink(@PathVariable String communityId, @PathVariable String memberId,
                                       @PathVariable String platform, @PathVariable String platformUserId) {
        commands.send(new UnlinkIdentity(communityId, memberId, platform, platformUserId));
        return ResponseEntity.noContent().build();
    }

    @Schema(name = "IdentityLink")
    public record LinkIdentityRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = LinkIdentity.MAX_LOGIN_LENGTH,
                    description = "The name the user goes by on the platform (for Slack, the user id again)",
                    example = "ada") String login) {
    }
}
