import { hash } from "node:crypto";

/** Fingerprint of a finding, in the `<16 hex>:1` form GitHub expects for primaryLocationLineHash. */
export function fingerprintOf(parts: {
  ruleId: string;
  resourceArn: string;
  grantIdentity: string;
  principal: string;
}): string {
  const basis = [parts.ruleId, parts.resourceArn, parts.grantIdentity, parts.principal].join("\u0000");
  return `${shortHash(basis)}:1`;
}

/** The first 16 hex digits of the text's SHA-256 (one-shot hashing: a scan hashes every finding). */
export function shortHash(text: string): string {
  return hash("sha256", text, "hex").slice(0, 16);
}
