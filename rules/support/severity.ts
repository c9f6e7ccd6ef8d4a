import { s3AccessLevel, type AccessLevel } from "../../src/analysis/actions.js";
import type { Severity } from "../../src/findings/finding.js";
import type { Resource } from "../../src/model/resource.js";
import { ACTIONS_OF_TYPE, isPolicyResource } from "../../src/analysis/services/policy-resource-types.js";
import { levelOfActionPatterns } from "../../src/analysis/services/service-actions.js";
import { isSharedResource } from "../../src/analysis/share-types.js";

/**
 * The severity model (README "Severity"): who gets in (anyone > outside parties > outside parties confined to a
 * network) and what they get (changing permissions, writing, assuming a role > reading).
 */
export function accessLevelOf(resource: Resource, actions: readonly string[]): AccessLevel {
  if (resource.type === "AWS::IAM::Role") return "assume";
  // A share lets an account copy or restore the resource: it reads all of it (src/analysis/share-types.ts).
  if (isSharedResource(resource)) return "read";
  // Another policy-based resource: its service's table from the Service Authorization Reference.
  if (isPolicyResource(resource)) return levelOfActionPatterns(ACTIONS_OF_TYPE[resource.type], actions);
  return s3AccessLevel(actions);
}

const BY_REACH: Record<"public" | "external" | "network", Record<"read" | "more", Severity>> = {
  public: { more: "critical", read: "high" },
  external: { more: "high", read: "medium" },
  network: { more: "medium", read: "low" },
};

export function severityFor(reach: "public" | "external" | "network", level: AccessLevel): Severity {
  return BY_REACH[reach][level === "read" ? "read" : "more"];
}
