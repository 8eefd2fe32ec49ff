package org.contributionledger.api;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The command gateway with the current request's provenance attached as metadata. It waits for
 * the command: when it returns, the events are stored (and the subscribing views updated).
 */
@Component
public class LedgerCommands {

    private final CommandGateway gateway;

    public LedgerCommands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(currentProvenance().metaData()));
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
