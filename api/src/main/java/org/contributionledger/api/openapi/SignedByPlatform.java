package org.contributionledger.api.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An operation a platform calls with its signature over the body instead of a bearer key (a
 * webhook): the document says that no key is needed (an empty security requirement beside the
 * key's), and lists its own 401 with {@link Refuses#also()}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SignedByPlatform {
}
