import type { PolicyDocument } from "../model/policy.js";
import { parseEmbeddedJson } from "./json-file.js";
import { describeValue, type JsonNode, type JsonSource } from "./json-node.js";
import {
  AWS_PAGE,
  foundKey,
  grammarProblem,
  placeOf,
  placeOfKey,
  type Place,
  type PolicyReading,
} from "./policy-grammar.js";
import { readStatement, statementAt } from "./statement.js";

export const EXPECTED_POLICY_DOCUMENT =
  "a policy document: an object, a JSON string or a URL-encoded JSON string";
const DOCUMENT_KEYS = new Set(["Version", "Id", "Statement"]);
const VERSIONS = new Set(["2012-10-17", "2008-10-17"]);

/**
 * A policy document written as an object (AWS CLI output, snapshots), a JSON string (GetBucketPolicy,
 * Organizations) or a URL-encoded JSON string (IAM through the SDKs). Statements of a string document
 * are located at the string, the only place in the file that holds them.
 *
 * A document that is not one, or has no Statement, throws an InputError. Anything else outside IAM's grammar is
 * recorded in `reading.problems` and judged toward reporting access (docs/policy-grammar.md): one bad statement
 * never stops the rest.
 */
export function readPolicyDocument(node: JsonNode, reading: PolicyReading): PolicyDocument {
  // The roles of an account share few trust policies: a document written as one already read in the same file,
  // that was read from its value alone (no grammar problem, no number or key order looked up in the text), is
  // that reading again, at its own place.
  if (node.kind !== "object" || node.source.host) return readDocument(node, reading);
  let read = readDocuments.get(node.source);
  if (!read) readDocuments.set(node.source, (read = new Map()));
  let key: string;
  try {
    key = `${reading.kind}\u0000${JSON.stringify(node.value)}`;
  } catch {
    // Nested too deeply for JSON.stringify's recursion (JSON.parse has none): read as it is.
    return readDocument(node, reading);
  }
  const known = read.get(key);
  if (known) return relocated(known, node);
  const problems = reading.problems.length;
  const lookups = node.source.textLookups;
  const document = readDocument(node, reading);
  if (reading.problems.length === problems && node.source.textLookups === lookups) read.set(key, document);
  return document;
}

/** Documents read from each file, by kind and value. */
const readDocuments = new WeakMap<JsonSource, Map<string, PolicyDocument>>();

function relocated(document: PolicyDocument, node: JsonNode): PolicyDocument {
  const statementNode = node.object().require("Statement", "");
  const elements = statementNode.kind === "array" ? statementNode.array() : [statementNode];
  return {
    statements: document.statements.map((statement) =>
      statementAt(statement, (elements[statement.index] as JsonNode).deferredLocation()),
    ),
    location: node.deferredLocation(),
  };
}

function readDocument(node: JsonNode, reading: PolicyReading): PolicyDocument {
  const documentNode = node.kind === "string" ? decodeDocumentString(node) : node;
  const document = documentNode.object(EXPECTED_POLICY_DOCUMENT);
  const problem = (place: Place, expected: string, found: string, judgement: string) =>
    reading.problems.push(grammarProblem(place, expected, found, judgement));
  for (const key of document.keys()) {
    if (DOCUMENT_KEYS.has(key)) continue;
    const expected = `a policy element: Version, Id or Statement, spelt with this case (${AWS_PAGE.grammar})`;
    problem(placeOfKey(document, key), expected, foundKey(key), `${JSON.stringify(key)} ignored`);
  }
  const version = document.get("Version");
  if (version && !version.isNull() && !(version.kind === "string" && VERSIONS.has(version.string()))) {
    const expected = `"2012-10-17" (or the older "2008-10-17") (${AWS_PAGE.version})`;
    problem(placeOf(version), expected, describeValue(version), "the statements are judged as written");
  }
  const id = document.get("Id");
  if (id && !id.isNull() && id.kind !== "string") {
    problem(placeOf(id), `a string (${AWS_PAGE.id})`, describeValue(id), "Id ignored");
  }
  const expectedStatements = "a statement object or an array of statement objects";
  const statementNode = document.require("Statement", expectedStatements);
  let elements: JsonNode[];
  if (statementNode.kind === "array") elements = statementNode.array();
  else if (statementNode.kind === "object") elements = [statementNode];
  else return statementNode.fail(expectedStatements);
  reportDuplicateSids(elements, reading);
  const statements = elements.flatMap((element, index) => readStatement(element, index, reading) ?? []);
  return { statements, location: node.deferredLocation() };
}

/** IAM wants each Sid once per policy; both statements are still judged, each as written. */
function reportDuplicateSids(elements: JsonNode[], reading: PolicyReading): void {
  const firstIndex = new Map<string, number>();
  elements.forEach((element, index) => {
    const sidNode = element.kind === "object" ? element.object().get("Sid") : undefined;
    if (sidNode?.kind !== "string" || sidNode.string() === "") return;
    const sid = sidNode.string();
    const first = firstIndex.get(sid);
    if (first === undefined) {
      firstIndex.set(sid, index);
      return;
    }
    reading.problems.push(
      grammarProblem(
        placeOf(sidNode),
        `a Sid unique within the policy (${AWS_PAGE.sid})`,
        `${describeValue(sidNode)}, the Sid of statement ${first} too`,
        "both statements are judged as written",
      ),
    );
  });
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
