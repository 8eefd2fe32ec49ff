package org.contributionledger.core.community;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.core.community.CommunitySettings.ReputationWeights;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommunityTest {

    private static final String COMMUNITY = "makers";
    private static final String KEY_ID = "key-1";
    private static final String KEY_SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private FixtureConfiguration<Community> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Community.class);
    }

    @Test
    void createdCommunityGetsDefaultSettingsAndAnApiKey() {
        CommunitySettings expectedDefaults = new CommunitySettings(
                List.of("help", "introduction", "referral", "advice", "endorsement"), List.of(),
                new BigDecimal("1000"), true, new ReciprocityThresholds(0.5, 2.0, 1),
                new ReputationWeights(1.0, 1.0, Map.of(), 0.15));

        fixture.givenNoPriorActivity()
               .when(new CreateCommunity(COMMUNITY, "Makers", null, KEY_ID, KEY_SHA))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new CommunityCreated(COMMUNITY, "Makers", expectedDefaults),
                             new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA));
    }

    @Test
    void createdCommunityKeepsItsOwnSettings() {
        CommunitySettings settings = new CommunitySettings(List.of("code", "review"), List.of("alice"),
                new BigDecimal("50"), false, null, null);

        fixture.givenNoPriorActivity()
               .when(new CreateCommunity(COMMUNITY, "Makers", settings, KEY_ID, KEY_SHA))
               .expectEvents(new CommunityCreated(COMMUNITY, "Makers", settings),
                             new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA));
    }

    @Test
    void cannotCreateACommunityTwice() {
        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA))
               .when(new CreateCommunity(COMMUNITY, "Makers", null, "key-2", KEY_SHA))
               .expectNoEvents()
               .expectException(CommunityAlreadyExists.class);
    }

    private static final String NEW_KEY_ID = "key-2";
    private static final String NEW_KEY_SHA = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

    @Test
    void aRotatedKeyIsIssuedAndTheOldOneKeepsActingUntilRevoked() {
        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA))
               .when(new IssueCommunityApiKey(COMMUNITY, NEW_KEY_ID, NEW_KEY_SHA, false))
               .expectEvents(new CommunityApiKeyIssued(COMMUNITY, NEW_KEY_ID, NEW_KEY_SHA));
    }

    @Test
    void rotatingWithRevokePreviousRevokesEveryActiveKeyButTheNewOne() {
        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA),
                      new CommunityApiKeyIssued(COMMUNITY, "key-old", "ab"),
                      new CommunityApiKeyRevoked(COMMUNITY, "key-old"))
               .when(new IssueCommunityApiKey(COMMUNITY, NEW_KEY_ID, NEW_KEY_SHA, true))
               .expectEvents(new CommunityApiKeyIssued(COMMUNITY, NEW_KEY_ID, NEW_KEY_SHA),
                             new CommunityApiKeyRevoked(COMMUNITY, KEY_ID));
    }

    @Test
    void issuingTheSameKeyIdAgainRecordsNothing() {
        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA))
               .when(new IssueCommunityApiKey(COMMUNITY, KEY_ID, KEY_SHA, true))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void anIssuedKeyCanBeRevokedAndRevokingItAgainRecordsNothing() {
        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA))
               .when(new RevokeCommunityApiKey(COMMUNITY, KEY_ID))
               .expectEvents(new CommunityApiKeyRevoked(COMMUNITY, KEY_ID));

        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA),
                      new CommunityApiKeyRevoked(COMMUNITY, KEY_ID))
               .when(new RevokeCommunityApiKey(COMMUNITY, KEY_ID))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void cannotRevokeAKeyTheCommunityWasNeverIssued() {
        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA))
               .when(new RevokeCommunityApiKey(COMMUNITY, "key-of-another-community"))
               .expectNoEvents()
               .expectException(UnknownApiKey.class);
    }
}
