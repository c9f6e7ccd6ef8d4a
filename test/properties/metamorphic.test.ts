/**
 * Metamorphic properties of the engine alone (issue 7, section 2): adding a Deny never adds access, adding an Allow
 * never takes any away, and writing the same policy differently (statement order, a string or a one-element list,
 * the case of condition operators and keys, indentation) changes no finding and no fingerprint. (Every generated
 * policy is scanned without an exception: a throw fails the property; hostile text is in scan-never-throws.test.ts.)
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanPolicy } from "../helpers/scan-policy.js";
import {
  policyCaseOf,
  scenarioArbitrary,
  statementArbitrary,
  type PolicyJson,
  type Scenario,
} from "./arbitraries.js";
import { activeFindingsWithin, comparableFindings, policyStatements } from "./compare.js";
import { assertProperty, propertyTimeout } from "./config.js";
import { prng } from "./requests.js";
import { recaseConditions, reorder, toggleSingletons } from "./rewrite.js";

const RUNS = 500;

function scan(scenario: Scenario, policy: unknown = scenario.policy) {
  return scanPolicy(policyCaseOf(scenario, policy));
}

function sameFindings(scenario: Scenario, rewritten: unknown): void {
  const before = comparableFindings(scan(scenario), policyStatements(scenario, scenario.policy));
  const after = comparableFindings(scan(scenario, rewritten), policyStatements(scenario, rewritten));
  expect(after).toEqual(before);
}

/** A scenario and a statement of the given effect for its resource, at a position in its policy. */
const withStatement = (effect: "Allow" | "Deny", options = {}) =>
  scenarioArbitrary(options).chain((scenario) =>
    fc.tuple(
      fc.constant(scenario),
      statementArbitrary(scenario.resource).map((s) => ({ ...s, Effect: effect })),
      fc.nat(scenario.policy.Statement.length),
    ),
  );

function inserted(policy: PolicyJson, statement: PolicyJson["Statement"][number], at: number): PolicyJson {
  const statements = [...policy.Statement];
  statements.splice(at, 0, statement);
  return { ...policy, Statement: statements };
}

describe("metamorphic properties of the engine", () => {
  it(
    "adding a Deny statement never adds an active finding (it can only narrow public access to named parties)",
    () => {
      assertProperty(
        fc.property(withStatement("Deny"), ([scenario, deny, at]) => {
          const before = scan(scenario);
          const after = scan(scenario, inserted(scenario.policy, { ...deny, Effect: "Deny" }, at));
          expect(activeFindingsWithin(after, before).map((f) => f.message)).toEqual([]);
        }),
        RUNS,
      );
    },
    propertyTimeout(RUNS),
  );

  it(
    "adding an Allow statement never removes an active finding (without RestrictPublicBuckets, which a public Allow turns on)",
    () => {
      assertProperty(
        fc.property(withStatement("Allow", { restrictPublicBuckets: false }), ([scenario, allow, at]) => {
          const before = scan(scenario);
          const after = scan(scenario, inserted(scenario.policy, allow, at));
          expect(activeFindingsWithin(before, after).map((f) => f.message)).toEqual([]);
        }),
        RUNS,
      );
    },
    propertyTimeout(RUNS),
  );

  it(
    "statement order changes no finding and no fingerprint",
    () => {
      const scenarioAndOrder = scenarioArbitrary().chain((scenario) => {
        const n = scenario.policy.Statement.length;
        return fc.tuple(
          fc.constant(scenario),
          fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        );
      });
      assertProperty(
        fc.property(scenarioAndOrder, ([scenario, order]) =>
          sameFindings(scenario, reorder(scenario.policy, order)),
        ),
        RUNS,
      );
    },
    propertyTimeout(RUNS),
  );

  it(
    "a string or a one-element list changes no finding and no fingerprint",
    () => {
      assertProperty(
        fc.property(scenarioArbitrary(), fc.integer(), (scenario, seed) => {
          const random = prng(seed);
          sameFindings(
            scenario,
            toggleSingletons(scenario.policy, () => random() < 0.5),
          );
        }),
        RUNS,
      );
    },
    propertyTimeout(RUNS),
  );

  it(
    "the case of condition operators and keys changes no finding and no fingerprint",
    () => {
      assertProperty(
        fc.property(scenarioArbitrary(), fc.integer(), (scenario, seed) => {
          const random = prng(seed);
          const recase = (name: string) => {
            const pick = random();
            return pick < 0.33 ? name.toLowerCase() : pick < 0.66 ? name.toUpperCase() : name;
          };
          sameFindings(scenario, recaseConditions(scenario.policy, recase));
        }),
        RUNS,
      );
    },
    propertyTimeout(RUNS),
  );

  it(
    "re-indentation (and a policy held as a JSON string) changes no finding and no fingerprint",
    () => {
      assertProperty(
        fc.property(scenarioArbitrary(), fc.constantFrom(0, 1, 4, "\t"), (scenario, indent) =>
          sameFindings(scenario, JSON.stringify(scenario.policy, null, indent)),
        ),
        RUNS,
      );
    },
    propertyTimeout(RUNS),
  );
});
