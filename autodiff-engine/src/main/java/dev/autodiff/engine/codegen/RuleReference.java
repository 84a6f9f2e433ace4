package dev.autodiff.engine.codegen;

import dev.autodiff.core.internal.rules.Rule;
import dev.autodiff.core.internal.rules.Rules;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.objectweb.asm.Type;

/**
 * Where generated code finds a primitive's {@link Rule}: the public static final field that holds
 * it. A kernel loads the rule from that field and calls its {@code value} or {@code apply} on the
 * rule's own final class, which HotSpot binds statically and inlines (with {@code second} a constant,
 * it drops what the sweep does not need), where a call through {@link Rules}' dispatch would be an
 * out-of-line call of a method too large to inline.
 *
 * @param holder the internal name of the class that declares the field
 * @param field the field's name
 * @param type the internal name of the rule's class, whose methods a kernel calls
 */
record RuleReference(String holder, String field, String type) {
    private static final RuleReference[] BY_CODE = new RuleReference[dev.autodiff.core.Primitive.values().length];

    /** {@return the field descriptor of the rule: its own class} */
    String descriptor() {
        return "L" + type + ";";
    }

    /** {@return the reference of primitive {@code code}'s rule} (a {@code Primitive} ordinal) */
    static synchronized RuleReference of(int code) {
        RuleReference r = BY_CODE[code];
        if (r == null) {
            r = find(Rules.rule(code));
            BY_CODE[code] = r;
        }
        return r;
    }

    private static RuleReference find(Rule rule) {
        Class<?> type = rule.getClass();
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            for (Field f : c.getFields()) {
                int m = f.getModifiers();
                if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == type && read(f) == rule) {
                    return new RuleReference(Type.getInternalName(c), f.getName(), Type.getInternalName(type));
                }
            }
        }
        throw new IllegalStateException("expected a public static final field of type " + type.getName()
                + " holding the rule " + rule + ", found none");
    }

    private static Object read(Field f) {
        try {
            return f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read the rule field " + f, e);
        }
    }
}
