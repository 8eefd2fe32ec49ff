-- The reputation engine's networks as of one position of the store (ReputationCheckpoints), so
-- that a start replays only the events stored after it. One checkpoint, replaced as the store
-- grows (slot is always 1); its state is kept in parts, as H2 caps a binary value at 1 MB. It
-- holds no names: they are personal data, read back from directory_member.
CREATE TABLE reputation_checkpoint (
    slot      INT                      NOT NULL PRIMARY KEY,
    position  BIGINT                   NOT NULL,
    -- The event at the position when the checkpoint was taken: a store replaced since no longer has it.
    event_id  VARCHAR(255)             NOT NULL,
    format    INT                      NOT NULL,
    parts     INT                      NOT NULL,
    -- SHA-256 of the state (its parts in order), hex.
    sha256    VARCHAR(64)              NOT NULL,
    taken_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE reputation_checkpoint_part (
    position  BIGINT NOT NULL,
    part      INT    NOT NULL,
    data      BYTEA  NOT NULL,
    PRIMARY KEY (position, part)
);
