/**
 * Runnable worked examples, each with a test: logistic regression as a computation graph, a
 * user-written sigmoid node, training a small MLP by backpropagation with mini-batch SGD, and
 * minimizing Rosenbrock with Hipparchus' conjugate-gradient optimizer fed our gradients.
 */
@NullMarked
package dev.autodiff.examples;

import org.jspecify.annotations.NullMarked;
