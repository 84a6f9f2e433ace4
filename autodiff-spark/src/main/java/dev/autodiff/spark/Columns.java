package dev.autodiff.spark;

import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** How parameters find their columns, and the argument checks with their messages. */
final class Columns {
    private Columns() {}

    static List<String> names(List<Variable> vs) {
        return vs.stream().map(Variable::name).toList();
    }

    /** {@return {@code name} back-quoted for Spark's column resolution, which reads dots and brackets} */
    static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * Checks that every name is exactly one numeric column of {@code schema}.
     *
     * @throws IllegalArgumentException naming every missing column (and a column that differs only in
     *     case, if there is one), then a non-numeric or repeated one
     */
    static void check(StructType schema, List<String> names) {
        List<String> all = Arrays.asList(schema.fieldNames());
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!all.contains(name)) {
                missing.add(name + all.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst()
                        .map(c -> " (there is a column " + c + "; names are matched exactly)").orElse(""));
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the Dataset has no column for the parameter"
                    + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + "; expected one numeric column "
                    + "named after each parameter, got the columns " + String.join(", ", all));
        }
        for (String name : names) {
            if (all.stream().filter(name::equals).count() > 1) {
                throw new IllegalArgumentException("the Dataset has " + all.stream().filter(name::equals).count()
                        + " columns named " + name + "; expected one per parameter");
            }
            StructField field = schema.fields()[all.indexOf(name)];
            if (!(field.dataType() instanceof NumericType)) {
                throw new IllegalArgumentException("column " + name + " is of type "
                        + field.dataType().simpleString().toLowerCase(Locale.ROOT) + "; expected a numeric type "
                        + "(byte, short, int, long, float, double or decimal) for the parameter of that name");
            }
        }
    }

    /**
     * Checks that {@code values} holds one value per variable.
     *
     * @throws NullPointerException for null
     * @throws IllegalArgumentException for the wrong length, saying how many values were expected
     */
    static void checkLength(double[] values, int n, String what, List<Variable> variables) {
        Objects.requireNonNull(values, () -> "expected a " + what + " of " + n + " values, got null");
        if (values.length != n) {
            throw new IllegalArgumentException("expected a " + what + " of " + n + " values " + names(variables)
                    + ", got " + values.length);
        }
    }
}
