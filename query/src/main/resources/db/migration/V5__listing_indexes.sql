-- Listings page by keyset (see query.paging.Keyset); these indexes serve their orders.
-- A community's acts, newest first, with or without category/status/time filters.
CREATE INDEX contribution_view_by_time ON contribution_view (community_id, occurred_at, contribution_id);
-- The trust ties into a member, by truster (ties out of a member use the primary key).
CREATE INDEX trust_view_by_trustee ON trust_view (community_id, trustee, truster, category);
