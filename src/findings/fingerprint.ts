import { createHash } from "node:crypto";

/** Fingerprint of a finding, in the `<16 hex>:1` form GitHub expects for primaryLocationLineHash. */
export function fingerprintOf(parts: {
  ruleId: string;
  resourceArn: string;
  grantIdentity: string;
  principal: string;
}): string {
  const basis = [parts.ruleId, parts.resourceArn, parts.grantIdentity, parts.principal].join("\u0000");
  return `${createHash("sha256").update(basis).digest("hex").slice(0, 16)}:1`;
}

export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
