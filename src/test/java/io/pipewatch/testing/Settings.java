package io.pipewatch.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A {@code @ConfigMapping} interface answered from a map, for tests that build a service by hand: a method the map
 * does not name fails loudly, so a test never runs on a setting it did not choose.
 */
public final class Settings {

    private Settings() {
    }

    public static <T> T of(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("toString")) {
                return type.getSimpleName() + values;
            }
            Object value = values.get(method.getName());
            if (value == null) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return value;
        }));
    }
}
