package dev.autodiff.cli;

import java.util.Locale;

/** Number formatting for people: ten significant digits, no trailing zeros. */
final class Format {
    private Format() {}

    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.10g", v);
        int e = s.indexOf('e');
        String mantissa = e >= 0 ? s.substring(0, e) : s;
        String exponent = e >= 0 ? s.substring(e) : "";
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }

    /** {@return the numbers of {@code row}, right-aligned in columns of {@code width}} */
    static String row(double[] row, int width) {
        StringBuilder sb = new StringBuilder();
        for (double v : row) {
            String s = number(v);
            sb.append(" ".repeat(Math.max(1, width - s.length()))).append(s);
        }
        return sb.toString();
    }
}
