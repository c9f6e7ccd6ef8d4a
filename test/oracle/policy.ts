/** Test helper: a policy document in the model, read the way the snapshot readers read a file. */
import type { PolicyDocument } from "../../src/model/policy.js";
import type { ReadProblem } from "../../src/model/snapshot.js";
import { parseJson } from "../../src/snapshot/json-file.js";
import { readPolicyDocument } from "../../src/snapshot/policy-document.js";
import type { PolicyKind } from "../../src/snapshot/policy-grammar.js";

export function policyDocument(json: unknown, kind: PolicyKind = "bucket-policy"): PolicyDocument {
  const problems: ReadProblem[] = [];
  return readPolicyDocument(parseJson(JSON.stringify(json), "oracle-case.json"), { kind, problems });
}
