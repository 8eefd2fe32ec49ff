-- PostgreSQL tuning of Axon's tables, as Axon's reference guide advises for relational stores.
-- Runs after every migration of the postgres profile; every statement is idempotent.

-- The global index is what tracking processors follow. It must grow by exactly one per event and
-- not be handed out in per-session blocks (CACHE > 1), or every node's processors would wait on
-- "gaps" that are really unused numbers. A gap left by a rolled-back transaction is skipped after
-- ledger.cluster.gap-timeout.
ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET INCREMENT BY 1;
ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET CACHE 1;

-- Payloads and metadata are BYTEA (V1__event_store.sql), never large objects (oid), which Axon's
-- guide warns are neither removed with their rows nor read in one round trip.

-- Claims are renewed every second by every node's processors: leave room in each page so that
-- renewals are heap-only updates, and vacuum the table early.
ALTER TABLE TokenEntry SET (fillfactor = 50, autovacuum_vacuum_scale_factor = 0.01);

-- Indexes the processors and the store use (all created by V1__event_store.sql):
--   DomainEventEntry (globalIndex)                        primary key: the event stream and its gaps
--   DomainEventEntry (aggregateIdentifier, sequenceNumber) unique: loading and appending to an aggregate
--   DomainEventEntry (eventIdentifier)                     unique
--   SnapshotEventEntry (aggregateIdentifier, sequenceNumber) primary key
--   TokenEntry (processorName, segment)                   primary key: claims
--   event_chain (position)                                primary key: the hash chain in order (V6__event_chain.sql)
--   event_chain (event_id)                                unique: where a reordered event was chained
--   audit_checkpoint (position)                           primary key: checkpoints in order
-- Statistics for the planner after a large import.
ANALYZE DomainEventEntry;
