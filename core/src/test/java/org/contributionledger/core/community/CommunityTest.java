package org.contributionledger.core.community;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.contributionledger.core.community.CommunitySettings.ReciprocityThresholds;
import org.contributionledger.core.community.CommunitySettings.ReputationWeights;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    // ---- settings within what the engines compute exactly ----

    private static CommunitySettings weights(Double trust, Double gift, Map<String, Double> categories, Double alpha) {
        return new CommunitySettings(List.of("help", "code"), null, null, null, null,
                new ReputationWeights(trust, gift, categories, alpha));
    }

    private static CommunitySettings reciprocity(Double takerBelowRatio, Double contributorAboveRatio, Integer minimumActs) {
        return new CommunitySettings(null, null, null, null,
                new ReciprocityThresholds(takerBelowRatio, contributorAboveRatio, minimumActs), null);
    }

    private void createIsRefused(CommunitySettings settings, Class<? extends SettingRuleViolation> rule) {
        fixture.givenNoPriorActivity()
               .when(new CreateCommunity(COMMUNITY, "Makers", settings, KEY_ID, KEY_SHA))
               .expectNoEvents()
               .expectException(rule);
    }

    private void createIsAccepted(CommunitySettings settings) {
        fixture.givenNoPriorActivity()
               .when(new CreateCommunity(COMMUNITY, "Makers", settings, KEY_ID, KEY_SHA))
               .expectEvents(new CommunityCreated(COMMUNITY, "Makers", settings),
                             new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA));
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e308, Double.POSITIVE_INFINITY, Double.NaN, -1, -0.000001, 1e-7, 1000000.5})
    void cannotWeighReputationBeyondWhatTheEngineComputes(double weight) {
        createIsRefused(weights(weight, null, null, null), ReputationWeightOutOfRange.class);
        createIsRefused(weights(null, weight, null, null), ReputationWeightOutOfRange.class);
        createIsRefused(weights(null, null, Map.of("help", weight), null), ReputationWeightOutOfRange.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.000001, 1, 1e6})
    void reputationWeightsFromZeroToAMillionAreAccepted(double weight) {
        createIsAccepted(weights(weight, weight, Map.of("help", weight, "code", weight), null));
    }

    @Test
    void aRefusedWeightNamesItsField() {
        assertThatThrownBy(() -> CommunitySettingsLimits.check(weights(null, null, Map.of("code", 1e308), null)))
                .isInstanceOf(ReputationWeightOutOfRange.class)
                .extracting(failure -> ((SettingRuleViolation) failure).field())
                .isEqualTo("reputation.categories.code");
    }

    @Test
    void cannotWeighACategoryTheCommunityDoesNotHave() {
        createIsRefused(weights(null, null, Map.of("hepl", 2.0), null), CategoryWeightForUnknownCategory.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.049, 0.951, 0.0001, 0.99999, Double.NaN})
    void cannotSetAlphaWhereTheIterationWouldNotConverge(double alpha) {
        createIsRefused(weights(null, null, null, alpha), ReputationAlphaOutOfRange.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.15, 0.95})
    void alphaFromFivePercentToNinetyFiveIsAccepted(double alpha) {
        createIsAccepted(weights(null, null, null, alpha));
    }

    @Test
    void cannotSetReciprocityThresholdsOutOfRange() {
        createIsRefused(reciprocity(-0.1, null, null), ReciprocityThresholdOutOfRange.class);
        createIsRefused(reciprocity(null, Double.POSITIVE_INFINITY, null), ReciprocityThresholdOutOfRange.class);
        createIsRefused(reciprocity(null, 1e7, null), ReciprocityThresholdOutOfRange.class);
        createIsRefused(reciprocity(null, null, -1), ReciprocityThresholdOutOfRange.class);
        createIsRefused(reciprocity(null, null, 1_000_001), ReciprocityThresholdOutOfRange.class);
    }

    @Test
    void reciprocityThresholdsAtTheirBoundsAreAccepted() {
        createIsAccepted(reciprocity(0.0, 1e6, 0));
        createIsAccepted(reciprocity(1.0, 1.0, 1_000_000));
    }

    @Test
    void cannotSetTheContributorThresholdBelowTheTakerThreshold() {
        createIsRefused(reciprocity(3.0, 1.0, null), ReciprocityThresholdsOutOfOrder.class);
    }

    // ---- changing settings ----

    @Test
    void changedSettingsAreRecordedWhole() {
        CommunitySettings corrected = weights(2.0, 0.5, Map.of("code", 3.0), 0.2);

        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunityApiKeyIssued(COMMUNITY, KEY_ID, KEY_SHA))
               .when(new ChangeCommunitySettings(COMMUNITY, corrected))
               .expectEvents(new CommunitySettingsChanged(COMMUNITY, corrected));
    }

    @Test
    void settingsStoredOutOfRangeCanBeCorrected() {
        // Stored before the limits existed: history stays as it is, and a correction is accepted.
        CommunitySettings stored = weights(1e308, null, null, null);

        fixture.given(new CommunityCreated(COMMUNITY, "Makers", stored))
               .when(new ChangeCommunitySettings(COMMUNITY, CommunitySettings.defaults()))
               .expectEvents(new CommunitySettingsChanged(COMMUNITY, CommunitySettings.defaults()));
    }

    @Test
    void changingToTheSameSettingsRecordsNothing() {
        CommunitySettings settings = weights(2.0, null, null, null);

        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()),
                      new CommunitySettingsChanged(COMMUNITY, settings))
               .when(new ChangeCommunitySettings(COMMUNITY, settings))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void cannotChangeSettingsBeyondWhatTheEngineComputes() {
        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()))
               .when(new ChangeCommunitySettings(COMMUNITY, weights(1e308, null, null, null)))
               .expectNoEvents()
               .expectException(ReputationWeightOutOfRange.class);
        fixture.given(new CommunityCreated(COMMUNITY, "Makers", CommunitySettings.defaults()))
               .when(new ChangeCommunitySettings(COMMUNITY, reciprocity(3.0, 1.0, null)))
               .expectNoEvents()
               .expectException(ReciprocityThresholdsOutOfOrder.class);
    }
}
