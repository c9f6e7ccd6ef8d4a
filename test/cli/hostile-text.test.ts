// Snapshot text is attacker-controlled: a role or bucket name, or an AWS error message, may hold terminal
// escape sequences, line breaks and GitHub workflow commands. None of it may act on a terminal or a CI log.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { accountDocument, writeSnapshotDir } from "./support/snapshot-dir.js";

const ACCOUNT = "111122223333";
const OTHER = "444455556666";
const PAYLOAD =
  "\u001b[2J\u001b]0;owned\u0007\n::error title=injected::from a role name\r\n::add-mask::trustscan\u2028" +
  "::stop-commands::t0k3n\u202Eevil\u2066 ##[error]legacy\u007f\u009b31m";
const ROLE = `x${PAYLOAD}`;
const BROKEN_ROLE = `broken${PAYLOAD}`;
const BUCKET = `arn:aws:s3:::bucket${PAYLOAD}`;

// Everything safeText makes visible; a line feed is allowed only as the channel's own line end.
/* eslint-disable no-control-regex */
const UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/* eslint-enable no-control-regex */

function expectInert(channel: string): void {
  expect(channel).not.toMatch(UNSAFE);
  expect(channel).not.toContain("##[");
  for (const line of channel.split("\n")) expect(line.trimStart().startsWith("::")).toBe(false);
}

let parent: string;
let snapshot: string;

beforeAll(async () => {
  parent = await mkdtemp(join(tmpdir(), "trustscan-hostile-"));
  const document = accountDocument(ACCOUNT, {
    roles: [{ name: ROLE, principal: "*" }],
    errors: [
      {
        service: "s3",
        operation: "GetBucketPolicy",
        resource: BUCKET,
        code: "AccessDenied",
        message: PAYLOAD,
      },
    ],
  }) as { iam: { RoleDetailList: unknown[] } };
  // A role whose trust policy cannot be read: its name reaches the read-problem warning.
  document.iam.RoleDetailList.push({
    RoleName: BROKEN_ROLE,
    Arn: `arn:aws:iam::${ACCOUNT}:role/${BROKEN_ROLE}`,
    AssumeRolePolicyDocument: 42,
  });
  snapshot = await writeSnapshotDir({ accounts: { [OTHER]: {} } }, parent);
  await writeFile(join(snapshot, "accounts", `${ACCOUNT}.json`), JSON.stringify(document, null, 2));
  await writeFile(
    join(snapshot, "snapshot.json"),
    JSON.stringify({ format: "trustscan-snapshot", version: 1, accounts: [ACCOUNT, OTHER], errors: [] }),
  );
});

afterAll(async () => rm(parent, { recursive: true, force: true }));

const scan = (...args: string[]) =>
  runTrustscan([
    "scan",
    snapshot,
    "--fail-on",
    "none",
    "--allow-incomplete",
    "--repo-root",
    dirname(snapshot),
    ...args,
  ]);

describe("hostile names and messages", () => {
  it("text report and standard error: shown, escaped, inert", async () => {
    const run = await scan("--format", "text");
    expect(run.code).toBe(0);
    expectInert(run.stdout);
    expectInert(run.stderr);
    expect(run.stdout).toContain(
      `role/x\\x1B[2J\\x1B]0;owned\\x07\\n::error title=injected::from a role name\\r\\n`,
    );
    expect(run.stdout).toContain("\\u202Eevil\\u2066 #\\x23[error]legacy\\x7F\\x9B31m");
    // The unreadable role and the collection error are on standard error, escaped alike.
    expect(run.stderr).toContain("role broken\\x1B[2J\\x1B]0;owned\\x07\\n::error title=injected::");
    expect(run.stderr).toContain("1 collection error(s)");
    expect(run.stdout).toContain("failed with AccessDenied: \\x1B[2J");
  });

  it("text report in colour: only its own escape sequences", async () => {
    const run = await runTrustscan(
      ["scan", snapshot, "--fail-on", "none", "--allow-incomplete", "--format", "text"],
      process.cwd(),
      true,
    );
    // eslint-disable-next-line no-control-regex
    expectInert(run.stdout.replace(/\u001b\[[0-9;]*m/g, ""));
  });

  it("Markdown: escaped for Markdown on top, inert", async () => {
    const run = await scan("--format", "markdown");
    expectInert(run.stdout);
    // In a code span (the ARN) backslashes are literal; in a table cell (the message) they are escaped.
    expect(run.stdout).toContain(
      "`arn:aws:iam::111122223333:role/x\\x1B[2J\\x1B]0;owned\\x07\\n::error title=",
    );
    expect(run.stdout).toContain("| Role x\\\\x1B\\[2J\\\\x1B\\]0;owned\\\\x07\\\\n::error title=injected::");
    expect(run.stdout).toContain(
      "- Collection error: Collection of s3:GetBucketPolicy on arn:aws:s3:::bucket\\\\x1B",
    );
    expect(run.stdout).toContain("- Read problem: ");
  });

  it("JSON: valid, with the names exactly as they are", async () => {
    const run = await scan("--format", "json");
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: { resource: { name: string } }) => f.resource.name)).toContain(ROLE);
    expect(report.problems.collectionErrors[0].message).toBe(PAYLOAD);
    expect(report.problems.collectionErrors[0].resource).toBe(BUCKET);
  });

  it("SARIF: valid, and accepted by GitHub's rules", async () => {
    const run = await scan("--format", "sarif");
    const log = JSON.parse(run.stdout);
    expect(validateSarifSchema(log)).toEqual([]);
    expect(
      errorsOf(checkGithubRules(log, dirname(snapshot), { requireFingerprints: true, text: run.stdout })),
    ).toEqual([]);
    expect(log.runs[0].results[0].message.text).toContain(ROLE);
  });
});
