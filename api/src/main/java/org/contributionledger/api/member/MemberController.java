package org.contributionledger.api.member;

import java.net.URI;
import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.api.batch.CommandBatchGateway;
import org.contributionledger.api.openapi.Refuses;
import org.contributionledger.api.problem.NotFound;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.Recording;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.common.UnknownMember;
import org.contributionledger.core.member.EraseMember;
import org.contributionledger.core.member.MemberAlreadyRegistered;
import org.contributionledger.core.member.MemberCannotMergeIntoItself;
import org.contributionledger.core.member.MergeMembers;
import org.contributionledger.core.member.RegisterMember;
import org.contributionledger.core.member.ReinstateMember;
import org.contributionledger.core.member.SuspendMember;
import org.contributionledger.core.member.UpdateMemberProfile;
import org.contributionledger.query.directory.FindMember;
import org.contributionledger.query.directory.FindMemberIdentities;
import org.contributionledger.query.directory.LinkedIdentity;
import org.contributionledger.query.directory.Member;
import org.contributionledger.query.directory.MemberIdentities;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "Members", description = "A community's members, registered by its platform under the platform's own ids")
@RequestMapping("/api/v1/communities/{communityId}/members")
public class MemberController {

    private final LedgerCommands commands;
    private final CommandBatchGateway batches;
    private final QueryGateway queries;

    public MemberController(LedgerCommands commands, CommandBatchGateway batches, QueryGateway queries) {
        this.commands = commands;
        this.batches = batches;
        this.queries = queries;
    }

    /** Many registrations in one transaction; each is as idempotent as a single one. */
    @PostMapping("/batch")
    @Operation(operationId = "registerMembers", summary = "Register many members in one transaction, with one result per item")
    public CommandBatchGateway.BatchResponse registerBatch(@PathVariable String communityId,
                                                           @RequestBody BatchRequest request) {
        batches.check(communityId, request.members(), "members");
        return batches.send(communityId, request.members(),
                item -> new RegisterMember(communityId, item.id(), item.displayName()),
                RegisterMemberRequest::id, LedgerCommands.currentProvenance().metaData());
    }

    /**
     * Registers a member: 201. Registering the same member with the same name again is a safe retry:
     * it records nothing and answers 200 with the member as stored.
     */
    @PostMapping
    @Operation(operationId = "registerMember", summary = "Register a member (201), or answer a retry of it (200)")
    @ApiResponse(responseCode = "201", description = "Registered now")
    @ApiResponse(responseCode = "200", description = "Registered before with the same name; nothing recorded")
    @Refuses({MemberWasErased.class, UnknownCommunity.class, MemberAlreadyRegistered.class})
    public ResponseEntity<Member> register(@PathVariable String communityId,
                                           @RequestBody RegisterMemberRequest request) {
        Recording recording = commands.send(new RegisterMember(communityId, request.id(), request.displayName()));
        URI location = URI.create("/api/v1/communities/" + communityId + "/members/" + request.id());
        return (recording.alreadyRecorded() ? ResponseEntity.ok().location(location) : ResponseEntity.created(location))
                .body(find(communityId, request.id()));
    }

    @GetMapping("/{memberId}")
    @Operation(operationId = "getMember", summary = "One member, with the platform users linked to them")
    public MemberWithIdentities get(@PathVariable String communityId, @PathVariable String memberId) {
        Member member = find(communityId, memberId);
        List<LinkedIdentity> linked = member.erased() ? List.of() : queries.query(
                new FindMemberIdentities(communityId, memberId), ResponseTypes.instanceOf(MemberIdentities.class))
                .join().items();
        return MemberWithIdentities.of(member, linked);
    }

    /** The member as the directory holds them, as the writes below answer it. */
    private Member find(String communityId, String memberId) {
        return queries.query(new FindMember(communityId, memberId), ResponseTypes.optionalInstanceOf(Member.class))
                .join().orElseThrow(() -> new NotFound(
                        "Member '" + memberId + "' is not registered in community '" + communityId + "'"));
    }

    @PatchMapping("/{memberId}")
    @Operation(operationId = "updateMemberProfile", summary = "Change a member's display name")
    @Refuses({MemberWasErased.class, MemberWasMerged.class})
    public Member updateProfile(@PathVariable String communityId, @PathVariable String memberId,
                                @RequestBody UpdateProfileRequest request) {
        commands.send(new UpdateMemberProfile(communityId, memberId, request.displayName()));
        return find(communityId, memberId);
    }

    @PostMapping("/{memberId}/suspend")
    @Operation(operationId = "suspendMember", summary = "Suspend a member: they can no longer give, receive or trust")
    @Refuses({MemberWasErased.class, MemberWasMerged.class})
    public Member suspend(@PathVariable String communityId, @PathVariable String memberId,
                          @RequestBody(required = false) ReasonRequest request) {
        commands.send(new SuspendMember(communityId, memberId, request == null ? null : request.reason()));
        return find(communityId, memberId);
    }

    @PostMapping("/{memberId}/reinstate")
    @Operation(operationId = "reinstateMember", summary = "Reinstate a suspended member")
    @Refuses({MemberWasErased.class, MemberWasMerged.class})
    public Member reinstate(@PathVariable String communityId, @PathVariable String memberId) {
        commands.send(new ReinstateMember(communityId, memberId));
        return find(communityId, memberId);
    }

    /**
     * Erasing an erased member answers the same again: a repeated data-protection request is safe.
     * The answer shows the member as every view now holds them: no name, {@code erased: true}.
     */
    @PostMapping("/{memberId}/erasure")
    @Operation(operationId = "eraseMember", summary = "Erase a member's personal data for good; "
            + "their id, acts, trust and every figure stay (docs/audit.md, \"Erasure\")")
    public Member erase(@PathVariable String communityId, @PathVariable String memberId) {
        commands.send(new EraseMember(communityId, memberId));
        return find(communityId, memberId);
    }

    /**
     * Merges {@code mergedMemberId} into this member, who stays: from then on the merged member's
     * acts, trust and reputation count as this member's, and the merged member can no longer act
     * (docs/reference/merge-members.md). The same merge again changes nothing and answers the same.
     */
    @PostMapping("/{memberId}/merge")
    @Operation(operationId = "mergeMembers", summary = "Merge another member into this one: their acts, trust "
            + "and reputation count as this member's from now on; the merged member can no longer act")
    @Refuses({MemberCannotMergeIntoItself.class, UnknownMember.class, MemberWasErased.class, MemberWasMerged.class})
    public Member merge(@PathVariable String communityId, @PathVariable String memberId,
                        @RequestBody MergeRequest request) {
        commands.send(new MergeMembers(communityId, memberId, request.mergedMemberId()));
        return find(communityId, memberId);
    }

    @Schema(name = "MemberMerge")
    public record MergeRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    description = "The member merged into this one, who goes", example = "github.ada")
            String mergedMemberId) {
    }

    @Schema(name = "MemberRegistration")
    public record RegisterMemberRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The platform's own id", example = "ada")
            String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, example = "Ada Lovelace")
            String displayName) {
    }

    @Schema(name = "MemberBatch")
    public record BatchRequest(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<RegisterMemberRequest> members) {
    }

    @Schema(name = "MemberProfile")
    public record UpdateProfileRequest(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 200, example = "Ada King") String displayName) {
    }

    @Schema(name = "SuspensionReason")
    public record ReasonRequest(@Schema(maxLength = 2000) String reason) {
    }
}
