package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Try;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parse errors name the 1-based column and the offending text; deep nesting needs no stack. */
class ParseErrorTest {

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("x + * y", 5, "*"),
                Arguments.of("sin x", 5, "x"),
                Arguments.of("(x", 1, "("),
                Arguments.of("x)", 2, ")"),
                Arguments.of("2e", 1, "2e"),
                Arguments.of("1.5e+", 1, "1.5e+"),
                Arguments.of("atan2(x)", 8, ")"),
                Arguments.of("max(x,y,z)", 8, ","),
                Arguments.of("pow(x)", 6, ")"),
                Arguments.of("sin(x, y)", 6, ","),
                Arguments.of("", 1, "end of input"),
                Arguments.of("   ", 4, "end of input"),
                Arguments.of("x +", 4, "end of input"),
                Arguments.of("x $ y", 3, "$"),
                Arguments.of("x # y", 3, "#"),
                Arguments.of("x + é", 5, "é"),
                Arguments.of("`unclosed", 1, "`unclosed"),
                Arguments.of("x * ``", 5, "``"),
                Arguments.of("$1 + x", 1, "$1"),
                Arguments.of("$1 = x; $1 = y; $1", 9, "$1"),
                Arguments.of("$1 = x $1", 8, "$1"),
                Arguments.of("x y", 3, "y"),
                Arguments.of("x + y )", 7, ")"),
                Arguments.of("x + 1 2", 7, "2"),
                Arguments.of("x;", 2, ";"),
                Arguments.of("()", 2, ")"),
                Arguments.of("(x, y)", 3, ","),
                Arguments.of("1.5.2", 4, ".2"),
                Arguments.of("foo(x)", 1, "foo"),
                Arguments.of("2 * ln(x)", 5, "ln"),
                Arguments.of("x[1", 2, "["),
                Arguments.of("x [1]", 3, "["),
                Arguments.of("1e400", 1, "1e400"),
                Arguments.of("x + 1e-400", 5, "1e-400"),
                Arguments.of("x < y < z", 7, "<"),
                Arguments.of("sin(x", 1, "sin"),
                Arguments.of("2 ^ ^ 3", 5, "^"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("badInputs")
    void parseErrorNamesColumnAndOffendingText(String text, int column, String offending) {
        ParseException e = assertThrows(ParseException.class, () -> Expr.parse(text));
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(offending, e.offendingText(), e.getMessage());
        assertTrue(e.getMessage().contains("column " + column), e.getMessage());
        assertTrue(e.getMessage().contains(offending), e.getMessage());
        assertInstanceOf(RuntimeException.class, e, "unchecked");
    }

    @Test
    void unknownFunctionsAreNamedWithASuggestionAndTheKnownOnes() {
        ParseException ln = assertThrows(ParseException.class, () -> Expr.parse("ln(x)"));
        assertTrue(ln.getMessage().contains("unknown function ln; did you mean log?"), ln.getMessage());
        for (Primitive p : Primitive.values()) {
            if (p.isFunction()) {
                assertTrue(ln.getMessage().contains(p.symbol()), "lists " + p.symbol() + ": " + ln.getMessage());
            }
        }
        assertTrue(ln.getMessage().contains("pow"), ln.getMessage());
        assertTrue(Expr.parse("log(x)").equals(Expr.variable("x").log()), "the suggestion parses");
        ParseException arctan = assertThrows(ParseException.class, () -> Expr.parse("arctan(x)"));
        assertTrue(arctan.getMessage().contains("did you mean atan?"), arctan.getMessage());
        ParseException typo = assertThrows(ParseException.class, () -> Expr.parse("sinn(x)"));
        assertTrue(typo.getMessage().contains("did you mean sin?"), typo.getMessage());
        ParseException foo = assertThrows(ParseException.class, () -> Expr.parse("foo(x)"));
        assertTrue(foo.getMessage().contains("unknown function foo; the functions are "), foo.getMessage());
        assertTrue(!foo.getMessage().contains("did you mean"), foo.getMessage());
    }

    @Test
    void customOperationsAreKnownFunctionsWhenPassed() {
        CustomOperation swish = CustomOperation.of("swish", v -> v / (1 + Math.exp(-v)), (v, g) -> g);
        ParseException e = assertThrows(ParseException.class, () -> Expr.parse("swish(x)"));
        assertTrue(e.getMessage().contains("unknown function swish"), e.getMessage());
        assertTrue(e.getMessage().contains("Expr.parse(text, operations)"), "says how to make it known: " + e.getMessage());
        ParseException typo = assertThrows(ParseException.class, () -> Expr.parse("swissh(x)", List.of(swish)));
        assertTrue(typo.getMessage().contains("did you mean swish?"), typo.getMessage());
        assertTrue(typo.getMessage().contains("swish"), typo.getMessage());
    }

    @Test
    void controlCharactersAreShownAsCodePoints() {
        ParseException e = assertThrows(ParseException.class, () -> Expr.parse("x + \u0000y"));
        assertEquals(5, e.column());
        assertTrue(e.getMessage().contains("U+0000"), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), "no raw control character: " + e.getMessage());
        ParseException bell = assertThrows(ParseException.class, () -> Expr.parse("x +\u0007"));
        assertTrue(bell.getMessage().contains("U+0007"), bell.getMessage());
        ParseException quoted = assertThrows(ParseException.class, () -> Expr.parse("x `a\u0000b`"));
        assertTrue(quoted.getMessage().contains("'aU+0000b'"), quoted.getMessage());
    }

