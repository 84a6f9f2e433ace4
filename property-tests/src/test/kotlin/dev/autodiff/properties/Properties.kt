package dev.autodiff.properties

import io.kotest.common.ExperimentalKotest
import io.kotest.property.Gen
import io.kotest.property.PropTestConfig
import io.kotest.property.PropertyContext
import io.kotest.property.PropertyTesting
import io.kotest.property.checkAll
import kotlinx.coroutines.runBlocking

/**
 * Runs Kotest properties inside JUnit tests with a fixed seed, so CI checks the same cases every
 * run; `-Dautodiff.seed=N` explores others. On failure Kotest shrinks the input and its message
 * names the seed.
 */
// PropTestConfig's constructor is marked @ExperimentalKotest in Kotest 6 (some of its parameters are).
@OptIn(ExperimentalKotest::class)
object Properties {
    /** The seed of every property: fixed, unless the system property `autodiff.seed` says otherwise. */
    val SEED: Long = System.getProperty("autodiff.seed")?.toLong() ?: 20_250_611L

    init {
        // Kotest would otherwise write failing seeds under ~/.kotest and replay them next run.
        PropertyTesting.writeFailedSeed = false
    }

    /** Checks [property] on [iterations] inputs from [gen], prints and returns how many passed. */
    fun <A> check(name: String, iterations: Int, gen: Gen<A>, property: suspend PropertyContext.(A) -> Unit): Int {
        val context = runBlocking { checkAll(PropTestConfig(seed = SEED, iterations = iterations), gen, property) }
        report(name, context)
        return context.successes()
    }

    /** Checks a property of two inputs, as [check] does. */
    fun <A, B> check(
        name: String, iterations: Int, genA: Gen<A>, genB: Gen<B>,
        property: suspend PropertyContext.(A, B) -> Unit,
    ): Int {
        val context = runBlocking { checkAll(PropTestConfig(seed = SEED, iterations = iterations), genA, genB, property) }
        report(name, context)
        return context.successes()
    }

    private fun report(name: String, context: PropertyContext) {
        println("property $name: ${context.successes()} cases passed, ${context.failures()} failed (seed $SEED)")
    }
}
