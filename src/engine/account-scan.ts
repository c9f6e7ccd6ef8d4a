import type { FindingDraft, Rule } from "../../rules/types.js";
import { AnalysisMemo } from "../analysis/analysis-memo.js";
import { BudgetExceeded } from "../analysis/patterns/budget.js";
import type { SnapshotIndex } from "../analysis/snapshot-index.js";
import type { Zone } from "../analysis/zone.js";
import type { Finding } from "../findings/finding.js";
import { fingerprintOf } from "../findings/fingerprint.js";
import { compareFindings } from "../findings/order.js";
import type { SourceLocation } from "../model/location.js";
import type { Resource } from "../model/resource.js";
import type { AccountSnapshot, ReadProblem } from "../model/snapshot.js";

/** What every account of a scan is judged against. */
export interface ScanContext {
  zone: Zone;
  index: SnapshotIndex;
  rules: readonly Rule[];
  /** Work units one resource's analysis may spend. */
  budgetLimit: number;
}

export interface AccountScanOptions {
  /**
   * Fills in model locations that were left unresolved (a file read with deferred locations): called once, with
   * the locations of the account's findings and of its resources over budget.
   */
  resolveLocations?: (locations: Iterable<SourceLocation>) => void;
  /** Fingerprints already given, per rule: a repeat gets an ordinal. Default: this account's alone. */
  fingerprints?: FingerprintRegistry;
}

export interface AccountScan {
  /** Fingerprinted, in the scan result's order. */
  findings: Finding[];
  resourcesScanned: number;
  /** Resources whose policies outgrew the analysis budget (reported conservatively). */
  analysisProblems: ReadProblem[];
}

/** Every rule on every resource of one account: roles, buckets, then the other resource types. */
export function scanAccount(
  account: AccountSnapshot,
  context: ScanContext,
  options: AccountScanOptions = {},
): AccountScan {
  const index = withOwnRegionalControls(context.index, account);
  const memo = new AnalysisMemo(account.accountId, context.zone, index, context.budgetLimit);
  const drafts: FindingDraft[] = [];
  const exceeded: { resource: Resource; limit: number }[] = [];
  let resourcesScanned = 0;
  for (const resources of [account.roles, account.buckets, account.resources]) {
    for (const resource of resources) {
      resourcesScanned += 1;
      const checked = checkResource(resource, context.rules, memo);
      if (checked.exceeded !== undefined) exceeded.push({ resource, limit: checked.exceeded });
      for (const draft of checked.findings) drafts.push(draft);
    }
  }
  options.resolveLocations?.([
    ...drafts.map((draft) => draft.source.location),
    ...exceeded.map(({ resource }) => resource.location),
  ]);
  const analysisProblems = exceeded.map(({ resource, limit }): ReadProblem => ({
    file: resource.location.file,
    jsonPath: "$",
    kind: "analysis-budget",
    message: `Analysis budget exceeded for ${resource.arn} (line ${resource.location.startLine}): its policies need more than ${limit} work units to compare; reported conservatively as reachable by anyone.`,
  }));
  const findings: Finding[] = drafts.map((draft) => ({ ...draft, fingerprint: "" }));
  assignFingerprints(findings, options.fingerprints ?? new FingerprintRegistry());
  findings.sort(compareFindings);
  return { findings, resourcesScanned, analysisProblems };
}

/** The index, answering for the account's own regional controls from the account itself (snapshot-index.ts). */
function withOwnRegionalControls(index: SnapshotIndex, account: AccountSnapshot): SnapshotIndex {
  return {
    bucketOwner: (name) => index.bucketOwner(name),
    accountOfCanonicalUser: (id) => index.accountOfCanonicalUser(id),
    accountPublicAccessBlock: (id) => index.accountPublicAccessBlock(id),
    regionalControls: (id, region) =>
      id === account.accountId ? account.regionalControls.get(region) : index.regionalControls?.(id, region),
  };
}

/**
 * Runs every rule on one resource within its work budget. A resource whose policies outgrow the budget is not
 * dropped: the rules that can speak for the worst case report it (and the caller records the problem).
 */
function checkResource(
  resource: Resource,
  rules: readonly Rule[],
  memo: AnalysisMemo,
): { findings: FindingDraft[]; exceeded?: number } {
  try {
    const analysis = memo.analyze(resource);
    return { findings: rules.flatMap((rule) => rule.check(analysis)) };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    return {
      findings: rules.flatMap((rule) => rule.checkUnanalysed?.(resource, error.limit) ?? []),
      exceeded: error.limit,
    };
  }
}

/** The fingerprints given so far, per rule. */
export class FingerprintRegistry {
  private readonly seen = new Set<string>();

  /** Records `fingerprint` for `ruleId` (on the resource `resourceArn`); false when it was given already. */
  add(ruleId: string, fingerprint: string, _resourceArn?: string): boolean {
    const key = `${ruleId} ${fingerprint}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

/** Fingerprints must be unique per rule in a run; a repeat (two identical ACL grants) gets an ordinal. */
function assignFingerprints(findings: Finding[], registry: FingerprintRegistry): void {
  for (const finding of findings) {
    const parts = {
      ruleId: finding.ruleId,
      resourceArn: finding.resource.arn,
      grantIdentity: finding.source.identity,
      principal: finding.principal.written,
    };
    let fingerprint = fingerprintOf(parts);
    for (let n = 2; !registry.add(finding.ruleId, fingerprint, finding.resource.arn); n += 1) {
      fingerprint = fingerprintOf({ ...parts, grantIdentity: `${parts.grantIdentity}#${n}` });
    }
    finding.fingerprint = fingerprint;
  }
}
