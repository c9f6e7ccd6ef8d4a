import type { PublicAccessBlock } from "../model/resource.js";
import type { JsonNode } from "./json-node.js";

const SETTINGS = [
  "BlockPublicAcls",
  "IgnorePublicAcls",
  "BlockPublicPolicy",
  "RestrictPublicBuckets",
] as const;

/**
 * A Block Public Access element, keeping the difference the model needs: absent (could not be read) →
 * undefined, null (no configuration) → null. A setting missing from the object is false, as in the S3 API.
 */
export function readPublicAccessBlock(node: JsonNode | undefined): PublicAccessBlock | null | undefined {
  if (node === undefined) return undefined;
  if (node.isNull()) return null;
  const block = node.object("a Block Public Access object or null");
  const settings = {} as PublicAccessBlock;
  for (const setting of SETTINGS) settings[setting] = block.get(setting)?.boolean() ?? false;
  return settings;
}
