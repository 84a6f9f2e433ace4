/**
 * Runnable worked examples, each with a test: logistic regression as a computation graph, a
 * user-written sigmoid node, training a small MLP by backpropagation with mini-batch SGD,
 * minimizing Rosenbrock with Hipparchus' conjugate-gradient optimizer fed our gradients, fitting a
 * damped oscillation to noisy data by Levenberg–Marquardt with the covariance of the estimates, and
 * models over data — per-record losses compiled once with the data as parameters and summed over
 * the records: logistic and negative-binomial regression by maximum likelihood ({@link
 * dev.autodiff.examples.DampedNewton}) with standard errors from the Hessian, and a line fitted
 * through outliers by Huber's loss, a branch.
 */
@NullMarked
package dev.autodiff.examples;

import org.jspecify.annotations.NullMarked;
