package dev.autodiff.spark.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Exact sums against the oracle of exact decimal arithmetic: {@code BigDecimal} adds doubles exactly,
 * and its {@code doubleValue} rounds to nearest, ties to even (it parses its own exact decimal text,
 * which {@code Double.parseDouble} rounds correctly). So every result must equal it to the bit.
 */
class ExactSumsTest {

    /** {@return the correctly rounded sum of {@code terms}} */
    private static double oracle(List<Double> terms) {
        BigDecimal s = BigDecimal.ZERO;
        for (double t : terms) {
            s = s.add(new BigDecimal(t));
        }
        return s.signum() == 0 ? 0.0 : Double.parseDouble(s.toString());
    }

    private static double exact(List<Double> terms) {
        ExactSums s = new ExactSums(1);
        for (double t : terms) {
            s.add(0, t);
        }
        return s.get(0);
    }

    /** Terms across the whole range: subnormal, tiny, unit, huge, with both signs. */
    private static List<Double> randomTerms(Random random, int n) {
        List<Double> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double t = switch (random.nextInt(6)) {
                case 0 -> Double.longBitsToDouble(random.nextLong() & 0x000F_FFFF_FFFF_FFFFL);   // subnormal
                case 1 -> Math.scalb(random.nextDouble(), random.nextInt(2098) - 1074);          // any binade
                case 2 -> random.nextGaussian() * 1e-300;
                case 3 -> random.nextGaussian() * 1e300;
                default -> random.nextGaussian();
            };
            terms.add(random.nextBoolean() ? t : -t);
        }
        return terms;
    }

    @Test
    void sumsAreCorrectlyRoundedAcrossTheWholeRange() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            List<Double> terms = randomTerms(random, 1 + random.nextInt(40));
            assertEquals(oracle(terms), exact(terms), 0.0, terms.toString());
        }
    }

    @Test
    void cancellationLeavesTheSmallTermExactly() {
        assertEquals(1.0, exact(List.of(1e300, 1.0, -1e300)), 0.0);
        assertEquals(Double.MIN_VALUE, exact(List.of(Double.MAX_VALUE, Double.MIN_VALUE, -Double.MAX_VALUE)), 0.0);
        assertEquals(0x1p-60, exact(List.of(1.0, 0x1p-60, -1.0)), 0.0);
        assertEquals(0.0, exact(List.of(0.1, 0.2, -0.1, -0.2)), 0.0);
    }

    @Test
    void tiesRoundToEvenAndStickyBitsBreakThem() {
        // 1 + 2^-53 is halfway between 1 and 1 + 2^-52: to even, 1
        assertEquals(1.0, exact(List.of(1.0, 0x1p-53)), 0.0);
        // 1 + 2^-53 + 2^-200 is above halfway: up
        assertEquals(1.0 + 0x1p-52, exact(List.of(1.0, 0x1p-53, 0x1p-200)), 0.0);
        // (1 + 2^-52) + 2^-53 is halfway, odd last bit: up to 1 + 2^-51
        assertEquals(1.0 + 0x1p-51, exact(List.of(1.0 + 0x1p-52, 0x1p-53)), 0.0);
        assertEquals(-1.0, exact(List.of(-1.0, -0x1p-53)), 0.0);
    }

    @Test
    void overflowAndSpecialValuesFollowIeeeAddition() {
        assertEquals(Double.POSITIVE_INFINITY, exact(List.of(Double.MAX_VALUE, Double.MAX_VALUE)), 0.0);
        assertEquals(Double.MAX_VALUE, exact(List.of(Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE)), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, exact(List.of(1.0, Double.NEGATIVE_INFINITY)), 0.0);
        assertEquals(Double.NaN, exact(List.of(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)), 0.0);
        assertEquals(Double.NaN, exact(List.of(1.0, Double.NaN, 2.0)), 0.0);
        // a sum that IEEE addition would make -0 only when every term is -0; the exact sum is +0
        assertEquals(0.0, exact(List.of(-0.0, -0.0)), 0.0);
        assertEquals(0L, Double.doubleToRawLongBits(exact(List.of(-0.0))));
    }

    @Test
    void theOrderOfTermsAndOfMergesChangesNoBit() {
        Random random = new Random(11);
        List<Double> terms = randomTerms(random, 200);
        double expected = oracle(terms);
        for (int trial = 0; trial < 20; trial++) {
            Collections.shuffle(terms, random);
            // split into accumulators at random and merge them in a random order
            List<ExactSums> parts = new ArrayList<>();
            for (double t : terms) {
                if (parts.isEmpty() || random.nextInt(10) == 0) {
                    parts.add(new ExactSums(1));
                }
                parts.get(parts.size() - 1).add(0, t);
            }
            Collections.shuffle(parts, random);
            while (parts.size() > 1) {
                ExactSums a = parts.remove(random.nextInt(parts.size()));
                ExactSums b = parts.remove(random.nextInt(parts.size()));
                parts.add(a.merge(b));
            }
            assertEquals(expected, parts.get(0).get(0), 0.0);
        }
    }

    @Test
    void manyLargeTermsAccumulateWithoutLoss() {
        // far beyond the largest double in the digits, and back: no intermediate overflow
        ExactSums s = new ExactSums(2);
        for (int i = 0; i < 100_000; i++) {
            s.add(0, Double.MAX_VALUE);
            s.add(1, 0.1);
        }
        assertEquals(Double.POSITIVE_INFINITY, s.get(0), 0.0);
        assertEquals(new BigDecimal(0.1).multiply(BigDecimal.valueOf(100_000)).doubleValue(), s.get(1), 0.0);
        for (int i = 0; i < 100_000; i++) {
            s.add(0, -Double.MAX_VALUE);
        }
        assertEquals(0.0, s.get(0), 0.0);
    }

    @Test
    void mergingAccumulatorsOfDifferentSizesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExactSums(2).merge(new ExactSums(3)));
        assertEquals("expected an accumulator of 2 sums, got 3", e.getMessage());
    }

    private static ExactSums sample() {
        ExactSums s = new ExactSums(4);
        s.add(0, 1e300);
        s.add(0, 1.0);
        s.add(1, Double.MIN_VALUE);
        s.add(2, Double.NaN);
        s.add(3, -2.5);
        return s;
    }

    private static void assertSameSums(ExactSums expected, ExactSums actual) {
        assertEquals(expected.size(), actual.size());
        for (int c = 0; c < expected.size(); c++) {
            assertEquals(expected.get(c), actual.get(c), 0.0);
        }
        // and the digits themselves, not only their rounding: subtracting the big term leaves 1
        actual.add(0, -1e300);
        assertEquals(1.0, actual.get(0), 0.0);
    }

    @Test
    void javaSerializationKeepsEveryDigitAndWritesFewBytes() throws IOException, ClassNotFoundException {
        ExactSums s = sample();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        // 4 × 68 digits are 2176 bytes; the non-zero ones (1e300 + 1 spans 33 digits, the others one or
        // none) and the class descriptor less than half of that
        assertEquals(true, bytes.size() < 2176 / 2, bytes.size() + " bytes");
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertSameSums(s, (ExactSums) in.readObject());
        }
    }

    @Test
    void sparksSerializersBothCarryTheSums() {
        ClassTag<ExactSums> tag = ClassTag$.MODULE$.apply(ExactSums.class);
        SparkConf conf = new SparkConf();
        for (SerializerInstance serializer : List.of(new JavaSerializer(conf).newInstance(),
                new KryoSerializer(conf).newInstance())) {
            ExactSums s = sample();
            assertSameSums(s, serializer.deserialize(serializer.serialize(s, tag), tag));
        }
    }
}
