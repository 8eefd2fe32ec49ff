-- Merging two members (MembersMerged). Every column here is a view column, rebuilt from the events.
-- The member a merged-away member was merged into (the last of a chain of merges), or NULL: the write
-- side refuses the merged member by it, and the member's answer shows it.
ALTER TABLE directory_member ADD COLUMN merged_into VARCHAR(128);

-- The member each act counts for: its giver and receiver as recorded, or the member they were merged
-- into. Statements, reciprocity and totals read these; giver and receiver keep the ids as recorded.
ALTER TABLE contribution_view ADD COLUMN giver_member VARCHAR(128);
ALTER TABLE contribution_view ADD COLUMN receiver_member VARCHAR(128);
UPDATE contribution_view SET giver_member = giver, receiver_member = receiver;
ALTER TABLE contribution_view ALTER COLUMN giver_member SET NOT NULL;
ALTER TABLE contribution_view ALTER COLUMN receiver_member SET NOT NULL;
-- The statement's two branches now read the member columns, newest first, as V11's did the recorded
-- ones; those are dropped so that writes keep the same number of indexes.
CREATE INDEX contribution_view_by_giver_member ON contribution_view (community_id, giver_member, occurred_at DESC, contribution_id DESC);
CREATE INDEX contribution_view_by_receiver_member ON contribution_view (community_id, receiver_member, occurred_at DESC, contribution_id DESC);
DROP INDEX contribution_view_by_giver_newest;
DROP INDEX contribution_view_by_receiver_newest;

-- Who wrote a trust declaration's note: its truster, until a merge moves the declaration to the
-- staying member. Erasing the writer forgets the note wherever it moved.
ALTER TABLE trust_view ADD COLUMN note_author VARCHAR(128);
UPDATE trust_view SET note_author = truster;
