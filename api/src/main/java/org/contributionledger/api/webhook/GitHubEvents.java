package org.contributionledger.api.webhook;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.contributionledger.api.identity.PlatformIdentity;
import org.contributionledger.api.webhook.Platform.EventKind;

/**
 * GitHub's webhook events ({@code X-GitHub-Event}) as acts; payloads as documented by GitHub's
 * webhook reference. Every event that is an act has the same shape (one action makes it, and the
 * act's parts are at fixed places in the payload), so each is one row of {@link #ACTS}; an event
 * whose action takes an act back is one row of {@link #WITHDRAWALS}.
 */
final class GitHubEvents {

    /** A user object of GitHub's payloads: its numeric {@code id} is stable, its {@code login} can be renamed. */
    private static final String ID = "id";
    private static final String LOGIN = "login";

    private static final List<ActMapping> ACTS = List.of(
            act("pull_request", "closed", "a merged pull request", new EventKind("pull_request.merged", "code",
                    BigDecimal.ONE, "a pull request closed and merged: its author gave to whoever merged it"
                    + " (else the repository owner)"))
                    .onlyIf("/pull_request/merged", "pull_request closed without being merged: no act")
                    .id("github:pr", "/repository/id", "/pull_request/number")
                    .from("/pull_request/user").to("/pull_request/merged_by", "/repository/owner")
                    .at("/pull_request/merged_at")
                    .described("Pull request {/repository/full_name}#{/pull_request/number} merged")
                    .evidence("/pull_request/html_url"),
            act("pull_request_review", "submitted", "a submitted review", new EventKind("pull_request_review.submitted",
                    "review", BigDecimal.ONE, "a review submitted: the reviewer gave to the pull request's author"))
                    .id("github:review", "/review/id")
                    .from("/review/user").to("/pull_request/user")
                    .at("/review/submitted_at")
                    .described("Review of pull request {/repository/full_name}#{/pull_request/number}")
                    .evidence("/review/html_url"),
            act("discussion", "answered", "an answered discussion", new EventKind("discussion.answered", "advice",
                    BigDecimal.ONE, "a discussion answered: the answer's author gave to the discussion's author"))
                    .id("github:answer", "/answer/id")
                    .from("/answer/user").to("/discussion/user")
                    .at("/discussion/answer_chosen_at")
                    .described("Answer to discussion {/repository/full_name}#{/discussion/number}")
                    .evidence("/answer/html_url"),
            act("sponsorship", "created", "a new sponsorship", new EventKind("sponsorship.created", "sponsorship", null,
                    "a sponsorship created: the sponsor gave to the sponsored; value: the tier's monthly price in dollars"))
                    .id("github:sponsorship", "/sponsorship/node_id")
                    .from("/sponsorship/sponsor").to("/sponsorship/sponsorable")
                    .at("/sponsorship/created_at")
                    .described("Sponsorship: {/sponsorship/tier/name}")
                    .amount("/sponsorship/tier/monthly_price_in_dollars"));

    /**
     * Choosing another answer of a discussion first un-answers the old one, which withdraws its act
     * (same id prefix as the act it takes back).
     */
    private static final List<WithdrawalMapping> WITHDRAWALS = List.of(
            new WithdrawalMapping("discussion", "unanswered", "github:answer", List.of("/old_answer/id"),
                    "GitHub: the answer was unmarked"));

    private static final Map<String, ActMapping> ACTS_BY_EVENT = ACTS.stream()
            .collect(Collectors.toUnmodifiableMap(ActMapping::event, Function.identity()));

    private GitHubEvents() {
    }

    static PlatformEvent read(String event, Payload body) {
        if ("ping".equals(event)) {
            return new PlatformEvent.Ignored("GitHub's ping: the webhook reaches the ledger");
        }
        String action = body.optionalText("/action");
        for (WithdrawalMapping withdrawal : WITHDRAWALS) {
            if (withdrawal.event().equals(event) && withdrawal.action().equals(action)) {
                return withdrawal.read(body);
            }
        }
        ActMapping mapping = ACTS_BY_EVENT.get(event);
        if (mapping == null) {
            return new PlatformEvent.Ignored("GitHub event '" + event + "' maps to no act");
        }
        if (!mapping.action().equals(action)) {
            return new PlatformEvent.Ignored(event + " '" + action + "': only " + mapping.actIs() + " is an act");
        }
        return mapping.read(body);
    }

    /** The kinds of GitHub events that are acts, with their defaults, for {@link Platform#GITHUB}. */
    static List<EventKind> kinds() {
        return ACTS.stream().map(ActMapping::kind).toList();
    }

    private static ActMapping act(String event, String action, String actIs, EventKind kind) {
        return new ActMapping(event, action, kind, actIs, null, null, null, List.of(), null, List.of(), null, null,
                null, null);
    }

