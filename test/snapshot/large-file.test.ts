import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readSnapshot } from "../../src/snapshot/index.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { fixture } from "./fixture-paths.js";
import { TempSnapshots } from "./temp-snapshot.js";

const temp = new TempSnapshots();
afterAll(() => temp.cleanup());
afterEach(() => vi.unstubAllEnvs());

const LIMIT_VARIABLE = "TRUSTSCAN_PARSE_MEMORY_LIMIT";
const MANAGEMENT = "accounts/111122223333.json";
const MEMBER = "accounts/444455556666.json";
const DUMP = fixture("aws-cli-get-account-authorization-details.json");

type Json = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const at = (json: Json) => json as any;
let management: Json;
let member: Json;
let dump: Json;

beforeAll(async () => {
  management = JSON.parse(await readFile(join(fixture("valid"), MANAGEMENT), "utf8")) as Json;
  member = JSON.parse(await readFile(join(fixture("valid"), MEMBER), "utf8")) as Json;
  dump = JSON.parse(await readFile(DUMP, "utf8")) as Json;
});

/** `json` with its first role copied `count` times under new names. */
function withRoles(json: Json, list: (json: Json) => Json[], count: number, account: string): Json {
  const copy = structuredClone(json);
  const roles = list(copy);
  const [first] = roles;
  for (let index = 0; index < count; index += 1) {
    roles.push({
      ...structuredClone(first),
      RoleName: `copy-${index}`,
      Arn: `arn:aws:iam::${account}:role/copy-${index}`,
    });
  }
  return copy;
}

const managementRoles = (json: Json): Json[] => at(json).iam.RoleDetailList;

