/**
 * The training modes and the evaluation sweep behind {@code kirchhoff train}, {@code kirchhoff
 * evaluate} and the report: one entry point per job, so that every caller trains and evaluates
 * the same way.
 */
package dev.kirchhoff.training.pipeline;
