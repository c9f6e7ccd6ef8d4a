/**
 * KMS grants (AWS KMS Developer Guide, "Grants in AWS KMS"): access to a key given outside its key policy, to a
 * grantee principal, for the grant's operations. A grant has no Principal condition: its constraints
 * (EncryptionContextEquals, EncryptionContextSubset) narrow which requests it allows, never who may make them, so
 * the grantee is judged as a Principal value with no condition (docs/semantics.md#kms). The key policy's Deny
 * statements and the RCPs still apply: "No AWS principal has any permissions to a KMS key unless that permission is
 * provided explicitly and never denied" (AWS KMS Developer Guide, "KMS key access and permissions").
 */
import type { GrantSource } from "../findings/finding.js";
import type { PrincipalEntry } from "../model/policy.js";
import type { KmsGrant, KmsKeyResource } from "../model/resource.js";
import { evaluateGrant, type GrantToEvaluate } from "./access.js";
import { isAccountId } from "./arn.js";
import type { Caller } from "./callers.js";
import type { Control } from "./controls.js";
import type { EvaluationContext } from "./key-values.js";
import { addPrincipalMention, type Mentions } from "./mentions.js";
import { describePrincipalEntry, judgePrincipal, type PrincipalContext } from "./principals.js";
import type { AnalyzedGrant } from "./resource-analysis.js";

/** A grant's principal as a Principal value: a service principal (`dynamodb.amazonaws.com`) or an AWS principal. */
function principalEntry(value: string): PrincipalEntry {
  const trimmed = value.trim();
  const isService = !trimmed.startsWith("arn:") && !isAccountId(trimmed) && trimmed.includes(".");
  return { type: isService ? "Service" : "AWS", value: trimmed };
}

interface GrantUnit {
  grant: KmsGrant;
  index: number;
  entry: PrincipalEntry;
  actions: string[];
  role: "grantee" | "retiring principal";
}

/**
 * The grantee gets the grant's operations; a retiring principal other than the grantee may retire the grant
 * (kms:RetireGrant), which takes the grantee's access away.
 */
function grantUnits(key: KmsKeyResource): GrantUnit[] {
  const units: GrantUnit[] = [];
  (key.grants ?? []).forEach((grant, index) => {
    const actions = [...new Set(grant.operations.map((operation) => `kms:${operation}`))];
    if (grant.granteePrincipal && actions.length > 0)
      units.push({ grant, index, entry: principalEntry(grant.granteePrincipal), actions, role: "grantee" });
    const retiring = grant.retiringPrincipal?.trim();
    if (retiring && retiring !== grant.granteePrincipal.trim())
      units.push({
        grant,
        index,
        entry: principalEntry(retiring),
        actions: ["kms:RetireGrant"],
        role: "retiring principal",
      });
  });
  return units;
}

/** Adds the principals the key's grants name to the parties that need a caller of their own. */
export function addGrantMentions(key: KmsKeyResource, mentions: Mentions): void {
  for (const unit of grantUnits(key)) addPrincipalMention(unit.entry, mentions);
}

export function analyzeKmsGrants(
  key: KmsKeyResource,
  callers: readonly Caller[],
  controls: readonly Control[],
  ctx: EvaluationContext & PrincipalContext,
): AnalyzedGrant[] {
  return grantUnits(key).map((unit): AnalyzedGrant => {
    const { grant } = unit;
    const evaluated: GrantToEvaluate = {
      principals: [judgePrincipal(unit.entry, ctx)],
      conditions: [],
      actions: unit.actions,
      resources: [key.arn],
    };
    const source: GrantSource = {
      kind: "kms-grant",
      index: unit.index,
      location: grant.location,
      identity: `kms-grant:${grant.grantId}${unit.role === "grantee" ? "" : ":retiring"}`,
    };
    return {
      source,
      principalWritten: `KMS grant ${grant.grantId} ${unit.role} ${describePrincipalEntry(unit.entry)}`,
      actionsWritten: unit.actions,
      conditions: [],
      access: evaluateGrant(evaluated, callers, controls, ctx),
      evaluated,
    };
  });
}
