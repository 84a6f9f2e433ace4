package dev.autodiff.spark.internal;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A vector of sums of doubles, each kept exactly in fixed point, so that adding terms and merging
 * accumulators is associative and commutative to the bit: the rounded result depends only on the
 * multiset of terms, never on the order in which they arrive. That is what makes a Spark
 * {@code treeAggregate} deterministic, whose shuffle and final driver-side merge take partial
 * results in the order tasks happen to finish.
 *
 * <p>Every finite double is an integer multiple of 2⁻¹⁰⁷⁴ below 2¹⁰²⁴, so a sum of them is an
 * integer N in units of 2⁻¹⁰⁷⁴; it is held as {@value #DIGITS} digits of 32 bits in longs, which
 * leaves room for 2³⁰ additions between carry propagations and for 2⁷⁷ terms in all. {@link #get}
 * rounds N correctly (to nearest, ties to even), as one IEEE addition of all terms at once would.
 * NaN and infinities are counted beside the digits and give what IEEE addition gives: NaN if any
 * term is NaN or both infinities occur, else the infinity that occurs. A sum is never −0.
 *
 * <p>An accumulator is mutable and not thread-safe: the Spark fold owns one per partition. Java
 * serialization (Spark's default for task results) writes each component's non-zero digits only;
 * the fields are plain arrays, so Kryo's field serializer, where an application configures it,
 * carries them whole.
 */
public final class ExactSums implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Digits per component: 2098 bits for the largest double in units of 2⁻¹⁰⁷⁴, plus headroom. */
    static final int DIGITS = 68;
    private static final long MASK = 0xFFFF_FFFFL;
    private static final int NORMALIZE_EVERY = 1 << 30;
    private static final byte NAN = 1;
    private static final byte POSITIVE_INFINITY = 2;
    private static final byte NEGATIVE_INFINITY = 4;

    private long[] digits;
    private byte[] special;
    private int pending;

    /**
     * An accumulator of {@code size} sums, all zero.
     *
     * @param size the number of components, at least 0
     */
    public ExactSums(int size) {
        if (size < 0 || size > Integer.MAX_VALUE / DIGITS) {
            throw new IllegalArgumentException("expected a number of sums from 0 to " + Integer.MAX_VALUE / DIGITS
                    + ", got " + size);
        }
        this.digits = new long[size * DIGITS];
        this.special = new byte[size];
    }

    /** {@return the number of components} */
    public int size() {
        return special.length;
    }

    /**
     * Adds {@code x} to component {@code component}, exactly.
     *
     * @param component the component, 0 ≤ component &lt; size
     * @param x any double
     */
    public void add(int component, double x) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) (bits >>> 52) & 0x7FF;
        if (exponent == 0x7FF) {
            special[component] |= (bits & ((1L << 52) - 1)) != 0 ? NAN : bits < 0 ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
            return;
        }
        long mantissa = bits & ((1L << 52) - 1);
        int shift = 0;
        if (exponent != 0) {
            mantissa |= 1L << 52;
            shift = exponent - 1;
        }
        if (mantissa == 0) {
            return;
        }
        // x = mantissa · 2^shift units; the shifted mantissa spans at most three 32-bit digits
        int at = component * DIGITS + (shift >>> 5);
        int offset = shift & 31;
        long low = (mantissa << offset) & MASK;
        long middle = (mantissa >>> (32 - offset)) & MASK;
        long high = offset == 0 ? 0 : mantissa >>> (64 - offset);
        if (bits < 0) {
            digits[at] -= low;
            digits[at + 1] -= middle;
            digits[at + 2] -= high;
        } else {
            digits[at] += low;
            digits[at + 1] += middle;
            digits[at + 2] += high;
        }
        if (++pending >= NORMALIZE_EVERY) {
            normalize();
        }
    }

    /**
     * Adds {@code values[i]} to component {@code first + i} for every i, exactly.
     *
     * @param first the component that receives {@code values[0]}
     * @param values the terms
     */
    public void add(int first, double[] values) {
        for (int i = 0; i < values.length; i++) {
            add(first + i, values[i]);
        }
    }

    /**
     * Adds every component of {@code other} to the same component of this, exactly, and returns
     * this. {@code other} keeps its value.
     *
     * @param other an accumulator of the same size
     * @return this accumulator
     * @throws IllegalArgumentException when the sizes differ
     */
    public ExactSums merge(ExactSums other) {
        if (other.size() != size()) {
            throw new IllegalArgumentException("expected an accumulator of " + size() + " sums, got " + other.size());
        }
        normalize();
        other.normalize();
        for (int i = 0; i < digits.length; i++) {
            digits[i] += other.digits[i];
        }
        for (int c = 0; c < special.length; c++) {
            special[c] |= other.special[c];
        }
        pending = 1;
        return this;
    }

    /**
     * {@return component {@code component}, the exact sum of its terms rounded to the nearest double}
     *
     * @param component the component, 0 ≤ component &lt; size
     */
    public double get(int component) {
        byte s = special[component];
        if ((s & NAN) != 0 || (s & (POSITIVE_INFINITY | NEGATIVE_INFINITY)) == (POSITIVE_INFINITY | NEGATIVE_INFINITY)) {
            return Double.NaN;
        }
        if (s != 0) {
            return s == POSITIVE_INFINITY ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        long[] d = Arrays.copyOfRange(digits, component * DIGITS, (component + 1) * DIGITS);
        carry(d, 0);
        boolean negative = d[DIGITS - 1] < 0;
        if (negative) {
            for (int i = 0; i < DIGITS; i++) {
                d[i] = -d[i];
            }
            carry(d, 0);
        }
        int top = DIGITS - 1;
        while (top >= 0 && d[top] == 0) {
            top--;
        }
        if (top < 0) {
            return 0.0;
        }
        double magnitude;
        if (top == 0 || (top == 1 && d[1] < (1L << 21))) {
            // below 2^53 units: the double whose bit pattern is N is N · 2^-1074 (subnormal or the
            // first binade of normals), exactly
            magnitude = Double.longBitsToDouble(top == 0 ? d[0] : d[1] << 32 | d[0]);
        } else {
            // at least 65 significant bits from the top three digits, then a sticky bit for the rest:
            // BigInteger.doubleValue rounds that to nearest-even exactly as it would round N
            BigInteger m = BigInteger.ZERO;
            for (int i = top; i >= top - 2; i--) {
                m = m.shiftLeft(32).add(BigInteger.valueOf(i >= 0 ? d[i] : 0));
            }
            boolean sticky = false;
            for (int i = top - 3; i >= 0 && !sticky; i--) {
                sticky = d[i] != 0;
            }
            m = m.shiftLeft(1).add(sticky ? BigInteger.ONE : BigInteger.ZERO);
            // the result is normal (at least 2^-1021), so scaling by a power of two is exact or overflows
            magnitude = Math.scalb(m.doubleValue(), 32 * (top - 2) - 1 - 1074);
        }
        return negative ? -magnitude : magnitude;
    }

    /** {@return every component, rounded as {@link #get} rounds it} */
    public double[] toArray() {
        double[] out = new double[size()];
        for (int c = 0; c < out.length; c++) {
            out[c] = get(c);
        }
        return out;
    }

    private void normalize() {
        if (pending == 0) {
            return;
        }
        for (int c = 0; c < special.length; c++) {
            carry(digits, c * DIGITS);
        }
        pending = 0;
    }

    /** Moves carries up so that every digit but the top one lies in [0, 2^32); the top keeps the sign. */
    private static void carry(long[] d, int from) {
        long carry = 0;
        for (int i = from; i < from + DIGITS - 1; i++) {
            long v = d[i] + carry;
            carry = v >> 32;
            d[i] = v & MASK;
        }
        d[from + DIGITS - 1] += carry;
    }

    // The stream holds the number of sums, then per sum its special-value flags, the range of its
    // non-zero digits and those digits.
    private void writeObject(ObjectOutputStream out) throws IOException {
        normalize();
        out.writeInt(special.length);
        for (int c = 0; c < special.length; c++) {
            out.writeByte(special[c]);
            int base = c * DIGITS;
            int low = 0;
            while (low < DIGITS && digits[base + low] == 0) {
                low++;
            }
            int high = DIGITS;
            while (high > low && digits[base + high - 1] == 0) {
                high--;
            }
            out.writeByte(low);
            out.writeByte(high);
            for (int i = low; i < high; i++) {
                out.writeLong(digits[base + i]);
            }
        }
    }

    private void readObject(ObjectInputStream in) throws IOException {
        int size = in.readInt();
        if (size < 0 || size > Integer.MAX_VALUE / DIGITS) {
            throw new InvalidObjectException("expected a number of sums from 0 to " + Integer.MAX_VALUE / DIGITS
                    + ", got " + size);
        }
        digits = new long[size * DIGITS];
        special = new byte[size];
        pending = 0;
        for (int c = 0; c < size; c++) {
            special[c] = in.readByte();
            int low = in.readUnsignedByte();
            int high = in.readUnsignedByte();
            if (low > high || high > DIGITS) {
                throw new InvalidObjectException("expected a digit range within [0, " + DIGITS + "], got [" + low
                        + ", " + high + ")");
            }
            for (int i = low; i < high; i++) {
                digits[c * DIGITS + i] = in.readLong();
            }
        }
    }
}
