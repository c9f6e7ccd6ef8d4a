import type { SourceLocation } from "../model/location.js";
import type { ResourceType } from "../model/resource.js";
import type { ArchiveMark, BaselineMark } from "./lifecycle.js";

export const RULE_IDS = [
  "public-access",
  "external-access",
  "missing-external-id",
  "confused-deputy",
  "unscoped-federation",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A guardrail outside the granting statement that takes the access away (reported as a SARIF suppression). */
export interface CancellingControl {
  kind: "deny-statement" | "block-public-access" | "resource-control-policy";
  /** e.g. `Deny statement "DenyOutsideOrg"`, `bucket Block Public Access RestrictPublicBuckets`, `RCP p-abc (name)`. */
  name: string;
  justification: string;
}

/** Where the grant that a finding is about is written: a policy statement, an ACL grant, a KMS grant or a share entry. */
export interface GrantSource {
  /** `share`: one entry of a snapshot's or image's share attribute (createVolumePermission, launchPermission, restore). */
  kind: "statement" | "acl-grant" | "kms-grant" | "share";
  /** Statement, grant or share entry index in its array. */
  index: number;
  sid?: string;
  location: SourceLocation;
  /** Stable across re-export: the Sid, else a hash of the statement's canonical form. */
  identity: string;
}

export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  /** One sentence a person can act on: the resource, the outside party and the missing control. */
  message: string;
  resource: { arn: string; type: ResourceType; accountId: string; name: string };
  principal: {
    /** As written in the policy, e.g. `{"AWS": "arn:aws:iam::999999999999:root"}`. */
    written: string;
    /** As judged, e.g. `anyone`, `account 999999999999`, `organization o-abc`, `service sns.amazonaws.com`. */
    judged: string;
    /** Outside accounts the grant reaches, when known. */
    accounts?: string[];
  };
  actions: string[];
  /** Conditions that still apply to the outside party, rendered like `StringEquals aws:SecureTransport = true`. */
  conditions: string[];
  isPublic: boolean;
  source: GrantSource;
  /** Empty when the finding is active. */
  cancelledBy: CancellingControl[];
  /** `<16 hex>:1`, from rule id, resource ARN, grant identity and principal; unique per rule within a scan. */
  fingerprint: string;
  /** Set when an archive rule of the config accepts the finding (src/archive). */
  archived?: ArchiveMark;
  /** Set when the scan is compared with a baseline (src/baseline). */
  baseline?: BaselineMark;
}

export function isActive(finding: Finding): boolean {
  return finding.cancelledBy.length === 0;
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

/** GitHub's `security-severity` scores (SARIF-GITHUB.md). */
export const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "2.0",
};
