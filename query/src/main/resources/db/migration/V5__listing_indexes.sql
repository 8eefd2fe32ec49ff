-- Listings page by keyset (see query.paging.Keyset); these indexes serve their orders. Newest first
-- is stored descending because H2 reads an index in its stored order only.
-- A community's acts, newest first, with or without status/time filters.
CREATE INDEX contribution_view_by_time ON contribution_view (community_id, occurred_at DESC, contribution_id DESC);
-- ... in one category: without it a rare category meant reading most of the community per page.
CREATE INDEX contribution_view_by_category ON contribution_view (community_id, category, occurred_at DESC, contribution_id DESC);
-- The trust ties into a member, by truster (ties out of a member use the primary key).
CREATE INDEX trust_view_by_trustee ON trust_view (community_id, trustee, truster, category);
