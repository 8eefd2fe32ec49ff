package org.contributionledger.api.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads {@code Authorization: Bearer <key>} (scheme case-insensitive, blanks around the key ignored).
 * No header means no attempt (the request stays anonymous and is refused where a key is needed);
 * any other header is a failed attempt, so a key sent the wrong way is never silently ignored.
 */
final class BearerKeyConverter implements AuthenticationConverter {

    /** Far above any key the ledger issues (a prefix and 43 characters); longer values are not worth a digest. */
    static final int MAX_KEY_LENGTH = 256;

    @Override
    public Authentication convert(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new KeyRejected(AuthenticationFailure.MALFORMED, "The Authorization header is not 'Bearer <key>'");
        }
        String key = authorization.substring(7).strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new KeyRejected(AuthenticationFailure.MALFORMED, "The bearer key is empty or too long");
        }
        return ApiKeyAuthentication.unchecked(key);
    }
}
