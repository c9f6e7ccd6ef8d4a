/**
 * Trust policies written the same way more than once in a file are read once (readPolicyDocument): each role still
 * gets its own statement locations, its own grammar problems and its numbers as written, exactly as if every
 * policy were read on its own.
 */
import { describe, expect, it } from "vitest";
import type { ReadProblem } from "../../src/model/index.js";
import { parseJson, readPolicyDocument } from "../../src/snapshot/index.js";

const FILE = "accounts/111122223333.json";
const assume = { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" };
const mfa = (age: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"}, ` +
  `"Action": "sts:AssumeRole", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ${age}}}}]}`;
const lowercase = JSON.stringify({ Version: "2012-10-17", Statement: [{ ...assume, Effect: "allow" }] });

/** The documents of a file, one per line, some written the same way as others (whitespace aside). */
const DOCUMENTS = [
  JSON.stringify({ Version: "2012-10-17", Statement: [assume] }),
  JSON.stringify({ Version: "2012-10-17", Statement: [assume] }, null, 4),
  JSON.stringify({ Version: "2012-10-17", Statement: assume }),
  JSON.stringify({ Version: "2012-10-17", Statement: assume }),
  mfa("3600"),
  mfa("3600.0"),
  mfa("3600"),
  lowercase,
  lowercase,
  JSON.stringify({ Version: "2012-10-17", Statement: [assume] }),
];
const TEXT = `{"roles": [\n${DOCUMENTS.join(",\n")}\n]}`;

/** Each document read from one source (deferred locations, resolved at the end), as a scan reads a file. */
function readTogether() {
  const root = parseJson(TEXT, FILE, { deferLocations: true });
  const problems: ReadProblem[][] = [];
  const documents = root
    .object()
    .require("roles", "")
    .array()
    .map((node) => {
      const own: ReadProblem[] = [];
      problems.push(own);
      return readPolicyDocument(node, { kind: "trust-policy", problems: own });
    });
  root.source.resolveLocations();
  return { documents, problems };
}

/** Each document read on its own, from a source of its own, located as it is read. */
function readAlone(index: number) {
  const root = parseJson(TEXT, FILE);
  const node = root.object().require("roles", "").array()[index];
  if (!node) throw new Error(`no document ${index}`);
  const problems: ReadProblem[] = [];
  return { document: readPolicyDocument(node, { kind: "trust-policy", problems }), problems };
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe("readPolicyDocument: a policy written the same way again in a file", () => {
  it("is read as if it were read on its own: locations, problems and numbers as written", () => {
    const together = readTogether();
    DOCUMENTS.forEach((_, index) => {
      const alone = readAlone(index);
      expect(plain(together.documents[index]), `document ${index}`).toEqual(plain(alone.document));
      expect(together.problems[index], `problems of document ${index}`).toEqual(alone.problems);
    });
    // The statements of equal policies are at their own lines.
    const line = (index: number) => together.documents[index]?.statements[0]?.location.startLine;
    expect(line(9)).toBeGreaterThan(line(0) ?? 0);
    expect(together.documents[5]?.statements[0]?.conditions[0]?.values).toEqual(["3600.0"]);
    expect(together.problems[8]?.[0]?.jsonPath).toBe("$.roles[8].Statement[0].Effect");
  });
});
