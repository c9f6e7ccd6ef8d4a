/**
 * How long the property tests run. `npm test` runs each property a bounded number of times from a fixed seed, so a
 * failure reproduces exactly (fast-check prints the seed, the path and the shrunk counterexample). A longer hunt is
 * one variable away:
 *
 *   TRUSTSCAN_PROPERTY_RUNS=100000 npx vitest run test/properties
 *   TRUSTSCAN_PROPERTY_SEED=42 npx vitest run test/properties
 *
 * TRUSTSCAN_PROPERTY_RUNS replaces every property's default number of runs.
 */
import fc from "fast-check";

export const PROPERTY_SEED = Number(process.env.TRUSTSCAN_PROPERTY_SEED ?? 20_250_607);

export function propertyRuns(defaultRuns: number): number {
  const configured = Number(process.env.TRUSTSCAN_PROPERTY_RUNS);
  return Number.isInteger(configured) && configured > 0 ? configured : defaultRuns;
}

/** A long run needs a long timeout; the default one is sized for the default runs on a slow 2-core machine. */
export function propertyTimeout(defaultRuns: number): number {
  return Math.max(60_000, (propertyRuns(defaultRuns) / defaultRuns) * 60_000);
}

export function assertProperty<T>(property: fc.IProperty<T>, defaultRuns: number): void {
  fc.assert(property, { seed: PROPERTY_SEED, numRuns: propertyRuns(defaultRuns) });
}
