/**
 * Verdicts from several samples of a non-deterministic model: the plan ({@link dev.promptspec.sampling.SamplingPlan}:
 * how many samples at most, the pass rate they must show, how sure the verdict must be), the Wilson score interval, the
 * sequential rule that stops drawing as soon as a verdict is sure ({@link dev.promptspec.sampling.SequentialBounds}),
 * and the loop that draws samples ({@link dev.promptspec.sampling.Sampler}). Pure statistics: nothing here calls a
 * model or knows prompt files, so a benchmark can drive the same loop with a simulated model.
 */
package dev.promptspec.sampling;
