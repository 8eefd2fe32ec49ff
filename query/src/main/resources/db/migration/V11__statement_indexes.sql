-- A member's statement reads two branches, the acts they gave and those they received, each newest
-- first (see StatementQueries). H2 reads an index in its stored order only: with the ascending
-- indexes of V2 it sorted every act of the member for each page. Stored newest first, each branch
-- stops after one page. They serve every other "giver = ?" / "receiver = ?" read as well as the old
-- ones did, which are dropped so that writes keep the same number of indexes.
CREATE INDEX contribution_view_by_giver_newest ON contribution_view (community_id, giver, occurred_at DESC, contribution_id DESC);
CREATE INDEX contribution_view_by_receiver_newest ON contribution_view (community_id, receiver, occurred_at DESC, contribution_id DESC);
DROP INDEX contribution_view_by_giver;
DROP INDEX contribution_view_by_receiver;
