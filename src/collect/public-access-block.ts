import type { JsonObject } from "./normalize.js";

/** A Block Public Access configuration as the S3 and S3 Control APIs return it (buckets, accounts, access points). */
export interface PublicAccessBlockSettings {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

/** The four settings in the API's order; a setting absent from the answer stays absent. */
export function publicAccessBlock(config: PublicAccessBlockSettings | undefined): JsonObject {
  const out: JsonObject = {};
  for (const key of [
    "BlockPublicAcls",
    "IgnorePublicAcls",
    "BlockPublicPolicy",
    "RestrictPublicBuckets",
  ] as const) {
    const value = config?.[key];
    if (typeof value === "boolean") out[key] = value;
  }
  return out;
}
