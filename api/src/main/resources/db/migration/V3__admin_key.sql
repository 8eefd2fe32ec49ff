-- The digest of the admin key generated at first start, when LEDGER_ADMIN_KEY is not set.
-- Configuration, not ledger history: it is not an event and no projection reads it.
CREATE TABLE ledger_admin_key (
    key_sha256 VARCHAR(64) NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
