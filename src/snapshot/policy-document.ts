import type { PolicyDocument, Statement } from "../model/policy.js";
import { parseEmbeddedJson } from "./json-file.js";
import type { JsonNode } from "./json-node.js";
import { readStatement } from "./statement.js";

export const EXPECTED_POLICY_DOCUMENT =
  "a policy document: an object, a JSON string or a URL-encoded JSON string";
const DOCUMENT_KEYS = new Set(["Version", "Id", "Statement"]);

/**
 * A policy document written as an object (AWS CLI output, snapshots), a JSON string (GetBucketPolicy,
 * Organizations) or a URL-encoded JSON string (IAM through the SDKs). Statements of a string document
 * are located at the string, the only place in the file that holds them.
 */
export function readPolicyDocument(node: JsonNode): PolicyDocument {
  const documentNode = node.kind === "string" ? decodeDocumentString(node) : node;
  const document = documentNode.object(EXPECTED_POLICY_DOCUMENT);
  for (const key of document.keys()) {
    if (!DOCUMENT_KEYS.has(key)) document.unexpectedKey(key, "a policy element: Version, Id or Statement");
  }
  document.optionalString("Version");
  document.optionalString("Id");
  const expectedStatements = "a statement object or an array of statement objects";
  const statementNode = document.require("Statement", expectedStatements);
  let statements: Statement[];
  if (statementNode.kind === "array") {
    statements = statementNode.array().map((element, index) => readStatement(element, index));
  } else if (statementNode.kind === "object") {
    statements = [readStatement(statementNode, 0)];
  } else {
    return statementNode.fail(expectedStatements);
  }
  return { statements, location: node.location };
}

function decodeDocumentString(node: JsonNode): JsonNode {
  const text = node.string().trim();
  if (text.startsWith("{")) return parseEmbeddedJson(text, node, EXPECTED_POLICY_DOCUMENT);
  if (text.includes("%")) {
    let decoded: string;
    try {
      // decodeURIComponent, not a form decoder: IAM escapes "+" as %2B, and a literal "+" is data.
      decoded = decodeURIComponent(text).trim();
    } catch {
      return node.fail(EXPECTED_POLICY_DOCUMENT, "a string with an invalid %-escape");
    }
    if (decoded.startsWith("{")) return parseEmbeddedJson(decoded, node, EXPECTED_POLICY_DOCUMENT);
  }
  return node.fail(EXPECTED_POLICY_DOCUMENT);
}
