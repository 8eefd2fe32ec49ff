-- Erasure (docs/audit.md, "Erasure"). Each member's data key, under which the application stores
-- the personal fields of their events. Write-side state, not a view: it cannot be rebuilt from the
-- events (that is the point), so no rebuild may drop it. Erasure sets key_base64 to NULL in the
-- same transaction as the MemberErased event and keeps the row, so that no key is ever created
-- again for an erased member.
CREATE TABLE member_data_key (
    key_id       VARCHAR(64)  NOT NULL PRIMARY KEY,
    community_id VARCHAR(128) NOT NULL,
    member_id    VARCHAR(128) NOT NULL,
    key_base64   VARCHAR(64),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    erased_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT member_data_key_one_per_member UNIQUE (community_id, member_id)
);

-- An erased member keeps their row (their id, acts and trust stay) without a display name.
ALTER TABLE directory_member ADD COLUMN erased BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE directory_member ALTER COLUMN display_name DROP NOT NULL;
