/**
 * Runnable worked examples, each with a test: logistic regression as a computation graph, a
 * user-written sigmoid node, training a small MLP by backpropagation with mini-batch SGD,
 * minimizing Rosenbrock with Hipparchus' conjugate-gradient optimizer fed our gradients, and fitting
 * a damped oscillation to noisy data by Levenberg–Marquardt with the covariance of the estimates.
 */
@NullMarked
package dev.autodiff.examples;

import org.jspecify.annotations.NullMarked;
