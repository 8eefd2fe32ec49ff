package org.contributionledger.api.security;

import java.util.Optional;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.contributionledger.query.directory.ApiKeyOwner;
import org.contributionledger.query.directory.FindApiKeyOwner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks a bearer key by its SHA-256 digest: the admin key's digest, or a community key's in the
 * directory. The directory is read on every request, with no cache, because it changes in the same
 * transaction as the key's events: a key issued a moment ago acts at once, a revoked one is refused at once.
 */
@Component
public class ApiKeyAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyAuthenticationProvider.class);

    private final AdminKey adminKey;
    private final QueryGateway queries;

    public ApiKeyAuthenticationProvider(AdminKey adminKey, QueryGateway queries) {
        this.adminKey = adminKey;
        this.queries = queries;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String digest = Keys.sha256(((ApiKeyAuthentication) authentication).getCredentials());
        if (adminKey.matches(digest)) {
            return ApiKeyAuthentication.of(Caller.admin());
        }
        Optional<ApiKeyOwner> owner = queries.query(new FindApiKeyOwner(digest),
                ResponseTypes.optionalInstanceOf(ApiKeyOwner.class)).join();
        if (owner.isEmpty()) {
            throw new KeyRejected(AuthenticationFailure.UNKNOWN, "No such API key");
        }
        if (owner.get().revoked()) {
            // Worth a warning: whoever holds a revoked key either missed a rotation or should not have it.
            log.warn("Refused revoked key {} of community '{}'", owner.get().apiKeyId(), owner.get().communityId());
            throw new KeyRejected(AuthenticationFailure.REVOKED, "This API key was revoked");
        }
        return ApiKeyAuthentication.of(new Caller(owner.get().apiKeyId(), owner.get().communityId()));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return ApiKeyAuthentication.class.isAssignableFrom(authentication);
    }
}