    @Test
    void numbersTooLargeOrTooSmallForADoubleAreRefused() {
        ParseException big = assertThrows(ParseException.class, () -> Expr.parse("1e400"));
        assertTrue(big.getMessage().contains("inf"), "suggests inf: " + big.getMessage());
        assertEquals(Double.MAX_VALUE, ((Constant) Expr.parse("1.7976931348623157e308")).value());
        assertEquals(Double.MIN_VALUE, ((Constant) Expr.parse("4.9e-324")).value());
        assertEquals(0.0, ((Constant) Expr.parse("0e-999")).value(), "zero written small is still zero");
    }

    @Test
    void tryParseReturnsAFailureOnBadInput() {
        Try<Expr> bad = Expr.tryParse("x + * y");
        assertTrue(bad.isFailure());
        assertInstanceOf(ParseException.class, bad.getCause());
        Try<Expr> good = Expr.tryParse("x + y");
        assertTrue(good.isSuccess());
        assertEquals(Expr.variable("x").plus(Expr.variable("y")), good.get());
    }

    /** Runs {@code body} on a fresh thread with the default stack size, rethrowing what it throws. */
    static void onDefaultStack(Runnable body) throws Throwable {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join();
        if (thrown.get() != null) {
            throw thrown.get();
        }
    }

    private static final int DEEP = 1_000_000;

    @Test
    void millionDeepNestingParses() throws Throwable {
        onDefaultStack(() -> {
            String text = "(".repeat(DEEP) + "x" + ")".repeat(DEEP);
            assertEquals(Expr.variable("x"), Expr.parse(text));
            Expr negated = Expr.parse("-(".repeat(DEEP) + "x" + ")".repeat(DEEP));
            assertEquals(DEEP + 1, negated.nodeCount());
        });
    }

    @Test
    void millionDeepUnclosedNestingFailsWithAColumn() throws Throwable {
        onDefaultStack(() -> {
            ParseException e = assertThrows(ParseException.class, () -> Expr.parse("(".repeat(DEEP) + "x"));
            assertEquals(DEEP, e.column(), e.getMessage()); // the innermost '(' is the one left open
            assertTrue(e.getMessage().contains("column " + DEEP), e.getMessage());
            ParseException extra = assertThrows(ParseException.class,
                    () -> Expr.parse("(".repeat(DEEP) + "x" + ")".repeat(DEEP + 1)));
            assertEquals(2 * DEEP + 2, extra.column(), extra.getMessage());
        });
    }
}
