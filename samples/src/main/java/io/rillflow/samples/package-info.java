/**
 * A small application built on Rillflow. {@link io.rillflow.samples.Quickstart} is the README's
 * first command; each sub-package shows one capability.
 */
package io.rillflow.samples;
