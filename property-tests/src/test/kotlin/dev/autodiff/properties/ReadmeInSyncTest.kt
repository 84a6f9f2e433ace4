package dev.autodiff.properties

import java.nio.file.Files
import java.nio.file.Path
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The README's Kotlin examples are the ones [ReadmeKotlinExampleTest] compiles and runs, line for line. */
class ReadmeInSyncTest {
    @Test
    fun readmeKotlinExampleIsTheTestedOne() {
        // Surefire runs with the module folder as working directory; the README is one level up.
        val readme = Files.readString(Path.of("..", "README.md"))
        val blocks = readme.split("```kotlin\n").drop(1).map { it.substringBefore("```") }
        val test = Files.readString(Path.of("src/test/kotlin/dev/autodiff/properties/ReadmeKotlinExampleTest.kt"))
        assertTrue(blocks.size >= 2, "the README has its Kotlin examples")
        for (block in blocks) {
            val lines = block.lines().map { it.trim() }.filter { it.isNotEmpty() }
            assertTrue(lines.size > 5, "a README Kotlin example of more than five lines")
            for (line in lines) {
                assertTrue(test.contains(line), "README line not in ReadmeKotlinExampleTest: $line")
            }
        }
    }
}
