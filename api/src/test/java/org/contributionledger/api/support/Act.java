package org.contributionledger.api.support;

import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * One act as a platform posts it, with sensible defaults: category {@code help}, value 5, a past
 * {@code occurredAt}, recorded by the giver. Serialises as a plain JSON object.
 */
public final class Act extends LinkedHashMap<String, Object> {

    public static final Instant DEFAULT_OCCURRED_AT = Instant.parse("2024-03-01T12:00:00Z");

    private Act() {
    }

    public static Act of(String id, String giver, String receiver) {
        Act act = new Act();
        act.put("id", id);
        act.put("giver", giver);
        act.put("receiver", receiver);
        act.put("category", "help");
        act.put("value", 5);
        act.put("occurredAt", DEFAULT_OCCURRED_AT.toString());
        act.put("description", "Helped move house");
        act.put("evidenceUrl", "https://example.org/evidence/" + id);
        act.put("recordedBy", "GIVER");
        return act;
    }

    public Act value(Object value) {
        return with("value", value);
    }

    public Act category(String category) {
        return with("category", category);
    }

    public Act occurredAt(Object occurredAt) {
        return with("occurredAt", occurredAt == null ? null : occurredAt.toString());
    }

    public Act recordedByReceiver() {
        return with("recordedBy", "RECEIVER");
    }

    public Act description(String description) {
        return with("description", description);
    }

    public Act with(String field, Object value) {
        Act copy = copy();
        copy.put(field, value);
        return copy;
    }

    public Act without(String field) {
        Act copy = copy();
        copy.remove(field);
        return copy;
    }

    public String id() {
        return (String) get("id");
    }

    private Act copy() {
        Act copy = new Act();
        copy.putAll(this);
        return copy;
    }
}
