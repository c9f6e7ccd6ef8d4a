import type { PolicyDocument } from "../../model/policy.js";
import type { ReadProblem } from "../../model/snapshot.js";
import type { JsonObject } from "../json-node.js";
import { readPolicyDocument } from "../policy-document.js";
import type { PolicyKind } from "../policy-grammar.js";

/**
 * A resource's policy under `key`: an object, or a JSON string as the APIs return it. null is "no policy"; an
 * absent one was not read, and the model reads it as none too: the account's `errors` entry says why.
 */
export function readResourcePolicy(
  entry: JsonObject,
  key: string,
  problems: ReadProblem[],
  kind: Extract<PolicyKind, "resource-policy" | "repository-policy"> = "resource-policy",
): PolicyDocument | null {
  const node = entry.get(key);
  if (node === undefined || node.isNull()) return null;
  return readPolicyDocument(node, { kind, problems });
}
