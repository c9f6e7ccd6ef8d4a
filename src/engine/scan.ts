import { RULES } from "../../rules/index.js";
import type { Rule } from "../../rules/types.js";
import { analyzeResource } from "../analysis/resource-analysis.js";
import { indexSnapshot } from "../analysis/snapshot-index.js";
import { Zone } from "../analysis/zone.js";
import type { Finding } from "../findings/finding.js";
import { fingerprintOf } from "../findings/fingerprint.js";
import { compareFindings } from "../findings/order.js";
import type { ScanResult, ZoneKind } from "../findings/scan-result.js";
import type { Snapshot } from "../model/snapshot.js";
import { TOOL } from "./tool.js";

export interface ScanOptions {
  /** Defaults to organization when the snapshot has organization data, else account (SEMANTICS.md 1). */
  zone?: ZoneKind;
  trustedAccounts?: readonly string[];
  rules?: readonly Rule[];
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
  let resourcesScanned = 0;
  for (const account of snapshot.accounts) {
    for (const resource of [...account.roles, ...account.buckets]) {
      resourcesScanned += 1;
      const analysis = analyzeResource(resource, zone, index);
      for (const rule of rules) {
        for (const draft of rule.check(analysis)) findings.push({ ...draft, fingerprint: "" });
      }
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
    readProblems: snapshot.readProblems,
    collectionErrors: snapshot.collectionErrors,
  };
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
