package org.contributionledger.api.identity;

import java.util.Optional;

import org.contributionledger.api.LedgerCommands;
import org.contributionledger.core.common.LedgerDirectory;
import org.contributionledger.core.member.RegisterMember;
import org.springframework.stereotype.Component;

/**
 * First resolution of platform users: the member is {@code <platform>:<login>}, registered on first
 * sight with the login as display name. Linked identities (a stable user id tied to any member)
 * replace this.
 */
@Component
class LoginIdentities implements PlatformIdentities {

    private final LedgerCommands commands;
    private final LedgerDirectory directory;

    LoginIdentities(LedgerCommands commands, LedgerDirectory directory) {
        this.commands = commands;
        this.directory = directory;
    }

    @Override
    public Optional<String> memberFor(String communityId, PlatformIdentity identity) {
        String memberId = identity.platform() + ":" + identity.login();
        if (directory.findMember(communityId, memberId).isEmpty()) {
            commands.send(new RegisterMember(communityId, memberId, identity.login()));
        }
        return Optional.of(memberId);
    }
}
