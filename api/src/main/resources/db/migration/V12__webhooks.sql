-- Platform webhooks (README, "Platform webhooks"). Configuration and intake bookkeeping, not ledger
-- history: none of it is an event, no projection reads it, exports and rebuilds leave it alone.

-- Each community's settings per platform: the signing secret, AES-GCM encrypted under a key kept
-- outside the database (LEDGER_WEBHOOK_SECRETS_KEY, or a key file in the data folder), and the
-- kinds of events the community changed from the defaults, as JSON. Owned by WebhookSettingsStore.
CREATE TABLE webhook_settings (
    community_id     VARCHAR(128)  NOT NULL,
    platform         VARCHAR(16)   NOT NULL,
    secret_encrypted VARCHAR(2048),
    kinds_json       VARCHAR(8000) NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (community_id, platform)
);

-- Every delivery answered 200 or 202, with that answer: a redelivery (same delivery or event id)
-- gets it again and records nothing. Written in the transaction of the delivery's acts. Owned by
-- DeliveryLog.
CREATE TABLE webhook_delivery (
    community_id VARCHAR(128)   NOT NULL,
    platform     VARCHAR(16)    NOT NULL,
    delivery_id  VARCHAR(200)   NOT NULL,
    status       INTEGER        NOT NULL,
    answer_json  VARCHAR(65535) NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (community_id, platform, delivery_id)
);

-- What earlier deliveries told that later ones need (owned by PlatformMemory): acts withdrawn
-- before the delivery that adds them arrived (a reaction removed, then the late "added"), and the
-- author of each Discourse topic (its post number 1), whom an accepted solution does not name.
CREATE TABLE webhook_withdrawn_act (
    community_id    VARCHAR(128) NOT NULL,
    contribution_id VARCHAR(128) NOT NULL,
    withdrawn_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (community_id, contribution_id)
);

CREATE TABLE webhook_topic_author (
    community_id VARCHAR(128) NOT NULL,
    platform     VARCHAR(16)  NOT NULL,
    topic_id     VARCHAR(64)  NOT NULL,
    user_id      VARCHAR(64)  NOT NULL,
    login        VARCHAR(200) NOT NULL,
    PRIMARY KEY (community_id, platform, topic_id)
);
