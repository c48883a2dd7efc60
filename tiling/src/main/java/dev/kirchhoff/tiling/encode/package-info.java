/**
 * Spike encoders: turn analogue inputs (pixel intensities, sensor samples) into spike lists,
 * one step at a time. Every encoder writes the indices of the neurons that spike in a step
 * into a caller's {@code int[]} and returns how many there are, so no object is made per spike;
 * every random draw comes from the seeded {@code UniformRandomProvider} the caller passes.
 */
package dev.kirchhoff.tiling.encode;
