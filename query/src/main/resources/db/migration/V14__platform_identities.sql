-- Platform identities linked to members (IdentityLinked, IdentityUnlinked), owned by the directory
-- projection like the other directory tables: the write side checks that an identity is linked to
-- at most one member, and webhooks resolve a platform's user by the platform's stable user id.
-- A projection: it can be dropped and rebuilt from the events alone. The login is personal data:
-- NULL once the member is erased, as display names are.
CREATE TABLE directory_identity (
    community_id     VARCHAR(128) NOT NULL,
    platform         VARCHAR(32)  NOT NULL,
    platform_user_id VARCHAR(128) NOT NULL,
    member_id        VARCHAR(128) NOT NULL,
    login            VARCHAR(200),
    linked_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (community_id, platform, platform_user_id)
);
CREATE INDEX directory_identity_by_member ON directory_identity (community_id, member_id);
