/**
 * The counterexample table (counterexamples.ts): for each row, the oracle's verdict (what AWS decides) and what the
 * engine must report. Every row is a plain test, except a false positive the engine keeps on purpose
 * (`precisionLimit`, which says why): that one is `it.fails`, so that lifting the limit shows up.
 */
import { describe, expect, it } from "vitest";
import { isActive } from "../../src/findings/finding.js";
import { evaluate, setupFromSnapshot } from "../oracle/evaluate.js";
import { scanPolicy, snapshotForCase } from "../helpers/scan-policy.js";
import { ADDED_DENY_COUNTEREXAMPLES, COUNTEREXAMPLES, type CounterexampleRow } from "./counterexamples.js";
import { activeFindingsWithin } from "./compare.js";
import { findingCovers } from "./coverage.js";

function decide(row: CounterexampleRow) {
  return evaluate(setupFromSnapshot(snapshotForCase(row.case)), row.request);
}

function checkEngine(row: CounterexampleRow): void {
  const findings = scanPolicy(row.case);
  const decision = decide(row);
  if (row.engine.expect === "reports") {
    expect(findings.filter((f) => findingCovers(f, row.request, decision)).map((f) => f.ruleId)).not.toEqual(
      [],
    );
  } else {
    const rule = row.engine.rule;
    expect(findings.filter((f) => isActive(f) && f.ruleId === rule).map((f) => f.message)).toEqual([]);
  }
}

describe("counterexamples found by the property tests", () => {
  describe.each(COUNTEREXAMPLES)("$name ($issue)", (row) => {
    it(`AWS decides: ${row.oracle}`, () => {
      expect(decide(row).allowed).toBe(row.oracle === "allow");
    });
    // A documented precision limit: the engine reports more than AWS allows (never less), and the row says why.
    const engineTest = row.precisionLimit ? it.fails : it;
    engineTest(
      row.engine.expect === "reports"
        ? "the engine reports the caller"
        : `no active ${"rule" in row.engine ? row.engine.rule : ""} finding`,
      () => checkEngine(row),
    );
  });
});

describe("counterexamples of the metamorphic properties", () => {
  describe.each(ADDED_DENY_COUNTEREXAMPLES)("$name ($issue)", (row) => {
    it("adding the Deny statement adds no active finding", () => {
      const policy = row.case.policy as { Version: string; Statement: unknown[] };
      const after = scanPolicy({
        ...row.case,
        policy: { ...policy, Statement: [...policy.Statement, row.added] },
      });
      expect(activeFindingsWithin(after, scanPolicy(row.case)).map((f) => f.message)).toEqual([]);
    });
  });
});
