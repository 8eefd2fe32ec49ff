-- Lookup tables of the write side (kept in the same transaction as the events) and the read
-- models of the foundation's queries. All of them are projections: they can be dropped and
-- rebuilt from DomainEventEntry alone.
CREATE TABLE directory_community (
    community_id          VARCHAR(128)   NOT NULL PRIMARY KEY,
    name                  VARCHAR(200)   NOT NULL,
    categories            VARCHAR(10000) NOT NULL,
    max_value_per_act     NUMERIC(38, 6) NOT NULL,
    confirmation_required BOOLEAN        NOT NULL,
    settings_json         VARCHAR(100000) NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE directory_api_key (
    key_sha256   VARCHAR(64)  NOT NULL PRIMARY KEY,
    key_id       VARCHAR(128) NOT NULL,
    community_id VARCHAR(128) NOT NULL
);

CREATE TABLE directory_member (
    community_id  VARCHAR(128) NOT NULL,
    member_id     VARCHAR(128) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    active        BOOLEAN      NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (community_id, member_id)
);

CREATE TABLE contribution_view (
    community_id      VARCHAR(128)   NOT NULL,
    contribution_id   VARCHAR(128)   NOT NULL,
    giver             VARCHAR(128)   NOT NULL,
    receiver          VARCHAR(128)   NOT NULL,
    category          VARCHAR(128)   NOT NULL,
    act_value         NUMERIC(38, 6) NOT NULL,
    occurred_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    recorded_by       VARCHAR(16)    NOT NULL,
    description       VARCHAR(2000),
    evidence_url      VARCHAR(2000),
    status            VARCHAR(16)    NOT NULL,
    status_changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    status_reason     VARCHAR(2000),
    PRIMARY KEY (community_id, contribution_id)
);
CREATE INDEX contribution_view_by_giver ON contribution_view (community_id, giver, occurred_at, contribution_id);
CREATE INDEX contribution_view_by_receiver ON contribution_view (community_id, receiver, occurred_at, contribution_id);

CREATE TABLE trust_view (
    community_id VARCHAR(128) NOT NULL,
    truster      VARCHAR(128) NOT NULL,
    trustee      VARCHAR(128) NOT NULL,
    category     VARCHAR(128) NOT NULL,
    trust_level  INTEGER      NOT NULL,
    note         VARCHAR(2000),
    declared_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (community_id, truster, trustee, category)
);
