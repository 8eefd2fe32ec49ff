-- Community keys are issued (at creation and by rotation) and revoked. A revoked key stays listed.
ALTER TABLE directory_api_key ADD COLUMN issued_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE directory_api_key ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
UPDATE directory_api_key SET issued_at =
    (SELECT c.created_at FROM directory_community c WHERE c.community_id = directory_api_key.community_id);
CREATE INDEX directory_api_key_by_community ON directory_api_key (community_id);

-- When each key (community keys and 'admin') last acted. Operational state, not ledger history: no
-- event records it, and it is written at most once per key per flush interval, not per request.
CREATE TABLE ledger_api_key_use (
    key_id       VARCHAR(128)             NOT NULL PRIMARY KEY,
    last_used_at TIMESTAMP WITH TIME ZONE NOT NULL
);
