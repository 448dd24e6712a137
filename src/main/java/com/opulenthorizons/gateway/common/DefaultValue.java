package com.opulenthorizons.gateway.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value an optional record component takes when the caller leaves it out, as it appears on the
 * wire. The schema generator advertises it as the property's {@code default}; the record applies it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD })
public @interface DefaultValue {
    String value();
}
