package org.contributionledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The encoding against a vector computed independently, by {@code src/test/resources/audit/chain_vector.py}
 * (Python's hashlib and struct, from the description in docs/audit.md): the two can only agree if
 * both follow the document.
 */
class ChainEncodingTest {

    static final StoredEvent FIRST = new StoredEvent(1, "0b5e8c4e-1f57-4d5c-9d36-6f1f0c1e2a01",
            "org.contributionledger.core.community.CommunityCreated", "1", "community/makers", 0,
            "2026-01-15T10:00:00Z", bytes("{\"communityId\":\"makers\",\"name\":\"Makers Guild\"}"),
            bytes("{\"keyId\":\"admin\",\"requestId\":\"r-1\"}"));
    static final StoredEvent SECOND = new StoredEvent(7, "0b5e8c4e-1f57-4d5c-9d36-6f1f0c1e2a02",
            "org.contributionledger.core.member.MemberRegistered", null, "member/makers/zo\u00eb", 258,
            "2026-01-15T10:00:01.5Z", new byte[0], null);

    @Test
    void theCanonicalBytesAreThoseOfTheIndependentScript() {
        assertThat(ChainEncoding.hex(ChainEncoding.canonical(SECOND))).isEqualTo("01"
                + "00000024" + hex("0b5e8c4e-1f57-4d5c-9d36-6f1f0c1e2a02")
                + "00000033" + hex("org.contributionledger.core.member.MemberRegistered")
                + "ffffffff"
                + "00000012" + "6d656d6265722f6d616b6572732f7a6fc3ab"
                + "00000008" + "0000000000000102"
                + "00000016" + hex("2026-01-15T10:00:01.5Z")
                + "00000000"
                + "ffffffff");
    }

    @Test
    void theChainOfTwoEventsIsThatOfTheIndependentScript() {
        byte[] first = ChainEncoding.next(ChainEncoding.START, FIRST);
        assertThat(ChainEncoding.hex(first)).isEqualTo("bc1230b71425c42d6276616edb81a83da7ede16954146a97eb54c8f76272de15");
        assertThat(ChainEncoding.hex(ChainEncoding.next(first, SECOND)))
                .isEqualTo("1b4f89dde9117f1a229af459ff3314a1b3f6ff089d4d761ef10a18b24ea67619");
    }

    @Test
    void theGlobalPositionIsNotEncodedOnlyTheOrder() {
        StoredEvent elsewhere = new StoredEvent(99, FIRST.eventIdentifier(), FIRST.payloadType(), FIRST.payloadRevision(),
                FIRST.aggregateIdentifier(), FIRST.sequenceNumber(), FIRST.timeStamp(), FIRST.payload(), FIRST.metaData());
        assertThat(ChainEncoding.canonical(elsewhere)).isEqualTo(ChainEncoding.canonical(FIRST));
    }

    @Test
    void aNullFieldDiffersFromAnEmptyOne() {
        StoredEvent emptyMetaData = new StoredEvent(7, SECOND.eventIdentifier(), SECOND.payloadType(), SECOND.payloadRevision(),
                SECOND.aggregateIdentifier(), SECOND.sequenceNumber(), SECOND.timeStamp(), SECOND.payload(), new byte[0]);
        assertThat(ChainEncoding.next(ChainEncoding.START, emptyMetaData))
                .isNotEqualTo(ChainEncoding.next(ChainEncoding.START, SECOND));
    }

    @Test
    void movingBytesFromOneFieldToTheNextChangesTheDigest() {
        // Without length prefixes, "ab" + "c" and "a" + "bc" would hash alike.
        StoredEvent shifted = new StoredEvent(1, FIRST.eventIdentifier(), FIRST.payloadType(), FIRST.payloadRevision(),
                FIRST.aggregateIdentifier(), FIRST.sequenceNumber(), FIRST.timeStamp(),
                bytes("{\"communityId\":\"makers\",\"name\":\"Makers Guild\"}{"),
                bytes("\"keyId\":\"admin\",\"requestId\":\"r-1\"}"));
        assertThat(ChainEncoding.next(ChainEncoding.START, shifted)).isNotEqualTo(ChainEncoding.next(ChainEncoding.START, FIRST));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(String text) {
        return ChainEncoding.hex(bytes(text));
    }
}
