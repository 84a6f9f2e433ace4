package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vavr.control.Try;
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
                Arguments.of("foo(x)", 4, "("),
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
