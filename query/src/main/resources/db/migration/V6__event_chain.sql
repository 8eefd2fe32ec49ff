-- The tamper-evident hash chain over the event store (see docs/audit.md), kept beside it by the
-- "audit-chain" processor: one row per chained event, in global order.
CREATE TABLE event_chain (
    -- DomainEventEntry.globalIndex of the event.
    position     BIGINT       NOT NULL PRIMARY KEY,
    -- n: 1 for the first event chained, counting every event chained since.
    event_number BIGINT       NOT NULL,
    event_id     VARCHAR(255) NOT NULL,
    -- h_n = SHA-256(h_{n-1} || canonical bytes of the event), lowercase hex.
    digest       VARCHAR(64)  NOT NULL,
    -- Tells a reordered event (chained at another position) from an edited one.
    CONSTRAINT event_chain_event_id UNIQUE (event_id)
);

-- Checkpoints of the chain: every ledger.audit.checkpoint-every events, and on demand. An auditor
-- copies them elsewhere; a later verify against a copied checkpoint catches a history rewritten
-- together with its chain.
CREATE TABLE audit_checkpoint (
    position    BIGINT                   NOT NULL PRIMARY KEY,
    event_count BIGINT                   NOT NULL,
    digest      VARCHAR(64)              NOT NULL,
    taken_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    -- HMAC-SHA256 of the checkpoint with LEDGER_AUDIT_HMAC_KEY, hex; null when no key was set.
    hmac        VARCHAR(64)
);
