package org.contributionledger.api.identity;

/**
 * A user as a community platform knows them.
 *
 * @param platform the platform's name as the webhook path spells it: {@code github}, {@code discourse}, {@code slack}
 * @param userId   the platform's stable id for the user (GitHub's numeric id, Discourse's user id, Slack's user id);
 *                 logins can be renamed, this cannot
 * @param login    the name the user goes by on the platform (GitHub login, Discourse username; for Slack the user id)
 */
public record PlatformIdentity(String platform, String userId, String login) {
}
