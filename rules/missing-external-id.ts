import type { CallerAccess } from "../src/analysis/access.js";
import { isPublicCaller } from "../src/analysis/callers.js";
import { parseOperator } from "../src/analysis/operators.js";
import type { AnalyzedGrant, ResourceAnalysis } from "../src/analysis/resource-analysis.js";
import { hasWildcard } from "../src/analysis/wildcard.js";
import type { ConditionClause, Statement } from "../src/model/policy.js";
import { collectMentions } from "../src/analysis/mentions.js";
import type { Rule, FindingDraft } from "./types.js";
import { outsideZoneText, resourceLabel } from "./support/describe.js";
import { cancellation, findingBase, statementIsPublic } from "./support/findings.js";

export const missingExternalId: Rule = {
  meta: {
    id: "missing-external-id",
    name: "MissingExternalId",
    shortDescription:
      "A role can be assumed from a specific outside account without an effective sts:ExternalId condition.",
    fullDescription:
      "Reports a role trust policy that lets principals of a specific account outside the zone of trust call sts:AssumeRole without a StringEquals or StringLike condition on sts:ExternalId with fixed values. Without an external ID, a third party that assumes roles for many customers can be tricked into using yours (the confused deputy problem).",
    docs: {
      whatItDoes:
        "For every account outside the zone of trust that can call `sts:AssumeRole` on a role (named in `Principal`, or pinned by `aws:PrincipalAccount`/`aws:PrincipalArn`), checks that the statement requires `sts:ExternalId` with `StringEquals` or `StringLike` and fixed values (no `*`, no `?`, no policy variable, not `…IfExists`). Not raised for public trust (that is `public-access`), for accounts inside the zone, or when the outside account cannot assume the role at all. Reported beside `external-access`.",
      whyItMatters:
        "Vendors assume roles in many customers' accounts. If your role does not require the external ID the vendor assigned to you, another customer of the vendor can name your role ARN in their configuration and the vendor will assume it for them: a confused deputy.",
      howToFix:
        'Add `"Condition": {"StringEquals": {"sts:ExternalId": "<the ID your vendor gave you>"}}` to the statement. Do not use a wildcard or `…IfExists`.',
      example: `{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::999988887777:root" },
    "Action": "sts:AssumeRole"
  }]
}`,
    },
    defaultSeverity: "medium",
    tags: ["security", "external/cwe/cwe-441", "external/cwe/cwe-284"],
    precision: "high",
  },
  check(analysis) {
    if (analysis.resource.type !== "AWS::IAM::Role") return [];
    const statements = analysis.resource.trustPolicy.statements;
    const findings: FindingDraft[] = [];
    for (const grant of analysis.grants) {
      if (!grant.statement || requiresExternalId(grant.statement, statements)) continue;
      if (statementIsPublic(analysis, grant)) continue;
      const finding = externalIdFinding(analysis, grant);
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

/** Outside accounts that can call sts:AssumeRole through this grant, or undefined when the grant is public. */
function assumingAccounts(accesses: readonly CallerAccess[]): string[] | undefined {
  const principalSide = accesses.filter((a) => a.caller.kind !== "service");
  if (principalSide.some((a) => isPublicCaller(a.caller))) return undefined;
  const accounts = principalSide
    .filter((a) => a.caller.party.kind === "account" && a.actions.includes("sts:AssumeRole"))
    .map((a) => (a.caller.party.kind === "account" ? a.caller.party.id : ""));
  return [...new Set(accounts)].sort();
}

function externalIdFinding(analysis: ResourceAnalysis, grant: AnalyzedGrant): FindingDraft | undefined {
  // The rule is about accounts the granting statement itself names (in Principal or a confining condition):
  // an account other statements happen to mention is, for this grant, one of "any account".
  let named: Set<string> | undefined;
  const namedBy = (accounts: string[] | undefined) => {
    // Most grants reach no outside account at all: the statement's mentions are collected only when one does.
    if (!accounts || accounts.length === 0) return accounts;
    named ??= grant.statement ? collectMentions([grant.statement]).accounts : new Set<string>();
    return accounts.filter((a) => named?.has(a));
  };
  const after = namedBy(assumingAccounts(grant.access.after));
  if (after === undefined) return undefined;
  const active = after.length > 0;
  // A grant that was public before its controls is public-access's: only a named account gets this rule.
  const accounts = active ? after : (namedBy(assumingAccounts(grant.access.before)) ?? []);
  if (accounts.length === 0) return undefined;
  const { resource, zone } = analysis;
  const who = accounts.length === 1 ? `account ${accounts[0]}` : `accounts ${accounts.join(", ")}`;
  return {
    ...findingBase(analysis, grant),
    ruleId: "missing-external-id",
    severity: "medium",
    message: `${resourceLabel(resource)} can be assumed by any principal in ${who} (${outsideZoneText(zone, resource.accountId)}) without an external ID.`,
    principal: { written: grant.principalWritten, judged: who, accounts },
    actions: ["sts:AssumeRole"],
    isPublic: false,
    cancelledBy: cancellation(active, grant.access.cancelledBy),
  };
}

/** An effective external ID: required by the Allow statement itself, or enforced by a Deny of the same policy. */
function requiresExternalId(statement: Statement, all: readonly Statement[]): boolean {
  if (statement.conditions.some(isEffectiveExternalIdCondition)) return true;
  return all.some(
    (s) =>
      s.effect === "Deny" &&
      !s.notPrincipals &&
      (s.principals ?? [{ type: "AWS", value: "*" }]).some((p) => p.type === "AWS" && p.value === "*") &&
      (s.actions ?? []).some((a) => /^sts:(assumerole|\*)$|^\*$/i.test(a)) &&
      s.conditions.length === 1 &&
      s.conditions.every(isExternalIdDenyCondition),
  );
}

function fixedValues(values: readonly string[]): boolean {
  return values.length > 0 && values.every((v) => v.length > 0 && !hasWildcard(v) && !v.includes("${"));
}

function isEffectiveExternalIdCondition(clause: ConditionClause): boolean {
  if (clause.keyLower !== "sts:externalid" || clause.malformed) return false;
  const op = parseOperator(clause.operatorLower);
  const positive =
    op.base === "stringequals" || op.base === "stringlike" || op.base === "stringequalsignorecase";
  return positive && !op.ifExists && op.set !== "all" && fixedValues(clause.values);
}

/** `Deny … StringNotEquals sts:ExternalId <fixed>`: whoever does not send the ID is turned away. */
function isExternalIdDenyCondition(clause: ConditionClause): boolean {
  if (clause.keyLower !== "sts:externalid" || clause.malformed) return false;
  const op = parseOperator(clause.operatorLower);
  return (
    (op.base === "stringnotequals" || op.base === "stringnotlike") &&
    op.set === undefined &&
    fixedValues(clause.values)
  );
}
