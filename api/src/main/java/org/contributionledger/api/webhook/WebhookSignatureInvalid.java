package org.contributionledger.api.webhook;

/**
 * A delivery is not signed by the platform with the community's secret: the signature is missing
 * or wrong, no secret is set, the community does not exist (an unsigned caller must not learn which
 * communities exist, so this says nothing more), or a Slack timestamp is too far from now.
 */
public class WebhookSignatureInvalid extends RuntimeException {

    public WebhookSignatureInvalid(String message) {
        super(message);
    }
}
