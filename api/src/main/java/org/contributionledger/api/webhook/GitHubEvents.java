package org.contributionledger.api.webhook;

import org.contributionledger.api.identity.PlatformIdentity;

/** GitHub's webhook events ({@code X-GitHub-Event}) as acts; payloads as documented by GitHub's webhook reference. */
final class GitHubEvents {

    private static final Platform GITHUB = Platform.GITHUB;

    private GitHubEvents() {
    }

    static PlatformEvent read(String event, Payload body) {
        String action = body.optionalText("/action");
        return switch (event) {
            case "ping" -> new PlatformEvent.Ignored("GitHub's ping: the webhook reaches the ledger");
            case "pull_request" -> pullRequest(action, body);
            case "pull_request_review" -> review(action, body);
            case "discussion" -> discussion(action, body);
            case "sponsorship" -> sponsorship(action, body);
            default -> new PlatformEvent.Ignored("GitHub event '" + event + "' maps to no act");
        };
    }

    /** A merged pull request: its author gave code to whoever merged it, or to the repository's owner. */
    private static PlatformEvent pullRequest(String action, Payload body) {
        if (!"closed".equals(action)) {
            return new PlatformEvent.Ignored("pull_request '" + action + "': only a merged pull request is an act");
        }
        if (!body.isTrue("/pull_request/merged")) {
            return new PlatformEvent.Ignored("pull_request closed without being merged: no act");
        }
        PlatformIdentity receiver = body.has("/pull_request/merged_by")
                ? body.user(GITHUB, "/pull_request/merged_by", "id", "login")
                : body.user(GITHUB, "/repository/owner", "id", "login");
        String number = body.text("/pull_request/number");
        return new PlatformEvent.Act("pull_request.merged",
                Payload.actId("github:pr", body.text("/repository/id"), number),
                body.user(GITHUB, "/pull_request/user", "id", "login"), receiver, null,
                body.instant("/pull_request/merged_at"),
                Payload.describe("Pull request " + body.text("/repository/full_name") + "#" + number + " merged"),
                Payload.evidence(body.optionalText("/pull_request/html_url")), null);
    }

    /** A submitted review: the reviewer gave a review to the pull request's author. */
    private static PlatformEvent review(String action, Payload body) {
        if (!"submitted".equals(action)) {
            return new PlatformEvent.Ignored("pull_request_review '" + action + "': only a submitted review is an act");
        }
        return new PlatformEvent.Act("pull_request_review.submitted",
                Payload.actId("github:review", body.text("/review/id")),
                body.user(GITHUB, "/review/user", "id", "login"),
                body.user(GITHUB, "/pull_request/user", "id", "login"), null,
                body.instant("/review/submitted_at"),
                Payload.describe("Review of pull request " + body.text("/repository/full_name") + "#"
                        + body.text("/pull_request/number")),
                Payload.evidence(body.optionalText("/review/html_url")), null);
    }

    /**
     * An answered discussion: the answer's author gave advice to the discussion's author. Choosing
     * another answer first un-answers the old one, which withdraws its act.
     */
    private static PlatformEvent discussion(String action, Payload body) {
        if ("unanswered".equals(action)) {
            return new PlatformEvent.Withdrawal(Payload.actId("github:answer", body.text("/old_answer/id")),
                    "GitHub: the answer was unmarked");
        }
        if (!"answered".equals(action)) {
            return new PlatformEvent.Ignored("discussion '" + action + "': only an answered discussion is an act");
        }
        return new PlatformEvent.Act("discussion.answered",
                Payload.actId("github:answer", body.text("/answer/id")),
                body.user(GITHUB, "/answer/user", "id", "login"),
                body.user(GITHUB, "/discussion/user", "id", "login"), null,
                body.instant("/discussion/answer_chosen_at"),
                Payload.describe("Answer to discussion " + body.text("/repository/full_name") + "#"
                        + body.text("/discussion/number")),
                Payload.evidence(body.optionalText("/answer/html_url")), null);
    }

    /** A new sponsorship: the sponsor gave the tier's monthly price in dollars to the sponsored. */
    private static PlatformEvent sponsorship(String action, Payload body) {
        if (!"created".equals(action)) {
            return new PlatformEvent.Ignored("sponsorship '" + action + "': only a new sponsorship is an act");
        }
        return new PlatformEvent.Act("sponsorship.created",
                Payload.actId("github:sponsorship", body.text("/sponsorship/node_id")),
                body.user(GITHUB, "/sponsorship/sponsor", "id", "login"),
                body.user(GITHUB, "/sponsorship/sponsorable", "id", "login"), null,
                body.instant("/sponsorship/created_at"),
                Payload.describe("Sponsorship: " + body.text("/sponsorship/tier/name")),
                null, body.positiveNumber("/sponsorship/tier/monthly_price_in_dollars"));
    }
}
