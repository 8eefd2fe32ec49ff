package org.contributionledger.api.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.contributionledger.api.support.LedgerApiTest;
import org.contributionledger.api.support.LedgerClient;
import org.contributionledger.client.ApiClient;
import org.contributionledger.client.ApiResponse;
import org.contributionledger.client.ApiException;
import org.contributionledger.client.api.CommunitiesApi;
import org.contributionledger.client.api.ContributionsApi;
import org.contributionledger.client.api.MembersApi;
import org.contributionledger.client.api.ReciprocityApi;
import org.contributionledger.client.api.ReputationApi;
import org.contributionledger.client.api.StatisticsApi;
import org.contributionledger.client.api.TrustApi;
import org.contributionledger.client.model.CommunityCreation;
import org.contributionledger.client.model.Contribution;
import org.contributionledger.client.model.ContributionDecision;
import org.contributionledger.client.model.ContributionState;
import org.contributionledger.client.model.StatementEntry;
import org.contributionledger.client.model.CreatedCommunity;
import org.contributionledger.client.model.LeaderboardPage;
import org.contributionledger.client.model.Member;
import org.contributionledger.client.model.MemberRegistration;
import org.contributionledger.client.model.MemberReputation;
import org.contributionledger.client.model.Reciprocity;
import org.contributionledger.client.model.StatementPage;
import org.contributionledger.client.model.StatsResponse;
import org.contributionledger.client.model.TrustDeclaration;
import org.contributionledger.client.model.TrustTie;
import org.junit.jupiter.api.Test;

/**
 * The README walkthrough, step by step, with nothing but the Java client generated at build time
 * from the committed OpenAPI document (docs/openapi.json): proof that a client written from the
 * document alone works.
 */
class GeneratedClientWalkthroughTest extends LedgerApiTest {

    private ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        return client;
    }

    @Test
    void theReadmeWalkthroughRunsWithTheGeneratedClient() throws Exception {
        String makers = unique("makers");

        // 1. The admin creates a community; its API key is in this answer only.
        CreatedCommunity created = new CommunitiesApi(client(LedgerClient.ADMIN_KEY))
                .createCommunity(new CommunityCreation().id(makers).name("Makers Guild"));
        assertThat(created.getId()).isEqualTo(makers);
        assertThat(created.getApiKey()).isNotBlank();
        ApiClient platform = client(created.getApiKey());

        // 2. The platform registers two members under its own ids.
        MembersApi members = new MembersApi(platform);
        Member ada = members.registerMember(makers, new MemberRegistration().id("ada").displayName("Ada Lovelace"));
        members.registerMember(makers, new MemberRegistration().id("bob").displayName("Bob Noyce"));
        assertThat(ada.getMemberId()).isEqualTo("ada");

        // 3. Ada says she helped Bob for 2.5 hours: pending until Bob confirms.
        ContributionsApi contributions = new ContributionsApi(platform);
        Contribution act = new Contribution().id("act-1")
                .giver("ada").receiver("bob").category("help").value(new BigDecimal("2.5"))
                .occurredAt(OffsetDateTime.parse("2026-01-15T10:00:00Z"))
                .description("Reviewed the grant application").recordedBy(Contribution.RecordedByEnum.GIVER);
        ApiResponse<StatementEntry> recorded = contributions.recordContributionWithHttpInfo(makers, act);
        assertThat(recorded.getStatusCode()).isEqualTo(201);
        assertThat(recorded.getData().getStatus()).isEqualTo("PENDING");
        // The same act again is a retry: 200 with the act as stored, nothing new.
        ApiResponse<StatementEntry> retried = contributions.recordContributionWithHttpInfo(makers, act);
        assertThat(retried.getStatusCode()).isEqualTo(200);
        assertThat(retried.getData()).isEqualTo(recorded.getData());

        // 4. Bob confirms it.
        ContributionState confirmed = contributions.confirmContribution(makers, "act-1",
                new ContributionDecision().by("bob"));
        assertThat(confirmed.getStatus()).isEqualTo(ContributionState.StatusEnum.CONFIRMED);

        // 5. Reciprocity: Ada is a contributor, Bob a taker.
        ReciprocityApi reciprocity = new ReciprocityApi(platform);
        Reciprocity adas = reciprocity.getMemberReciprocity(makers, "ada", null);
        assertThat(adas.getRole()).isEqualTo(Reciprocity.RoleEnum.CONTRIBUTOR);
        assertThat(adas.getGiven().getValue()).isEqualByComparingTo("2.5");
        assertThat(reciprocity.getMemberReciprocity(makers, "bob", null).getRole()).isEqualTo(Reciprocity.RoleEnum.TAKER);

        // 6. Bob's statement.
        StatementPage statement = reciprocity.getStatement(makers, "bob", null, 20, null);
        assertThat(statement.getEntries()).hasSize(1);
        assertThat(statement.getEntries().get(0).getContributionId()).isEqualTo("act-1");

        // 7. Bob trusts Ada; her reputation follows within about a second (allow much more on a busy machine).
        TrustTie tie = new TrustApi(platform).declareTrust(makers, "bob", "ada",
                new TrustDeclaration().level(8).note("Knows grants inside out"), null);
        assertThat(tie.getLevel()).isEqualTo(8);
        ReputationApi reputation = new ReputationApi(platform);
        MemberReputation adasReputation = eventually(() -> {
            MemberReputation current = reputation.getMemberReputation(makers, "ada", null, null);
            return current.getTopSources() != null && !current.getTopSources().isEmpty() ? current : null;
        });
        assertThat(adasReputation.getTopSources().get(0).getMemberId()).isEqualTo("bob");
        LeaderboardPage leaderboard = reputation.getLeaderboard(makers, null, null, null, null);
        assertThat(leaderboard.getEntries()).isNotEmpty();
        StatsResponse stats = new StatisticsApi(platform).getCommunityStats(makers, null);
        assertThat(stats.getMembers()).isEqualTo(2L);
        assertThat(stats.getPositiveTrustDeclarations()).isEqualTo(1L);

        // Running it twice answers 409 at step 1: the community exists.
        assertThatThrownBy(() -> new CommunitiesApi(client(LedgerClient.ADMIN_KEY))
                .createCommunity(new CommunityCreation().id(makers).name("Makers Guild")))
                .isInstanceOfSatisfying(ApiException.class, refused -> {
                    assertThat(refused.getCode()).isEqualTo(409);
                    assertThat(refused.getResponseBody()).contains("community-already-exists");
                });
    }

    private interface Attempt<T> {
        T get() throws ApiException;
    }

    /** The first non-null answer within 60 s; a 404 (no snapshot yet) counts as not yet. */
    private static <T> T eventually(Attempt<T> attempt) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                T value = attempt.get();
                if (value != null) {
                    return value;
                }
            } catch (ApiException notYet) {
                if (notYet.getCode() != 404 || System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No answer within 60 s");
            }
            Thread.sleep(100);
        }
    }
}
