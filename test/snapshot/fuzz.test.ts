/**
 * Seeded fuzzing of the snapshot readers: mutated snapshot directories and dump files must end in an
 * InputError naming the file (exit 2, nothing written) or in a scan that reports what it could not read;
 * never another exception, a hang, or a partial output file.
 *
 *   TRUSTSCAN_FUZZ_RUNS=5000 npx vitest run test/snapshot/fuzz.test.ts   # a longer run
 *   TRUSTSCAN_FUZZ_SEED=1234 ...                                          # other cases
 *
 * A failing case names its seed and number; the same seed and run count reproduce it.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Snapshot } from "../../src/model/snapshot.js";
import { InputError, readSnapshot } from "../../src/snapshot/index.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { fixture } from "./fixture-paths.js";
import { MUTATIONS, type Mutation } from "./fuzz/mutations.js";
import { Random } from "./fuzz/random.js";

const SEED = Number(process.env.TRUSTSCAN_FUZZ_SEED ?? 20261130);
const RUNS = Number(process.env.TRUSTSCAN_FUZZ_RUNS ?? 160);
/** A case that has not finished by then is reported as a hang (no mutation takes near this long). */
const HANG_SECONDS = 20;
/** Every how many cases the in-process CLI runs too, checking exit status and output file. */
const CLI_EVERY = 4;

interface Source {
  name: string;
  /** The path given to the reader: a directory, or the dump file itself. */
  target: string;
  /** Files that may be mutated, relative to the source's directory (for a dump: its own name). */
  files: string[];
  /** Original bytes of each file. */
  originals: Map<string, Buffer>;
  baseline: Snapshot;
  directory: string;
  isDump: boolean;
}

interface Case {
  index: number;
  source: Source;
  file: string;
  mutation: Mutation;
}

const sources: Source[] = [];
let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), "trustscan-fuzz-"));
  for (const [name, from] of [
    ["valid", fixture("valid")],
    ["example-org", "snapshots/example-org"],
    // Version 2: every regional list, MRAPs and EC2's block public access states.
    ["regional", fixture("regional")],
  ] as const) {
    const directory = join(workDir, name);
    await cp(from, directory, { recursive: true });
    const accounts = (await readdir(join(directory, "accounts"))).map((file) => join("accounts", file));
    const organization = existsSync(join(directory, "organization.json")) ? ["organization.json"] : [];
    const files = ["snapshot.json", ...organization, ...accounts];
    sources.push(await sourceOf(name, directory, directory, files, false));
  }
  for (const dump of [
    "aws-cli-get-account-authorization-details.json",
    "authorization-details-encoded.json",
    "cloudsplaining-example.json",
  ]) {
    const directory = join(workDir, basename(dump, ".json"));
    await cp(fixture(dump), join(directory, dump), { recursive: true });
    sources.push(await sourceOf(dump, join(directory, dump), directory, [dump], true));
  }
});

afterAll(() => rm(workDir, { recursive: true, force: true }));

async function sourceOf(
  name: string,
  target: string,
  directory: string,
  files: string[],
  isDump: boolean,
): Promise<Source> {
  const originals = new Map<string, Buffer>();
  for (const file of files) originals.set(file, await readFile(join(directory, file)));
  return { name, target, files, originals, baseline: await readSnapshot(target), directory, isDump };
}

/** The cases, generated from the seed alone: case N is the same whatever runs before it. */
function caseOf(index: number): Case {
  const random = new Random(SEED + index * 7919);
  // The large cloudsplaining dump is slow to parse: one case in ten.
  const slow = sources.filter((candidate) => candidate.name === "cloudsplaining-example.json");
  const source =
    random.int(10) === 0 ? slow[0]! : random.pick(sources.filter((candidate) => !slow.includes(candidate)));
  const file = random.pick(source.files);
  const text = source.originals.get(file)!.toString("utf8");
  const mutation = random.pick(Object.values(MUTATIONS))(random, text);
  return { index, source, file, mutation };
}

function describeCase(item: Case): string {
  return (
    `fuzz case ${item.index} (seed ${SEED}; rerun with TRUSTSCAN_FUZZ_SEED=${SEED} TRUSTSCAN_FUZZ_RUNS=${RUNS}): ` +
    `${item.source.name}/${item.file}: ${item.mutation.kind}, ${item.mutation.detail}`
  );
}

