import { RULES } from "../../rules/index.js";
import type { FindingDraft, Rule } from "../../rules/types.js";
import { BudgetExceeded, DEFAULT_RESOURCE_BUDGET, WorkBudget } from "../analysis/patterns/budget.js";
import type { SnapshotIndex } from "../analysis/snapshot-index.js";
import type { Resource } from "../model/resource.js";
import { analyzeResource } from "../analysis/resource-analysis.js";
import { indexSnapshot } from "../analysis/snapshot-index.js";
import { Zone } from "../analysis/zone.js";
import type { Finding } from "../findings/finding.js";
import { fingerprintOf } from "../findings/fingerprint.js";
import { compareFindings } from "../findings/order.js";
import type { ScanResult, ZoneKind } from "../findings/scan-result.js";
import type { ReadProblem, Snapshot } from "../model/snapshot.js";
import { TOOL } from "./tool.js";

export interface ScanOptions {
  /** Defaults to organization when the snapshot has organization data, else account (docs/semantics.md#zone). */
  zone?: ZoneKind;
  trustedAccounts?: readonly string[];
  rules?: readonly Rule[];
  /** Work units one resource's analysis may spend (default DEFAULT_RESOURCE_BUDGET). */
  budgetLimit?: number;
}

export class ZoneError extends Error {}

export function zoneFor(snapshot: Snapshot, options: ScanOptions): Zone {
  const kind = options.zone ?? (snapshot.organization ? "organization" : "account");
  if (kind === "organization" && !snapshot.organization) {
    throw new ZoneError(
      "--zone organization needs organization data (organization.json in the snapshot); use --zone account or --trusted-account",
    );
  }
  return new Zone(kind, snapshot.organization, options.trustedAccounts ?? []);
}

export function scanSnapshot(snapshot: Snapshot, options: ScanOptions = {}): ScanResult {
  const zone = zoneFor(snapshot, options);
  const rules = options.rules ?? RULES;
  const index = indexSnapshot(snapshot);
  const findings: Finding[] = [];
  const analysisProblems: ReadProblem[] = [];
  let resourcesScanned = 0;
  for (const account of snapshot.accounts) {
    for (const resource of [...account.roles, ...account.buckets]) {
      resourcesScanned += 1;
      const drafts = checkResource(
        resource,
        rules,
        zone,
        index,
        options.budgetLimit ?? DEFAULT_RESOURCE_BUDGET,
      );
      if (drafts.exceeded) {
        analysisProblems.push({
          file: resource.location.file,
          jsonPath: "$",
          kind: "analysis-budget",
          message: `Analysis budget exceeded for ${resource.arn} (line ${resource.location.startLine}): its policies need more than ${drafts.exceeded} work units to compare; reported conservatively as reachable by anyone.`,
        });
      }
      for (const draft of drafts.findings) findings.push({ ...draft, fingerprint: "" });
    }
  }
  assignFingerprints(findings);
  findings.sort(compareFindings);
  return {
    tool: TOOL,
    zone: zone.describe(),
    sources: [snapshot.source],
    findings,
    rules: rules.map((r) => r.meta),
    accountsScanned: snapshot.accounts.length,
    resourcesScanned,
    readProblems: [...snapshot.readProblems, ...analysisProblems],
    collectionErrors: snapshot.collectionErrors,
  };
}

/**
 * Runs every rule on one resource within its work budget. A resource whose policies outgrow the budget is not
 * dropped: the rules that can speak for the worst case report it (and the caller records the problem).
 */
function checkResource(
  resource: Resource,
  rules: readonly Rule[],
  zone: Zone,
  index: SnapshotIndex,
  budgetLimit: number,
): { findings: FindingDraft[]; exceeded?: number } {
  try {
    const analysis = analyzeResource(resource, zone, index, new WorkBudget(budgetLimit));
    return { findings: rules.flatMap((rule) => rule.check(analysis)) };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    return {
      findings: rules.flatMap((rule) => rule.checkUnanalysed?.(resource, error.limit) ?? []),
      exceeded: error.limit,
    };
  }
}

/** Fingerprints must be unique per rule in a run; a repeat (two identical ACL grants) gets an ordinal. */
function assignFingerprints(findings: Finding[]): void {
  const seen = new Set<string>();
  for (const finding of findings) {
    const parts = {
      ruleId: finding.ruleId,
      resourceArn: finding.resource.arn,
      grantIdentity: finding.source.identity,
      principal: finding.principal.written,
    };
    let fingerprint = fingerprintOf(parts);
    for (let n = 2; seen.has(`${finding.ruleId} ${fingerprint}`); n += 1) {
      fingerprint = fingerprintOf({ ...parts, grantIdentity: `${parts.grantIdentity}#${n}` });
    }
    seen.add(`${finding.ruleId} ${fingerprint}`);
    finding.fingerprint = fingerprint;
  }
}
