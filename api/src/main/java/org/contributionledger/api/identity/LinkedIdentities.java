package org.contributionledger.api.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.api.LedgerCommands;
import org.contributionledger.core.common.Checks;
import org.contributionledger.core.common.Ids;
import org.contributionledger.core.common.MemberWasErased;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.member.IdentityAlreadyLinked;
import org.contributionledger.core.member.LinkIdentity;
import org.contributionledger.core.member.MemberAlreadyRegistered;
import org.contributionledger.core.member.Platforms;
import org.contributionledger.core.member.RegisterMember;
import org.contributionledger.query.directory.Community;
import org.contributionledger.query.directory.FindCommunity;
import org.contributionledger.query.directory.FindMember;
import org.contributionledger.query.directory.FindMemberIdentities;
import org.contributionledger.query.directory.FindMemberInForce;
import org.contributionledger.query.directory.LinkedIdentity;
import org.contributionledger.query.directory.Member;
import org.contributionledger.query.directory.MemberIdentities;
import org.contributionledger.query.directory.MemberInForce;
import org.springframework.stereotype.Component;

/**
 * Resolves a platform's user by the platform's stable user id first: logins can be renamed, user
 * ids cannot.
 * <ul>
 * <li>A linked identity gives its member, or the member a merge kept in its place (the directory
 * answers both in one query, {@link FindMemberInForce}); when the user's login changed on the
 * platform, the new login is recorded.</li>
 * <li>An identity no member has is linked to the member {@code <platform>:<login>}, registered
 * first (with the login as display name) when there is none, unless the community turned that off
 * ({@code registerUnknownIdentities}): then the answer is empty. That member is passed over when it
 * is already another user of the same platform (a login renamed and taken by someone else) or
 * erased; {@code <platform>:<userId>} is tried next; when neither will do, the answer is empty
 * rather than a guess.</li>
 * <li>An identity linked to an erased member resolves to no one (empty): nothing of theirs is
 * recorded again, and no new member takes their place unless the identity is unlinked.</li>
 * </ul>
 * Registering and linking are both idempotent commands, decided one at a time per community, so two
 * first deliveries of one user racing each other register one member and link it once; neither fails.
 * A crash between the two leaves a member without the link, which the next delivery links.
 *
 * <p>Sends commands with the current request's provenance ({@link LedgerCommands#currentProvenance()}).
 */
@Component
class LinkedIdentities implements PlatformIdentities {

    private final LedgerCommands commands;
    private final QueryGateway queries;

    LinkedIdentities(LedgerCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * @throws org.contributionledger.core.common.InvalidField when the identity is malformed (an
     *         unsupported platform, a user id that is no id, a blank login or one with control
     *         characters), before anything is recorded
     * @throws UnknownCommunity when there is no such community
     */
    @Override
    public Optional<String> memberFor(String communityId, PlatformIdentity identity) {
        Platforms.require(identity.platform(), "platform");
        Ids.require(identity.userId(), "userId");
        String login = Checks.requiredText(identity.login(), "login", LinkIdentity.MAX_LOGIN_LENGTH);

        Optional<MemberInForce> linked = memberInForce(communityId, identity);
        if (linked.isPresent()) {
            return actingMember(linked.get(), login);
        }
        Community community = queries.query(new FindCommunity(communityId), ResponseTypes.optionalInstanceOf(Community.class))
                .join().orElseThrow(() -> new UnknownCommunity(communityId));
        if (!community.settings().registerUnknownIdentities()) {
            return Optional.empty();
        }
        for (String candidate : candidates(identity, login)) {
            Optional<Member> member = member(communityId, candidate);
            if (member.isPresent() && member.get().mergedInto() != null) {
                // github:ada was merged into ada: the user is ada, whom the identity is linked to.
                candidate = member.get().mergedInto();
                member = member(communityId, candidate);
            }
            if (member.isPresent() && (member.get().erased() || isAnotherUser(member.get(), identity))) {
                continue;
            }
            try {
                if (member.isEmpty()) {
                    register(communityId, candidate, login);
                }
                commands.send(new LinkIdentity(communityId, candidate, identity.platform(), identity.userId(), login));
                return Optional.of(candidate);
            } catch (RuntimeException refused) {
                if (causedBy(refused, IdentityAlreadyLinked.class)) {
                    // Linked to another member meanwhile (by hand, through the API): that link stands.
                    return memberInForce(communityId, identity).flatMap(now -> actingMember(now, login));
                }
                if (!causedBy(refused, MemberWasErased.class)) {
                    throw refused;
                }
                // Erased meanwhile: the next candidate.
            }
        }
        return Optional.empty();
    }

    /**
     * The identity stays with a merged-away member (its events say so): what the user does now is the
     * kept member's, and a new login is not recorded on a member who can no longer change.
     */
    private Optional<String> actingMember(MemberInForce inForce, String login) {
        if (inForce.erased()) {
            return Optional.empty();
        }
        if (inForce.merged()) {
            return Optional.of(inForce.memberId());
        }
        LinkedIdentity linked = inForce.identity();
        if (!login.equals(linked.login())) {
            // Renamed on the platform: the same user, whose new login is recorded.
            commands.send(new LinkIdentity(linked.communityId(), linked.memberId(), linked.platform(),
                    linked.platformUserId(), login));
        }
        return Optional.of(linked.memberId());
    }

    /** The member ids an unknown user may become, in order; a login that is no id (e.g. with spaces) gives none. */
    private static List<String> candidates(PlatformIdentity identity, String login) {
        List<String> candidates = new ArrayList<>(2);
        String byLogin = identity.platform() + ":" + login;
        if (Ids.isValid(byLogin)) {
            candidates.add(byLogin);
        }
        String byUserId = identity.platform() + ":" + identity.userId();
        if (Ids.isValid(byUserId) && !candidates.contains(byUserId)) {
            candidates.add(byUserId);
        }
        return candidates;
    }

    /** The member already has another user of the same platform: a different person, whose login this once was. */
    private boolean isAnotherUser(Member member, PlatformIdentity identity) {
        return queries.query(new FindMemberIdentities(member.communityId(), member.memberId()),
                        ResponseTypes.instanceOf(MemberIdentities.class)).join().items().stream()
                .anyMatch(other -> other.platform().equals(identity.platform()));
    }

    /** Registering the id under another name meanwhile (by hand) leaves it the same member, whom we link. */
    private void register(String communityId, String memberId, String login) {
        try {
            commands.send(new RegisterMember(communityId, memberId, login));
        } catch (RuntimeException refused) {
            if (!causedBy(refused, MemberAlreadyRegistered.class)) {
                throw refused;
            }
        }
    }

    private Optional<MemberInForce> memberInForce(String communityId, PlatformIdentity identity) {
        return queries.query(new FindMemberInForce(communityId, identity.platform(), identity.userId()),
                ResponseTypes.optionalInstanceOf(MemberInForce.class)).join();
    }

    private Optional<Member> member(String communityId, String memberId) {
        return queries.query(new FindMember(communityId, memberId), ResponseTypes.optionalInstanceOf(Member.class)).join();
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