/** Writes the mutated file, runs `check`, and puts the original back whatever happens. */
async function withMutation<T>(item: Case, check: () => Promise<T>): Promise<T> {
  const path = join(item.source.directory, item.file);
  await writeFile(path, item.mutation.bytes);
  try {
    return await check();
  } finally {
    await writeFile(path, item.source.originals.get(item.file)!);
  }
}

/** The snapshot as data, with the temporary directory's name taken out. */
function comparable(snapshot: Snapshot, directory: string): string {
  const escaped = JSON.stringify(directory).slice(1, -1);
  // Maps (regional controls, the organization's tree) as their entries: JSON.stringify would give {} for each.
  const entries = (_key: string, value: unknown) => (value instanceof Map ? [...value] : value);
  return JSON.stringify({ ...snapshot, source: "" }, entries).replaceAll(escaped, "<dir>");
}

function entityCount(snapshot: Snapshot, accountId: string): number | undefined {
  const account = snapshot.accounts.find((candidate) => candidate.accountId === accountId);
  if (!account) return undefined;
  return (
    account.roles.length +
    account.buckets.length +
    account.oidcProviders.length +
    account.samlProviders.length +
    // A DynamoDB table's stream is read from the table's entry: one entry, skipped or read whole.
    account.resources.filter((resource) => resource.type !== "AWS::DynamoDB::Stream").length
  );
}

/** The reader's outcome must be one of the allowed ones for this mutation. */
function checkReaderOutcome(item: Case, outcome: { snapshot: Snapshot } | { error: unknown }): void {
  const { source, file, mutation } = item;
  const path = join(source.directory, file);
  const accountId = file.startsWith("accounts") ? basename(file, ".json") : undefined;

  if ("error" in outcome) {
    const { error } = outcome;
    if (!(error instanceof InputError)) throw error;
    // A bad account file leaves its account out; it never stops the scan.
    expect(accountId, "an account file's problem stopped the whole scan").toBeUndefined();
    expect(error.file).toBe(path);
    expect(error.message.startsWith(`${path}:`)).toBe(true);
    expect(mutation.expect, "an unchanged reading was refused").not.toBe("same");
    if (mutation.invalidByteOffset !== undefined) {
      expect(error.found).toContain(`(byte offset ${mutation.invalidByteOffset})`);
    }
    return;
  }

  const { snapshot } = outcome;
  const problems = snapshot.readProblems.filter((problem) => problem.file === path);
  if (mutation.expect === "same") {
    expect(comparable(snapshot, source.directory)).toBe(comparable(source.baseline, source.directory));
    return;
  }
  if (accountId === undefined) {
    // The user named a dump, and snapshot.json and organization.json are needed whole: any problem throws.
    expect(mutation.expect, "an unreadable file was read").not.toBe("unreadable");
    if (mutation.expect === "no-loss") {
      expect(snapshot.accounts.map((account) => account.accountId)).toEqual(
        source.baseline.accounts.map((account) => account.accountId),
      );
      if (source.isDump)
        expect(snapshot.accounts[0]?.roles.length).toBe(source.baseline.accounts[0]?.roles.length);
    }
    return;
  }
  const count = entityCount(snapshot, accountId);
  if (count === undefined) {
    // The account was left out: a problem must say so.
    expect(problems.length, "an account left out without a word").toBeGreaterThan(0);
    return;
  }
  expect(mutation.expect, "an unreadable account file was read").not.toBe("unreadable");
  if (mutation.expect === "no-loss") {
    // Every role, bucket, provider or regional resource that is not read is reported.
    expect(count + problems.length).toBeGreaterThanOrEqual(entityCount(source.baseline, accountId) ?? 0);
  }
}

async function readOutcome(target: string): Promise<{ snapshot: Snapshot } | { error: unknown }> {
  return notHanging(
    readSnapshot(target).then(
      (snapshot) => ({ snapshot }),
      (error: unknown) => ({ error }),
    ),
  );
}

