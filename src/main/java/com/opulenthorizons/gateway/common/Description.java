package com.opulenthorizons.gateway.common;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a record component means, for the people and agents who read a tool's JSON Schema. The
 * schema generator turns it into the property's {@code description}; constraints come from Bean
 * Validation on the same component, so the text need not repeat them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD })
public @interface Description {
    String value();
}
