package org.contributionledger.api.webhook;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.contributionledger.api.problem.NotFound;
import org.contributionledger.core.common.Checks;
import org.contributionledger.core.common.CommunityRules;
import org.contributionledger.core.common.InvalidField;
import org.contributionledger.core.common.LedgerDirectory;
import org.contributionledger.core.common.UnknownCommunity;
import org.contributionledger.core.contribution.Contribution;
import org.contributionledger.core.contribution.UnknownCategory;
import org.contributionledger.core.contribution.ValueOutOfRange;
import org.springframework.stereotype.Component;

/**
 * A community's webhook settings per platform: the secret its deliveries are signed with, and how
 * each kind of event is recorded (the kind's defaults, with what the community changed).
 */
@Component
public class CommunityWebhooks {

    static final int MIN_SECRET_LENGTH = 8;
    static final int MAX_SECRET_LENGTH = 256;

    private final WebhookSettingsStore store;
    private final WebhookSecrets secrets;
    private final LedgerDirectory directory;

    public CommunityWebhooks(WebhookSettingsStore store, WebhookSecrets secrets, LedgerDirectory directory) {
        this.store = store;
        this.secrets = secrets;
        this.directory = directory;
    }

    /** The settings in force; a community that set nothing has no secret and the defaults. */
    public WebhookSettings settings(String communityId, String platformName) {
        Platform platform = platform(platformName);
        requireCommunity(communityId);
        Optional<WebhookSettingsStore.Stored> stored = store.find(communityId, platform);
        return new WebhookSettings(platform.pathName(),
                stored.map(s -> s.secretEncrypted() != null).orElse(false),
                effectiveKinds(platform, stored.map(WebhookSettingsStore.Stored::kinds).orElse(Map.of())),
                stored.map(WebhookSettingsStore.Stored::updatedAt).orElse(null));
    }

    /**
     * Replaces the settings: kinds not named take their defaults again; a secret left out stays as
     * it was. Every enabled kind must record acts the community can hold (its categories, its
     * largest value), checked now rather than at each delivery.
     */
    public WebhookSettings change(String communityId, String platformName, WebhookSettingsRequest request, Instant now) {
        Platform platform = platform(platformName);
        CommunityRules rules = requireCommunity(communityId);
        Map<String, KindSetting> changed = new LinkedHashMap<>(request.kinds() == null ? Map.of() : request.kinds());
        changed.forEach((name, setting) -> {
            if (platform.kind(name).isEmpty()) {
                throw new InvalidField("kinds." + name, "'" + name + "' is no kind of " + platform.pathName()
                        + " event the ledger maps; known kinds: "
                        + platform.kinds().stream().map(Platform.EventKind::name).toList());
            }
            if (setting == null) {
                throw new InvalidField("kinds." + name, "'kinds." + name + "' must be an object");
            }
        });
        effectiveKinds(platform, changed).forEach((name, setting) -> {
            if (Boolean.TRUE.equals(setting.enabled())) {
                requireRecordable(communityId, rules, setting);
            }
        });
        String secret = request.secret();
        Optional<WebhookSettingsStore.Stored> before = store.find(communityId, platform);
        String encrypted;
        if (secret == null) {
            encrypted = before.map(WebhookSettingsStore.Stored::secretEncrypted).orElse(null);
        } else {
            Checks.requiredText(secret, "secret", MAX_SECRET_LENGTH);
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new InvalidField("secret", "secret must have at least " + MIN_SECRET_LENGTH + " characters");
            }
            encrypted = secrets.encrypt(secret, context(communityId, platform));
        }
        store.save(communityId, platform, new WebhookSettingsStore.Stored(encrypted, changed, now));
        return settings(communityId, platformName);
    }

    /** The secret deliveries must be signed with; empty when the community (or its secret) is unknown. */
    Optional<byte[]> secret(String communityId, Platform platform) {
        return store.find(communityId, platform)
                .flatMap(stored -> secrets.decrypt(stored.secretEncrypted(), context(communityId, platform)));
    }

    Map<String, KindSetting> kinds(String communityId, Platform platform) {
        return effectiveKinds(platform, store.find(communityId, platform)
                .map(WebhookSettingsStore.Stored::kinds).orElse(Map.of()));
    }

    /** The same checks an act's figures meet when it is recorded, so a delivery is not refused later for them. */
    static void requireRecordable(String communityId, CommunityRules rules, KindSetting setting) {
        if (!rules.categories().contains(setting.category())) {
            throw new UnknownCategory(communityId, setting.category());
        }
        BigDecimal value = setting.value();
        if (value != null && (value.signum() <= 0 || value.compareTo(rules.maxValuePerAct()) > 0
                || value.stripTrailingZeros().scale() > Contribution.MAX_VALUE_DECIMALS)) {
            throw new ValueOutOfRange(value, rules.maxValuePerAct());
        }
    }

    private static Map<String, KindSetting> effectiveKinds(Platform platform, Map<String, KindSetting> changed) {
        Map<String, KindSetting> kinds = new LinkedHashMap<>();
        for (Platform.EventKind kind : platform.kinds()) {
            KindSetting set = changed.get(kind.name());
            kinds.put(kind.name(), new KindSetting(
                    set == null || set.enabled() == null ? Boolean.TRUE : set.enabled(),
                    set == null || set.category() == null ? kind.defaultCategory() : set.category(),
                    set == null || set.value() == null ? kind.defaultValue() : set.value()));
        }
        return kinds;
    }

    private CommunityRules requireCommunity(String communityId) {
        return directory.findCommunity(communityId).orElseThrow(() -> new UnknownCommunity(communityId));
    }

    static Platform platform(String name) {
        return Platform.named(name).orElseThrow(() -> new NotFound("No platform '" + name
                + "': webhooks are for github, discourse and slack"));
    }

    /** Binds a stored secret to its row: a ciphertext copied elsewhere does not decrypt. */
    private static String context(String communityId, Platform platform) {
        return communityId + "/" + platform.pathName();
    }
}
