package com.opulenthorizons.gateway.common;

import java.lang.annotation.ElementType;

import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;

/**
 * Every property of a tool's request record may be validated. The request records are plain
 * records, never JPA entities with lazily loaded state; the resolver Bean Validation uses by
 * default when JPA is present asks the persistence provider about every property of every
 * request, which the ingest profile showed as more than a quarter of the validation's cost.
 */
public final class RecordTraversableResolver implements TraversableResolver {

    public static final RecordTraversableResolver INSTANCE = new RecordTraversableResolver();

    private RecordTraversableResolver() {
    }

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
            Path pathToTraversableObject, ElementType elementType) {
        return true;
    }
}
