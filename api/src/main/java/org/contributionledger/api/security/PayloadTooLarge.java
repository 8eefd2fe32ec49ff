package org.contributionledger.api.security;

import java.io.IOException;

/** Thrown while a body is read, when it turns out larger than its Content-Length admitted (or had none). */
public class PayloadTooLarge extends IOException {

    public PayloadTooLarge(long limitBytes) {
        super("Request body is larger than " + limitBytes + " bytes");
    }
}
