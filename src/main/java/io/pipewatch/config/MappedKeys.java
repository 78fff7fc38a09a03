package io.pipewatch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys of a {@link ConfigMapping} interface that hold one value, named as SmallRye names them
 * ({@code pipewatch.route.group-wait}), each with the type its value must convert to. A list of groups
 * yields keys with an index placeholder ({@code pipewatch.routes[*].group-wait}); maps of groups are left
 * out, since their keys are whatever the user names them.
 */
final class MappedKeys {

    static final String INDEX = "[*]";

    private MappedKeys() {
    }

    /** One key and the type of its value, with {@code Optional} already unwrapped. */
    record Key(String name, Type type) {
    }

    static List<Key> of(Class<?> mapping) {
        List<Key> out = new ArrayList<>();
        walk(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, out);
        out.sort(Comparator.comparing(Key::name));
        return out;
    }

    private static void walk(String prefix, Class<?> group, List<Key> out) {
        for (Method m : group.getMethods()) {
            if (m.getParameterCount() > 0 || m.isDefault() || Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            WithName named = m.getAnnotation(WithName.class);
            String name = prefix + "." + (named != null ? named.value() : kebab(m.getName()));
            Type type = unwrap(m.getGenericReturnType(), Optional.class);
            Optional<Class<?>> element = elementGroup(type);
            if (isGroup(type)) {
                walk(name, (Class<?>) type, out);
            } else if (element.isPresent()) {
                walk(name + INDEX, element.get(), out);
            } else if (!(type instanceof ParameterizedType p && p.getRawType() == Map.class)) {
                out.add(new Key(name, type));
            }
        }
    }

    private static boolean isGroup(Type type) {
        return type instanceof Class<?> c && c.isInterface() && !c.getName().startsWith("java.");
    }

    private static Optional<Class<?>> elementGroup(Type type) {
        if (type instanceof ParameterizedType p && p.getRawType() == List.class && isGroup(p.getActualTypeArguments()[0])) {
            return Optional.of((Class<?>) p.getActualTypeArguments()[0]);
        }
        return Optional.empty();
    }

    static Type unwrap(Type type, Class<?> wrapper) {
        return type instanceof ParameterizedType p && p.getRawType() == wrapper ? p.getActualTypeArguments()[0] : type;
    }

    /** SmallRye's default naming: {@code groupWait} → {@code group-wait}. */
    private static String kebab(String method) {
        return method.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
