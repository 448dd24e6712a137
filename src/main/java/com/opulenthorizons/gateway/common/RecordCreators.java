package com.opulenthorizons.gateway.common;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;

import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Records built through the constructor Jackson chose for them (the canonical one unless another is
 * annotated) as a method handle made once per type.
 * Jackson 3 calls a creator with {@code MethodHandle.invokeWithArguments}, which builds a new
 * spreading invoker on every call: half the cost of binding a tool's arguments to its request
 * record, and 3.8 % of the server's CPU samples in an ingest profile (bench/README.md, "fifth
 * session"). Everything else, failures included, stays Jackson's.
 */
final class RecordCreators extends JacksonModule {

    @Override
    public String getModuleName() {
        return "record-creators";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new ValueInstantiators() {
            @Override
            public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription.Supplier bean) {
                return null; // Jackson's own, then modified below
            }

            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config, BeanDescription.Supplier bean,
                    ValueInstantiator instantiator) {
                if (instantiator instanceof StdValueInstantiator std && std.getValueClass().isRecord()
                        && std.getWithArgsCreator() instanceof AnnotatedConstructor creator) {
                    MethodHandle spreader = spreader(creator.getAnnotated());
                    return spreader == null ? instantiator : new Instantiator(std, spreader);
                }
                return instantiator;
            }
        });
    }

    /** {@code (Object[]) -> Object} over the constructor; null when it is not accessible from here (Jackson's way then). */
    private static MethodHandle spreader(Constructor<?> constructor) {
        try {
            return MethodHandles.publicLookup().unreflectConstructor(constructor)
                    .asSpreader(Object[].class, constructor.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    private static final class Instantiator extends StdValueInstantiator {

        private final MethodHandle spreader;

        Instantiator(StdValueInstantiator jacksons, MethodHandle spreader) {
            super(jacksons);
            this.spreader = spreader;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] args) {
            try {
                return (Object) spreader.invokeExact(args);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                // as StdValueInstantiator reports a constructor's failure
                return context.handleInstantiationProblem(getValueClass(), args, rewrapCtorProblem(context, e));
            }
        }
    }
}
