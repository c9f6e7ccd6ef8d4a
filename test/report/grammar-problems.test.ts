/**
 * A policy outside IAM's grammar is read and judged; each report says where, what AWS expects and how it was
 * judged, apart from the parts that could not be read at all.
 */
import { describe, expect, it } from "vitest";
import type { ReadProblem } from "../../src/model/snapshot.js";
import { renderJson, type JsonReport } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { toSarifLog } from "../../src/report/sarif.js";
import { renderText } from "../../src/report/text.js";
import { ACCOUNT_A_FILE, REPO_ROOT, sampleScanResult } from "./fixtures/scan-results.js";

const GRAMMAR_PROBLEM: ReadProblem = {
  kind: "policy-grammar",
  file: ACCOUNT_A_FILE,
  jsonPath: "$.iam.RoleDetailList[0].AssumeRolePolicyDocument.Statement[0].Effect",
  message:
    'read as "Allow", the reading that reports access: line 9, column 21: expected "Allow" or "Deny", which are ' +
    'case-sensitive (IAM JSON policy elements: Effect), found the string "allow"',
};
const SENTENCE =
  `Policy outside IAM's grammar at ${GRAMMAR_PROBLEM.jsonPath} in ${ACCOUNT_A_FILE}: ` +
  GRAMMAR_PROBLEM.message;

const result = sampleScanResult({ readProblems: [GRAMMAR_PROBLEM], collectionErrors: [] });

describe("a policy grammar problem", () => {
  it("is a text warning naming the file, the JSON path, the expectation and the judgement", () => {
    expect(renderText(result)).toContain(
      `Warnings (the findings may be incomplete)\n  warning: ${SENTENCE}\n`,
    );
  });

  it("is a JSON problem of kind policy-grammar", () => {
    const report = JSON.parse(renderJson(result)) as JsonReport;
    expect(report.problems.readProblems).toEqual([
      {
        kind: "policy-grammar",
        file: GRAMMAR_PROBLEM.file,
        jsonPath: GRAMMAR_PROBLEM.jsonPath,
        message: GRAMMAR_PROBLEM.message,
      },
    ]);
  });

  it("is a Markdown problem of its own kind", () => {
    const escapedPath = GRAMMAR_PROBLEM.jsonPath.replaceAll("[", "\\[").replaceAll("]", "\\]");
    expect(renderMarkdown(result)).toContain(
      `- Policy grammar: Policy outside IAM's grammar at ${escapedPath} in ${ACCOUNT_A_FILE}: `,
    );
  });

  it("is a SARIF tool notification: a warning with its own descriptor, located at the file", () => {
    const log = toSarifLog(result, { repoRoot: REPO_ROOT, cwd: REPO_ROOT });
    expect(log.runs[0]?.invocations?.[0]?.toolExecutionNotifications).toEqual([
      {
        level: "warning",
        message: { text: SENTENCE },
        descriptor: { id: "policy-grammar" },
        locations: [{ physicalLocation: { artifactLocation: { uri: ACCOUNT_A_FILE } } }],
        properties: { jsonPath: GRAMMAR_PROBLEM.jsonPath },
      },
    ]);
  });
});
