package org.contributionledger.query.history;

import java.util.List;

/**
 * A SQL view table the projections write, with the columns of its primary key (the order its
 * checksum reads the rows in). Every one of them is a pure function of the events, so each can be
 * rebuilt from the event store alone.
 */
public record ViewTable(String name, List<String> key) {

    /** Every view table, the write side's lookup tables (directory_*) included. */
    public static final List<ViewTable> ALL = List.of(
            new ViewTable("directory_community", List.of("community_id")),
            new ViewTable("directory_api_key", List.of("key_sha256")),
            new ViewTable("directory_member", List.of("community_id", "member_id")),
            new ViewTable("directory_identity", List.of("community_id", "platform", "platform_user_id")),
            new ViewTable("contribution_view", List.of("community_id", "contribution_id")),
            new ViewTable("trust_view", List.of("community_id", "truster", "trustee", "category")));
}