    /**
     * One GitHub event that is an act, with the JSON pointers of its parts in the payload. Built as
     * a sentence ({@code act(...).id(...).from(...).to(...)...}); every pointer but the optional
     * ones ({@code evidence}, {@code amount}, all receivers but the last) must be in the payload.
     *
     * @param kind           the kind of act, with the category and value a community gets unless it changes them
     * @param actIs          what the act is, for the answer to any other action ("a merged pull request")
     * @param onlyIf         a boolean the payload must hold true for an act; null when the action suffices
     * @param otherwise      the answer's reason when {@code onlyIf} is not true
     * @param idPrefix       the act id's platform and kind; the id parts follow it ({@link Payload#actId})
     * @param idParts        what names the platform object, so that every delivery about it is one act
     * @param giver          the user who gave
     * @param receivers      who received: the first present, the last required
     * @param occurredAt     the act's ISO-8601 time
     * @param description    the act's description, {@code {/pointer}} standing for the payload's text there
     * @param evidenceUrl    a link to the object on GitHub; null for none
     * @param amount         the value the payload carries; null for the kind's value
     */
    record ActMapping(String event, String action, EventKind kind, String actIs, String onlyIf, String otherwise,
                      String idPrefix, List<String> idParts, String giver, List<String> receivers, String occurredAt,
                      String description, String evidenceUrl, String amount) {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\{(/[^}]+)}");

        ActMapping onlyIf(String pointer, String reasonOtherwise) {
            return new ActMapping(event, action, kind, actIs, pointer, reasonOtherwise, idPrefix, idParts, giver,
                    receivers, occurredAt, description, evidenceUrl, amount);
        }

        ActMapping id(String prefix, String... parts) {
            return new ActMapping(event, action, kind, actIs, onlyIf, otherwise, prefix, List.of(parts), giver,
                    receivers, occurredAt, description, evidenceUrl, amount);
        }

        ActMapping from(String user) {
            return new ActMapping(event, action, kind, actIs, onlyIf, otherwise, idPrefix, idParts, user, receivers,
                    occurredAt, description, evidenceUrl, amount);
        }

        ActMapping to(String... users) {
            return new ActMapping(event, action, kind, actIs, onlyIf, otherwise, idPrefix, idParts, giver,
                    List.of(users), occurredAt, description, evidenceUrl, amount);
        }

        ActMapping at(String time) {
            return new ActMapping(event, action, kind, actIs, onlyIf, otherwise, idPrefix, idParts, giver, receivers,
                    time, description, evidenceUrl, amount);
        }

        ActMapping described(String template) {
            return new ActMapping(event, action, kind, actIs, onlyIf, otherwise, idPrefix, idParts, giver, receivers,
                    occurredAt, template, evidenceUrl, amount);
        }

        ActMapping evidence(String url) {
            return new ActMapping(event, action, kind, actIs, onlyIf, otherwise, idPrefix, idParts, giver, receivers,
                    occurredAt, description, url, amount);
        }

        ActMapping amount(String value) {
            return new ActMapping(event, action, kind, actIs, onlyIf, otherwise, idPrefix, idParts, giver, receivers,
                    occurredAt, description, evidenceUrl, value);
        }

        PlatformEvent read(Payload body) {
            if (onlyIf != null && !body.isTrue(onlyIf)) {
                return new PlatformEvent.Ignored(otherwise);
            }
            String id = Payload.actId(idPrefix, idParts.stream().map(body::text).toArray(String[]::new));
            BigDecimal value = amount == null ? null : body.positiveNumber(amount);
            return new PlatformEvent.Act(kind.name(), id, user(body, giver), receiver(body), null, body.instant(occurredAt),
                    Payload.describe(describe(body)),
                    evidenceUrl == null ? null : Payload.evidence(body.optionalText(evidenceUrl)), value);
        }

        private PlatformIdentity receiver(Payload body) {
            for (String candidate : receivers.subList(0, receivers.size() - 1)) {
                if (body.has(candidate)) {
                    return user(body, candidate);
                }
            }
            return user(body, receivers.get(receivers.size() - 1));
        }

        private String describe(Payload body) {
            Matcher placeholder = PLACEHOLDER.matcher(description);
            StringBuilder text = new StringBuilder();
            while (placeholder.find()) {
                placeholder.appendReplacement(text, Matcher.quoteReplacement(body.text(placeholder.group(1))));
            }
            placeholder.appendTail(text);
            return text.toString();
        }

        private static PlatformIdentity user(Payload body, String pointer) {
            return body.user(Platform.GITHUB, pointer, ID, LOGIN);
        }
    }

    /** One GitHub event whose action takes back the act of an earlier one, named by the same id. */
    record WithdrawalMapping(String event, String action, String idPrefix, List<String> idParts, String reason) {

        PlatformEvent read(Payload body) {
            return new PlatformEvent.Withdrawal(
                    Payload.actId(idPrefix, idParts.stream().map(body::text).toArray(String[]::new)), reason);
        }
    }
}
