package org.contributionledger.api.paging;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of every paged answer: the items, and where the next page is. On the last page both
 * {@code nextCursor} and {@code next} are null (present, so a client can test for them).
 */
public record Page<T>(
        List<T> items,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "Opaque; pass it as `cursor` for the next page. Null on the last page.",
                requiredMode = Schema.RequiredMode.REQUIRED, nullable = true)
        String nextCursor,
        @JsonInclude(JsonInclude.Include.ALWAYS)
        @Schema(description = "Root-relative URL of the next page, with the same filters and limit. Null on the last page.",
                requiredMode = Schema.RequiredMode.REQUIRED, nullable = true,
                example = "/api/v1/communities/makers/members?limit=50&cursor=YWRh")
        String next) {

    public static <T> Page<T> of(List<T> items, String nextCursor, NextLink link) {
        return new Page<>(items, nextCursor, link.to(nextCursor));
    }
}
