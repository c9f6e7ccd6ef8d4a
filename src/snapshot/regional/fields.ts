import { ACCOUNT_ID } from "../arn.js";
import type { JsonNode, JsonObject } from "../json-node.js";

/** A string that must be one of `values`, as the API's enumeration spells it. */
export function readOneOf<T extends string>(entry: JsonObject, key: string, values: readonly T[]): T {
  const expected = values.map((value) => JSON.stringify(value)).join(" or ");
  const node = entry.require(key, expected);
  const text = node.string(expected);
  return (values as readonly string[]).includes(text) ? (text as T) : node.fail(expected);
}

/** A list that may be left out: absent or null (not read) is undefined. */
export function optionalList(entry: JsonObject, key: string, expected: string): JsonNode[] | undefined {
  const node = entry.get(key);
  return node === undefined || node.isNull() ? undefined : node.array(expected);
}

/** A twelve-digit account id. */
export function readAccountId(node: JsonNode): string {
  const expected = "a 12-digit AWS account id";
  const text = node.string(expected);
  return ACCOUNT_ID.test(text) ? text : node.fail(expected);
}

/** An account id that may be absent, and must be twelve digits when it is there. */
export function optionalAccountId(entry: JsonObject, key: string): string | undefined {
  const node = entry.get(key);
  return node === undefined || node.isNull() ? undefined : readAccountId(node);
}

/**
 * An owner id the API gives beside a resource (EC2's OwnerId): absent is fine, another account than the file's
 * would put the resource in the wrong zone of trust.
 */
export function checkOwner(entry: JsonObject, key: string, accountId: string): void {
  const node = entry.get(key);
  if (node === undefined || node.isNull()) return;
  if (readAccountId(node) !== accountId) node.fail(`account ${accountId} (the account of the file)`);
}
