/**
 * Monte Carlo accuracy sweeps on Apache Spark: {@link dev.kirchhoff.spark.SparkSweepEngine} runs a
 * {@link dev.kirchhoff.training.pipeline.SweepJob}'s trials on a cluster's executors and returns
 * the rows {@link dev.kirchhoff.training.pipeline.LocalSweepEngine} gives;
 * {@link dev.kirchhoff.spark.SparkSweep} is the {@code spark-submit} main class. Spark is a
 * provided dependency of this module only: nothing else in Kirchhoff depends on it.
 */
package dev.kirchhoff.spark;
