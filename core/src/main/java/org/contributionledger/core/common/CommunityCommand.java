package org.contributionledger.core.common;

/**
 * A command that acts inside one community. Every command does: the ledger keeps no state shared
 * between communities, so the API can order each community's writes by this id alone.
 */
public interface CommunityCommand {

    String communityId();
}
