package org.contributionledger.query.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeysetTest {

    private static String base64(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyCharacterAnIdMayHoldSurvivesTheRoundTrip() {
        String cursor = Keyset.encode("a.b_c:d@e+f-9", "*");

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        assertThat(Keyset.decode(cursor, 2)).containsExactly("a.b_c:d@e+f-9", "*");
    }

    @Test
    void aStatementCursorIssuedBeforeTheListingsStillReads() {
        assertThat(Keyset.decode(base64("2025-01-10T12:00:00Z|act-1"), 2)).containsExactly("2025-01-10T12:00:00Z", "act-1");
    }

    @Test
    void aCursorWithTheWrongNumberOfPartsOrAnEmptyPartIsInvalid() {
        for (String cursor : List.of(base64("one"), base64("one|two|three"), base64("|two"), base64("one|"), base64(""),
                "not base64!", "%%%")) {
            assertThatThrownBy(() -> Keyset.decode(cursor, 2)).as(cursor).isInstanceOf(InvalidCursor.class)
                    .hasFieldOrPropertyWithValue("field", "cursor");
        }
    }

    @Test
    void aPageReadWithOneExtraRowEndsAtItsLastItem() {
        Keyset.Page<String> full = Keyset.page(List.of("a", "b", "c"), 2, item -> "after-" + item);
        Keyset.Page<String> last = Keyset.page(List.of("a", "b"), 2, item -> "after-" + item);

        assertThat(full.items()).containsExactly("a", "b");
        assertThat(full.nextCursor()).isEqualTo("after-b");
        assertThat(last.items()).containsExactly("a", "b");
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void limitsOutsideOneToTheMaximumAreRefusedNamingTheLimit() {
        Keyset.checkLimit(1, 500);
        Keyset.checkLimit(500, 500);
        for (int limit : new int[] {0, -1, 501, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> Keyset.checkLimit(limit, 500)).isInstanceOf(LimitOutOfRange.class)
                    .hasMessage("limit must be between 1 and 500 but was " + limit);
        }
    }
}
