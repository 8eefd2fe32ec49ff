package org.contributionledger.api;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.contributionledger.api.write.CommunityWriteGate;
import org.contributionledger.core.common.CommunityCommand;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The command gateway with the current request's provenance attached as metadata, as the
 * community's only writer of the moment (see {@link CommunityWriteGate}). It waits for the command:
 * when it returns, the events are stored (and the subscribing views updated).
 */
@Component
public class LedgerCommands {

    private final CommandGateway gateway;
    private final CommunityWriteGate writes;

    public LedgerCommands(CommandGateway gateway, CommunityWriteGate writes) {
        this.gateway = gateway;
        this.writes = writes;
    }

    public <R> R send(CommunityCommand command) {
        var message = GenericCommandMessage.asCommandMessage(command).andMetaData(currentProvenance().metaData());
        return writes.write(command.communityId(), () -> gateway.sendAndWait(message));
    }

    public static Provenance currentProvenance() {
        RequestAttributes attributes = RequestContextHolder.currentRequestAttributes();
        Provenance provenance = (Provenance) attributes.getAttribute(Provenance.REQUEST_ATTRIBUTE,
                RequestAttributes.SCOPE_REQUEST);
        if (provenance == null) {
            throw new IllegalStateException("No provenance: the request was not authenticated by an API key");
        }
        return provenance;
    }
}
