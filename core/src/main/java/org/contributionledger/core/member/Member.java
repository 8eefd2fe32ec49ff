package org.contributionledger.core.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.LedgerDirectory;
import org.contributionledger.core.common.MemberStanding;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.MemberWasMerged;
import org.contributionledger.core.common.Participation;
import org.contributionledger.core.common.Recording;
import org.contributionledger.core.common.UnknownMember;

/** A person as one community knows them, under the platform's own id. */
public class Member {

    @AggregateIdentifier
    private String aggregateId;
    private boolean registered;
    private String displayName;
    private boolean active;
    private boolean erased;
    /** Linked platform identities: "platform/platformUserId" to the login last recorded (null once erased). */
    private final Map<String, String> identities = new HashMap<>();
    /** The member this one was merged into, or null: once set, this member is gone for good. */
    private String mergedInto;

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Recording handle(RegisterMember command, LedgerDirectory directory) {
        if (erased) {
            throw new MemberWasErased(command.communityId(), command.memberId());
        }
        if (registered) {
            // A retry of the same registration succeeds without a second event; a different one is a conflict.
            if (!Objects.equals(displayName, command.displayName())) {
                throw new MemberAlreadyRegistered(command.communityId(), command.memberId());
            }
            return Recording.alreadyRecorded(null);
        }
        Participation.requireCommunity(directory, command.communityId());
        apply(new MemberRegistered(command.communityId(), command.memberId(), command.displayName()));
        return Recording.recordedNow(null);
    }

    @CommandHandler
    public void handle(UpdateMemberProfile command) {
        requireNotErasedOrMerged(command.communityId(), command.memberId());
        if (!Objects.equals(displayName, command.displayName())) {
            apply(new MemberProfileUpdated(command.communityId(), command.memberId(), command.displayName()));
        }
    }

    /** Suspending a suspended member changes nothing, so it records nothing; the request still succeeds. */
    @CommandHandler
    public void handle(SuspendMember command) {
        requireNotErasedOrMerged(command.communityId(), command.memberId());
        if (active) {
            apply(new MemberSuspended(command.communityId(), command.memberId(), command.reason()));
        }
    }

    @CommandHandler
    public void handle(ReinstateMember command) {
        requireNotErasedOrMerged(command.communityId(), command.memberId());
        if (!active) {
            apply(new MemberReinstated(command.communityId(), command.memberId()));
        }
    }

    /**
     * Erasing an erased member changes nothing and records nothing; the request still succeeds, so
     * a platform may repeat a data-protection request safely.
     */
    @CommandHandler
    public void handle(EraseMember command) {
        if (!erased) {
            apply(new MemberErased(command.communityId(), command.memberId()));
        }
    }

    /**
     * A platform's user is one person, so their identity may be linked to no other member of the
     * community (the directory knows which member has it). Linking it again to this member records
     * nothing, so two deliveries resolving the same new user at once are harmless; a new login for
     * the same user id is the user renamed on the platform, and is recorded.
     *
     * @return {@code answer}: true when the identity was not linked to the member before
     */
    @CommandHandler
    public Recording handle(LinkIdentity command, LedgerDirectory directory) {
        requireNotErasedOrMerged(command.communityId(), command.memberId());
        String identity = identityKey(command.platform(), command.platformUserId());
        boolean linkedHere = identities.containsKey(identity);
        if (linkedHere && Objects.equals(identities.get(identity), command.login())) {
            return Recording.alreadyRecorded(false);
        }
        if (!linkedHere) {
            Optional<String> holder = directory.findLinkedMember(command.communityId(), command.platform(),
                    command.platformUserId());
            if (holder.isPresent() && !holder.get().equals(command.memberId())) {
                throw new IdentityAlreadyLinked(command.communityId(), command.platform(), command.platformUserId(),
                        holder.get());
            }
        }
        apply(new IdentityLinked(command.communityId(), command.memberId(), command.platform(),
                command.platformUserId(), command.login()));
        return Recording.recordedNow(!linkedHere);
    }

