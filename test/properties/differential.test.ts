/**
 * The engine against the oracle (test/oracle), on generated scenarios (issue 7, section 2).
 *
 * Soundness: whenever the oracle allows a concrete request from a caller outside the zone of trust (anonymous,
 * principals of the accounts and organizations the policy names and of fresh ones, services acting for them), the
 * engine has an active finding on the granting statement that covers that caller.
 *
 * Precision: whenever the engine reports an active public-access, external-access or confused-deputy finding, some
 * concrete request of the class it names is allowed by the oracle through that statement (see witnessClasses in
 * check.ts for the classes that are constructed).
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { scenarioArbitrary } from "./arbitraries.js";
import { assertProperty, propertyTimeout } from "./config.js";
import { precisionCounterexample, prepare, soundnessCounterexample } from "./check.js";

const SOUNDNESS_RUNS = 1000;
const PRECISION_RUNS = 1000;

describe("engine against the oracle", () => {
  it(
    "soundness: every outside request the oracle allows is covered by an active finding",
    () => {
      assertProperty(
        fc.property(scenarioArbitrary(), fc.integer(), (scenario, requestSeed) => {
          const counterexample = soundnessCounterexample(prepare(scenario), requestSeed);
          if (counterexample) throw new Error(`missed access: ${JSON.stringify(counterexample)}`);
        }),
        SOUNDNESS_RUNS,
      );
    },
    propertyTimeout(SOUNDNESS_RUNS),
  );

  it(
    "precision: every active public, external or confused-deputy finding has a witness the oracle allows",
    () => {
      assertProperty(
        fc.property(scenarioArbitrary(), (scenario) => {
          const counterexample = precisionCounterexample(prepare(scenario));
          if (counterexample) throw new Error(`finding without witness: ${JSON.stringify(counterexample)}`);
        }),
        PRECISION_RUNS,
      );
    },
    propertyTimeout(PRECISION_RUNS),
  );
});
