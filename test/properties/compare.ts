/**
 * Findings in a form that two scans of the same policy, written differently, must agree on: everything a user sees
 * except where in the file it is (locations and statement indices move when statements move or the file is
 * re-indented). A Deny statement without a Sid is named by its position (`Deny statement #2`): that name is replaced
 * by the statement's canonical form, which does not move.
 */
import { isActive, type Finding } from "../../src/findings/finding.js";
import type { Statement } from "../../src/model/policy.js";
import { snapshotForCase } from "../helpers/scan-policy.js";
import { policyCaseOf, type Scenario } from "./arbitraries.js";

export function policyStatements(scenario: Scenario, policy: unknown): Statement[] {
  const account = snapshotForCase(policyCaseOf(scenario, policy)).accounts[0];
  return account?.roles[0]?.trustPolicy.statements ?? account?.buckets[0]?.policy?.statements ?? [];
}

export function comparableFindings(findings: readonly Finding[], statements: readonly Statement[]): string[] {
  const stable = (text: string) =>
    text.replace(/Deny statement #(\d+)/g, (whole, n: string) => {
      const statement = statements[Number(n) - 1];
      return statement ? `Deny statement ${statement.canonical}` : whole;
    });
  return findings
    .map((f) =>
      JSON.stringify({
        ruleId: f.ruleId,
        fingerprint: f.fingerprint,
        active: isActive(f),
        severity: f.severity,
        message: stable(f.message),
        principal: f.principal,
        actions: [...f.actions].sort(),
        // Rendered as the author wrote operator and key; both are case-insensitive in IAM.
        conditions: f.conditions.map((c) => c.toLowerCase()).sort(),
        isPublic: f.isPublic,
        source: { kind: f.source.kind, sid: f.source.sid, identity: f.source.identity },
        cancelledBy: f.cancelledBy
          .map((c) => ({ kind: c.kind, name: stable(c.name), justification: stable(c.justification) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }),
    )
    .sort();
}

/** `ruleId fingerprint` of the active findings. */
export function activeKeys(findings: readonly Finding[]): Set<string> {
  return new Set(findings.filter(isActive).map((f) => `${f.ruleId} ${f.fingerprint}`));
}

/**
 * Is every active finding of `narrower` also active in `wider`, or covered there by an active public-access finding
 * on the same grant? (A Deny can turn public access into access by named parties: public-access on a statement
 * gives way to external-access, missing-external-id or confused-deputy on it. That takes access away.)
 */
export function activeFindingsWithin(narrower: readonly Finding[], wider: readonly Finding[]): Finding[] {
  const keys = activeKeys(wider);
  const publicGrants = new Set(
    wider
      .filter((f) => isActive(f) && f.ruleId === "public-access")
      .map((f) => `${f.source.kind} ${f.source.identity}`),
  );
  return narrower.filter(
    (f) =>
      isActive(f) &&
      !keys.has(`${f.ruleId} ${f.fingerprint}`) &&
      !publicGrants.has(`${f.source.kind} ${f.source.identity}`),
  );
}
