package org.contributionledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventExportFilterTest {

    private static StoredEvent event(String aggregate, String payload) {
        return new StoredEvent(1, "e-1", "SomeEvent", "1", aggregate, 0, "2026-01-01T00:00:00Z",
                payload.getBytes(StandardCharsets.UTF_8), null);
    }

    private static EventExportFilter category(String category) {
        return new EventExportFilter("makers", null, category, null, null, null, null);
    }

    @Test
    void a_correction_belongs_to_the_category_it_leaves_and_the_one_it_enters() {
        StoredEvent correction = event("contribution/makers/a-1",
                "{\"previousCategory\":\"code\",\"category\":\"advice\"}");

        assertThat(EventExport.matches(category("code"), correction)).isTrue();
        assertThat(EventExport.matches(category("advice"), correction)).isTrue();
        assertThat(EventExport.matches(category("review"), correction)).isFalse();
    }

    @Test
    void a_member_named_like_the_community_does_not_pull_in_another_communitys_trust() {
        StoredEvent elsewhere = event("trust/guild/makers/ada", "{\"truster\":\"makers\",\"trustee\":\"ada\"}");

        assertThat(EventExport.matches(category(null), elsewhere)).isFalse();
    }
}