    /**
     * Allowed for an erased member too: their identity then stops resolving to them, and the
     * platform's user may be linked to another member. The event carries no personal data.
     */
    @CommandHandler
    public void handle(UnlinkIdentity command) {
        if (!identities.containsKey(identityKey(command.platform(), command.platformUserId()))) {
            throw new IdentityNotLinked(command.communityId(), command.memberId(), command.platform(),
                    command.platformUserId());
        }
        apply(new IdentityUnlinked(command.communityId(), command.memberId(), command.platform(),
                command.platformUserId()));
    }

    /**
     * Merges this member into {@code command.memberId()}: this member is the one that goes, so the
     * decision that it can go only once is taken here; the staying member is checked through the
     * directory. The same merge again is a retry and records nothing. Rules in the order checked.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(MergeMembers command, LedgerDirectory directory) {
        String communityId = command.communityId();
        if (command.memberId().equals(command.mergedMemberId())) {
            throw new MemberCannotMergeIntoItself(communityId, command.memberId());
        }
        if (!registered) {
            throw new UnknownMember(communityId, command.mergedMemberId());
        }
        if (erased) {
            throw new MemberWasErased(communityId, command.mergedMemberId());
        }
        if (mergedInto != null) {
            if (mergedInto.equals(command.memberId())) {
                return;
            }
            throw new MemberWasMerged(communityId, command.mergedMemberId(), mergedInto);
        }
        // The directory holds only this community's members: a member of another community is unknown here.
        MemberStanding staying = directory.findMember(communityId, command.memberId())
                .orElseThrow(() -> new UnknownMember(communityId, command.memberId()));
        if (staying.erased()) {
            throw new MemberWasErased(communityId, command.memberId());
        }
        if (staying.merged()) {
            throw new MemberWasMerged(communityId, command.memberId(), staying.mergedInto());
        }
        apply(new MembersMerged(communityId, command.memberId(), command.mergedMemberId()));
    }

    private void requireNotErasedOrMerged(String communityId, String memberId) {
        if (erased) {
            throw new MemberWasErased(communityId, memberId);
        }
        if (mergedInto != null) {
            throw new MemberWasMerged(communityId, memberId, mergedInto);
        }
    }

    @EventSourcingHandler
    public void on(MemberRegistered event) {
        this.aggregateId = aggregateId(event.communityId(), event.memberId());
        this.registered = true;
        this.displayName = event.displayName();
        this.active = true;
    }

    @EventSourcingHandler
    public void on(MemberProfileUpdated event) {
        this.displayName = event.displayName();
    }

    @EventSourcingHandler
    public void on(MemberSuspended event) {
        this.active = false;
    }

    @EventSourcingHandler
    public void on(MemberReinstated event) {
        this.active = true;
    }

    @EventSourcingHandler
    public void on(IdentityLinked event) {
        identities.put(identityKey(event.platform(), event.platformUserId()), event.login());
    }

    @EventSourcingHandler
    public void on(IdentityUnlinked event) {
        identities.remove(identityKey(event.platform(), event.platformUserId()));
    }

    /** The name and logins are forgotten here too: once the key is gone the stored events no longer give them back. */
    @EventSourcingHandler
    public void on(MemberErased event) {
        this.erased = true;
        this.displayName = null;
        identities.replaceAll((identity, login) -> null);
    }

    /** Neither platforms nor ids contain '/', so the key is unambiguous. */
    private static String identityKey(String platform, String platformUserId) {
        return platform + "/" + platformUserId;
    }

    @EventSourcingHandler
    public void on(MembersMerged event) {
        this.mergedInto = event.memberId();
    }

    public static String aggregateId(String communityId, String memberId) {
        return Ids.aggregateId("member", communityId, memberId);
    }

    /** Axon rebuilds the aggregate from its events through this constructor. */
    public Member() {
    }
}
