package org.contributionledger.core.member;

import static org.contributionledger.core.common.Checks.requiredText;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.contributionledger.core.common.CommunityCommand;
import org.contributionledger.core.common.Ids;

/**
 * Links a platform's user to a member: from then on, what that user does on the platform is done by
 * the member. The platform's stable user id identifies the user (logins can be renamed); the login
 * is kept to show who the user is. Linking the same identity again to the same member records
 * nothing, unless the login changed: then the new login is recorded.
 *
 * @param platform       one of {@link Platforms#SUPPORTED}
 * @param platformUserId the platform's id for the user, which never changes (GitHub's numeric id, Slack's {@code U...})
 * @param login          the name the user goes by there now
 */
public record LinkIdentity(String communityId, String memberId, String platform, String platformUserId, String login)
        implements CommunityCommand {

    /** Logins become display names when an unknown user is registered, so they share the display name's limit. */
    public static final int MAX_LOGIN_LENGTH = 200;

    public LinkIdentity {
        Ids.require(communityId, "communityId");
        Ids.require(memberId, "memberId");
        Platforms.require(platform, "platform");
        Ids.require(platformUserId, "platformUserId");
        login = requiredText(login, "login", MAX_LOGIN_LENGTH);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Member.aggregateId(communityId, memberId);
    }
}
