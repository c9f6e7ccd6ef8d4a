import type { PrincipalEntry } from "../model/policy.js";
import type { JsonNode } from "./json-node.js";

const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;
type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

const EXPECTED_PRINCIPAL = '"*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"}';

/** A Principal or NotPrincipal element: `"*"` (≡ `{"AWS": "*"}`) or an object of type → string or array. */
export function readPrincipal(node: JsonNode): PrincipalEntry[] {
  if (node.kind === "string") {
    if (node.string() !== "*") node.fail(EXPECTED_PRINCIPAL);
    return [{ type: "AWS", value: "*" }];
  }
  const principal = node.object(EXPECTED_PRINCIPAL);
  const entries: PrincipalEntry[] = [];
  for (const [key, valueNode] of principal.entries()) {
    const type = isPrincipalType(key)
      ? key
      : principal.unexpectedKey(key, "a principal type: AWS, Service, Federated or CanonicalUser");
    for (const value of valueNode.stringList()) entries.push({ type, value });
  }
  return entries;
}

function isPrincipalType(key: string): key is PrincipalType {
  return (PRINCIPAL_TYPES as readonly string[]).includes(key);
}
