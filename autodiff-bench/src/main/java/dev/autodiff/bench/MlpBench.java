package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The training loss of a 4-16-1 sigmoid network over 32 samples: gradients in its 97 parameters. */
@State(Scope.Benchmark)
public class MlpBench extends GradientBench {

    @Override
    protected Workload create() {
        return Mlp.standard();
    }
}