describe("a file too large to parse is a read problem, never a heap abort", () => {
  it("refuses an account file by its size before reading it, and scans the other accounts", async () => {
    vi.stubEnv(LIMIT_VARIABLE, "100000");
    const big = JSON.stringify(withRoles(management, managementRoles, 40, "111122223333"), null, 2);
    const dir = await temp.variant({ [MANAGEMENT]: big });
    const size = Buffer.byteLength(big);
    expect(size * 4).toBeGreaterThan(100_000);
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["444455556666"]);
    expect(snapshot.readProblems).toEqual([
      {
        file: join(dir, MANAGEMENT),
        jsonPath: "$",
        message:
          "account 111122223333 skipped: expected JSON that parses within 97.7 KiB of memory " +
          `(set by ${LIMIT_VARIABLE}), found a file of ${(size / 1024).toFixed(1)} KiB, which needs at least ` +
          `${((size * 4) / 1024).toFixed(1)} KiB to parse; raise ${LIMIT_VARIABLE} to read it`,
      },
    ]);
  });

  it("refuses a file whose text fits but whose syntax tree would not", async () => {
    // Short text, many values: a minified file of small entries.
    const dense = JSON.stringify(withRoles(management, managementRoles, 20, "111122223333"));
    vi.stubEnv(LIMIT_VARIABLE, "100000");
    expect(Buffer.byteLength(dense) * 4).toBeLessThan(100_000);
    const dir = await temp.variant({ [MANAGEMENT]: dense });
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts.map((account) => account.accountId)).toEqual(["444455556666"]);
    expect(snapshot.readProblems).toHaveLength(1);
    expect(snapshot.readProblems[0]?.message).toMatch(
      new RegExp(
        `^account 111122223333 skipped: expected JSON that parses within [\\d.]+ KiB of memory \\(set by ${LIMIT_VARIABLE}\\), ` +
          `found [\\d,]+ JSON values in ${dense.length.toLocaleString("en-US")} characters, which needs about [\\d.]+ KiB to parse; raise ${LIMIT_VARIABLE} to read it$`,
      ),
    );
  });

  it("skips a bucket whose policy string holds more JSON than the budget allows", async () => {
    const copy = structuredClone(member);
    const statement = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" };
    at(copy).s3.Buckets[0].Policy = JSON.stringify({ Statement: Array(60).fill(statement) });
    const text = JSON.stringify(copy, null, 2);
    vi.stubEnv(LIMIT_VARIABLE, String(text.length * 4 + 400 * 320));
    const dir = await temp.variant({ [MEMBER]: text });
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts[1]?.buckets.map((bucket) => bucket.name)).toEqual(["logs-archive-444455556666"]);
    expect(snapshot.readProblems).toMatchObject([
      { file: join(dir, MEMBER), jsonPath: "$.s3.Buckets[0].Policy" },
    ]);
    expect(snapshot.readProblems[0]?.message).toMatch(/found a string holding [\d,]+ JSON values in/);
  });

  it("makes a dump over the limit exit 2 with the message, writing nothing", async () => {
    vi.stubEnv(LIMIT_VARIABLE, "20000");
    const dir = await temp.emptyDir();
    const output = join(dir, "report.json");
    const run = await runTrustscan(["scan", DUMP, "--format", "json", "--output", output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(
        `^trustscan: ${DUMP}: \\$: expected JSON that parses within 19\\.5 KiB of memory \\(set by ${LIMIT_VARIABLE}\\), found `,
      ),
    );
    expect(existsSync(output)).toBe(false);
  });

  it("rejects an override that is not a number of bytes", async () => {
    vi.stubEnv(LIMIT_VARIABLE, "2G");
    await expect(readSnapshot(DUMP)).rejects.toThrow(
      `${LIMIT_VARIABLE} must be a whole number of bytes, got "2G"`,
    );
  });

  it("derives the limit from Node's heap: a small heap refuses a large dump with advice, exit 2", async () => {
    // ~4 MB of roles: the syntax tree needs well over the 48 MiB old space this child gets, which used
    // to end in "JavaScript heap out of memory" (signal 6, exit 134).
    const big = withRoles(dump, (json) => at(json).RoleDetailList, 3_500, "123456789012");
    const file = join(await temp.emptyDir(), "large-dump.json");
    await writeFile(file, JSON.stringify(big));
    const env = { ...process.env };
    delete env[LIMIT_VARIABLE];
    const child = spawnSync(
      process.execPath,
      ["--max-old-space-size=48", "--import", "tsx", "src/cli.ts", "scan", file, "--format", "json"],
      { encoding: "utf8", env, timeout: 60_000 },
    );
    expect(child.signal).toBeNull();
    expect(child.status).toBe(2);
    expect(child.stdout).toBe("");
    expect(child.stderr).toMatch(
      new RegExp(
        `^trustscan: ${file}: \\$: expected JSON that parses within [\\d.]+ MiB of memory \\(half of Node's heap limit of [\\d.]+ MiB\\), ` +
          `found [\\d,]+ JSON values in [\\d,]+ characters, which needs about [\\d.]+ MiB to parse; ` +
          `to read it, run trustscan with NODE_OPTIONS=--max-old-space-size=\\d+\\n$`,
      ),
    );
  });
});

describe("one file's problems are listed up to a hundred, the rest counted", () => {
  it("lists 100 skipped roles of 150 and counts the other 50, keeping the good role", async () => {
    const copy = withRoles(management, managementRoles, 150, "111122223333");
    for (const role of managementRoles(copy).slice(1)) delete at(role).AssumeRolePolicyDocument;
    const dir = await temp.variant({ [MANAGEMENT]: JSON.stringify(copy, null, 2) });
    const snapshot = await readSnapshot(dir);
    expect(snapshot.accounts[0]?.roles.map((role) => role.name)).toEqual(["deployer"]);
    expect(snapshot.readProblems).toHaveLength(101);
    expect(snapshot.readProblems[99]?.message).toMatch(/^role copy-99 skipped: /);
    expect(snapshot.readProblems[100]).toEqual({
      file: join(dir, MANAGEMENT),
      jsonPath: "$",
      message: "50 more parts of this file skipped (the first 100 are listed)",
    });
  });
});
