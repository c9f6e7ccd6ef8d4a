/** Test helper: a policy document in the model, read the way the snapshot readers read a file. */
import type { PolicyDocument } from "../../src/model/policy.js";
import { parseJson } from "../../src/snapshot/json-file.js";
import { readPolicyDocument } from "../../src/snapshot/policy-document.js";

export function policyDocument(json: unknown): PolicyDocument {
  return readPolicyDocument(parseJson(JSON.stringify(json), "oracle-case.json"));
}