async function notHanging<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no outcome after ${HANG_SECONDS} s: a hang`)),
      HANG_SECONDS * 1000,
    );
  });
  try {
    return await Promise.race([work, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The CLI's outcome: exit 2 with the file named and no output file, or a complete report (exit 3 when a part was
 * left out, and then the report says which).
 */
async function checkCliOutcome(
  item: Case,
  code: number | null,
  stderr: string,
  output: string,
): Promise<void> {
  expect(stderr).not.toContain("internal error");
  expect([0, 1, 2, 3]).toContain(code);
  if (code === 2) {
    expect(existsSync(output), "an output file was left after exit 2").toBe(false);
    expect(stderr).toContain(join(item.source.directory, item.file));
  } else {
    const report = JSON.parse(await readFile(output, "utf8")) as {
      findings: unknown[];
      problems: { readProblems: { kind: string }[]; collectionErrors: unknown[] };
    };
    expect(Array.isArray(report.findings)).toBe(true);
    if (code === 3) {
      // Incomplete: parts were skipped or never collected, and standard error says which.
      const skipped = report.problems.readProblems.some((problem) => problem.kind === "unreadable");
      const uncollected = report.problems.collectionErrors.length > 0;
      expect(skipped || uncollected, "exit status 3 with nothing left out").toBe(true);
      if (skipped) expect(stderr).toContain("skipped; the rest was scanned");
      if (uncollected)
        expect(stderr).toContain("collection error(s); what could not be collected was not scanned");
    }
    await rm(output);
  }
}

/**
 * A few cases for child processes (a process each is slow): the first after the in-process ones that is a
 * refused dump, a refused snapshot.json or organization.json, and an account file the scan must skip.
 */
function childCases(): Case[] {
  const wanted: Array<(item: Case) => boolean> = [
    (item) => item.source.isDump && item.mutation.expect === "unreadable",
    (item) =>
      !item.source.isDump && !item.file.startsWith("accounts") && item.mutation.expect === "unreadable",
    (item) => item.file.startsWith("accounts") && item.mutation.expect === "unreadable",
  ];
  const cases: Case[] = [];
  for (let index = RUNS; wanted.length > 0 && index < RUNS + 1_000; index += 1) {
    const item = caseOf(index);
    const found = wanted.findIndex((matches) => matches(item));
    if (found === -1) continue;
    wanted.splice(found, 1);
    cases.push(item);
  }
  return cases;
}

describe(`fuzzed snapshots (seed ${SEED}, ${RUNS} cases)`, () => {
  it(
    "reads every mutated input to an InputError naming the file or to a snapshot reporting what it left out",
    {
      timeout: Math.max(30_000, RUNS * 250),
    },
    async () => {
      for (let index = 0; index < RUNS; index += 1) {
        const item = caseOf(index);
        try {
          await withMutation(item, async () => {
            checkReaderOutcome(item, await readOutcome(item.source.target));
            if (index % CLI_EVERY !== 0) return;
            const output = join(workDir, "report.json");
            const run = await notHanging(
              runTrustscan(["scan", item.source.target, "--format", "json", "--output", output]),
            );
            await checkCliOutcome(item, run.code, run.stderr, output);
          });
        } catch (error) {
          throw new Error(
            `${describeCase(item)}\n${error instanceof Error ? error.message : String(error)}`,
            {
              cause: error,
            },
          );
        }
      }
    },
  );

  it("gives the real CLI the same outcome in a child process: exit status, message, no partial output", async () => {
    const cases = childCases();
    expect(cases.map((item) => describeCase(item))).toHaveLength(3);
    for (const item of cases) {
      try {
        await withMutation(item, async () => {
          const output = join(workDir, "child-report.json");
          const inProcess = await runTrustscan(["scan", item.source.target, "--format", "json"]);
          const child = spawnSync(
            process.execPath,
            [
              "--import",
              "tsx",
              "src/cli.ts",
              "scan",
              item.source.target,
              "--format",
              "json",
              "--output",
              output,
            ],
            { encoding: "utf8", timeout: 60_000 },
          );
          expect(child.signal, "the child hung or crashed").toBeNull();
          expect(child.status).toBe(inProcess.code);
          await checkCliOutcome(item, child.status, child.stderr, output);
        });
      } catch (error) {
        throw new Error(`${describeCase(item)}\n${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
        });
      }
    }
  });
});
