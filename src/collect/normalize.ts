import { compareText } from "./errors.js";

/** A JSON value as written to a snapshot. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An SDK Date as the snapshot writes it: ISO 8601 in UTC, without milliseconds when they are zero. */
export function isoTime(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, "Z");
}

// Arrays of API objects are sorted by the first of these keys they have: ARNs first, then names and ids.
// Arrays whose order means something (ACL grants, policy statements) have none of them and keep their order.
const SORT_KEYS = [
  "Arn",
  "PolicyArn",
  "Name",
  "PolicyName",
  "RoleName",
  "UserName",
  "GroupName",
  "InstanceProfileName",
  "VersionId",
  "Key",
  "Id",
  "TargetId",
];

function sortKeyOf(item: Json): string | undefined {
  if (typeof item === "string") return item;
  if (item === null || typeof item !== "object" || Array.isArray(item)) return undefined;
  for (const key of SORT_KEYS) {
    const value = item[key];
    if (typeof value === "string") return value;
  }
  return undefined;
}

function sortArray(items: Json[]): Json[] {
  const keys = items.map(sortKeyOf);
  if (keys.some((key) => key === undefined)) return items;
  return items
    .map((item, index) => ({ item, key: keys[index] as string }))
    .sort((a, b) => compareText(a.key, b.key))
    .map(({ item }) => item);
}

/**
 * An SDK response made ready for a snapshot: `$metadata` and undefined members dropped, Dates as ISO strings,
 * object keys in alphabetical order, arrays sorted by ARN or name. Strings are left alone, so policy documents
 * (still strings here) keep their authors' order once decoded.
 */
export function normalizeApiValue(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return isoTime(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return sortArray(value.map(normalizeApiValue));
  if (typeof value === "object") {
    const out: JsonObject = {};
    for (const key of Object.keys(value).sort(compareText)) {
      const member = (value as Record<string, unknown>)[key];
      if (key === "$metadata" || member === undefined) continue;
      out[key] = normalizeApiValue(member);
    }
    return out;
  }
  return null;
}

export function normalizeApiObject(value: object): JsonObject {
  return normalizeApiValue(value) as JsonObject;
}

/** Why a policy document could not be decoded, for the error record. */
export class UndecodableDocumentError extends Error {
  override readonly name = "MalformedPolicyDocument";
}

/**
 * A policy document as an object. IAM returns documents URL-encoded (RFC 3986), where `{` is `%7B`; S3 and
 * Organizations return plain JSON text, which is never URL-decoded (a `%20` in a value must stay as written).
 */
export function parsePolicyDocument(text: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.trimStart().startsWith("{") ? text : decodeURIComponent(text));
  } catch (error) {
    throw new UndecodableDocumentError(`the policy document is not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new UndecodableDocumentError("the policy document is not a JSON object");
  }
  return parsed as JsonObject;
}
