import type { ResourceType } from "../model/resource.js";
import type { RuleId } from "../findings/finding.js";

/** One value or a list of values (any of them matches). */
export type OneOrMany<T> = T | T[];

/** What an archive rule matches; every criterion given must hold. Globs: `*` any run of characters, `?` one. */
export interface ArchiveMatch {
  rule?: OneOrMany<RuleId>;
  /** Resource ARN globs. */
  resource?: OneOrMany<string>;
  resourceType?: OneOrMany<ResourceType>;
  /** The account that owns the resource. */
  account?: OneOrMany<string>;
  principal?: {
    /** An outside account the grant reaches. */
    account?: OneOrMany<string>;
    /** Vendor name globs (known AWS accounts list), case ignored. */
    vendor?: OneOrMany<string>;
    /** Service principal globs. */
    service?: OneOrMany<string>;
    /** Federated provider globs: the ARN, or its last part (an OIDC host, a SAML provider name). */
    provider?: OneOrMany<string>;
  };
  public?: boolean;
}

/** An archive rule of the config (Access Analyzer's archive rules, with a required reason and an expiry). */
export interface ArchiveRule {
  name: string;
  reason: string;
  /** YYYY-MM-DD: the last day (UTC) the rule applies. */
  expires?: string;
  match: ArchiveMatch;
}

export function asList<T>(value: OneOrMany<T> | undefined): T[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** `2026-03-01` for a date: the UTC day that expiry dates are compared with. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** A rule applies through its expiry day (UTC) and matches nothing after it. */
export function hasExpired(rule: Pick<ArchiveRule, "expires">, today: string): boolean {
  return rule.expires !== undefined && rule.expires < today;
}
