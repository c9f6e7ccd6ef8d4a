// The baseline is read a piece at a time (report-splitter.ts); it must find what reading the whole document finds,
// and refuse what it refuses with the same message, whatever the report's layout and wherever the pieces break.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { baselineEntriesOf, readBaseline, WHAT_A_BASELINE_IS } from "../../src/baseline/read-baseline.js";
import { BaselineEntries } from "../../src/baseline/baseline-entries.js";
import { EntryStore } from "../../src/baseline/entry-store.js";
import type { BaselineEntry } from "../../src/baseline/baseline-entry.js";
import { ReportSplitter } from "../../src/baseline/report-splitter.js";
import { InputError } from "../../src/snapshot/input-error.js";
import { runTrustscan } from "../helpers/run-cli.js";
import { tempDirs } from "../helpers/temp-dirs.js";

const tempDir = tempDirs("read-baseline");
let dir: string;
let jsonReport: string;
let sarifReport: string;
let files = 0;

beforeAll(async () => {
  dir = await tempDir();
  const report = async (format: string) => {
    const run = await runTrustscan([
      "scan",
      "snapshots/example-org",
      "-f",
      format,
      "--fail-on",
      "none",
      "--allow-incomplete",
    ]);
    expect(run.code).toBe(0);
    return run.stdout;
  };
  jsonReport = await report("json");
  sarifReport = await report("sarif");
});

/** What reading `text` as a baseline gives: its entries, or the message it is refused with. */
async function outcomes(text: string): Promise<{ streamed: unknown; whole: unknown }> {
  const file = join(dir, `report-${(files += 1)}.json`);
  await writeFile(file, text);
  const outcome = async (read: () => Promise<unknown>) => {
    try {
      return { entries: await read() };
    } catch (error) {
      return { error: (error as Error).message };
    }
  };
  return {
    streamed: await outcome(async () =>
      [...(await readBaseline([file])).entries.entries()].map(([, entry]) => entry),
    ),
    // The whole document, as it was read before: the entries in the same order (later duplicates win).
    whole: await outcome(async () => {
      const entries = new Map<string, unknown>();
      let document: unknown;
      try {
        document = JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch (error) {
        const found = `text that is not JSON (${(error as Error).message})`;
        throw new InputError({ file, jsonPath: "$", expected: WHAT_A_BASELINE_IS, found });
      }
      for (const entry of baselineEntriesOf(file, document))
        entries.set(`${entry.ruleId}\u0000${entry.fingerprint}`, entry);
      return [...entries.values()];
    }),
  };
}

const sarifResult = (fingerprint: string, extra: Record<string, unknown> = {}) => ({
  ruleId: "external-access",
  message: { text: 'brackets ] [ } { , : and "quotes" \\ and \u00e9' },
  partialFingerprints: { primaryLocationLineHash: fingerprint },
  properties: {
    "security-severity": "8.0",
    actions: ["s3:GetObject"],
    conditions: ['StringEquals aws:PrincipalTag/team = "a,b]"'],
    isPublic: false,
    active: true,
    resourceArn: "arn:aws:s3:::bucket[1]",
    accountId: "111122223333",
  },
  ...extra,
});
const sarif = (runs: unknown[]) => JSON.stringify({ version: "2.1.0", runs });

describe("reading a baseline a piece at a time", () => {
  it("finds what the whole document holds, in every layout of a real report", async () => {
    const layouts = (text: string) => [
      text,
      JSON.stringify(JSON.parse(text)),
      `\uFEFF${text.replaceAll("\n", "\r\n")}`,
      JSON.stringify(JSON.parse(text), null, "\t"),
    ];
    for (const text of [...layouts(jsonReport), ...layouts(sarifReport)]) {
      const { streamed, whole } = await outcomes(text);
      expect(streamed).toEqual(whole);
      expect((streamed as { entries: unknown[] }).entries.length).toBeGreaterThan(10);
      // Read in pieces indeed (not by the whole-document reading that explains text that is not JSON): every
      // finding handed over on its own, the rest a small document.
      const elements: unknown[] = [];
      const splitter = new ReportSplitter((_path, element) => elements.push(JSON.parse(element)));
      for (let i = 0; i < text.length; i += 4096)
        splitter.push(text.slice(i, i + 4096).replace(/^\uFEFF/, ""));
      const document = JSON.parse(text.replace(/^\uFEFF/, "")) as {
        findings?: unknown[];
        runs?: { results: unknown[] }[];
      };
      expect(elements).toEqual(document.findings ?? document.runs?.flatMap((run) => run.results));
      expect(splitter.end().length).toBeLessThan(text.length / 2);
    }
  });

  const table: { name: string; text: string; error?: RegExp }[] = [
    {
      name: "two runs, strings full of brackets, a result marked absent",
      text: sarif([
        { results: [sarifResult("a:1"), sarifResult("b:1", { baselineState: "absent" })] },
        { results: [] },
        { results: [sarifResult("c:1"), sarifResult("a:1", { ruleId: "public-access" })] },
      ]),
    },
    {
      name: "keys written with escapes",
      text: sarif([{ results: [sarifResult("a:1")] }]).replace('"results"', '"res\\u0075lts"'),
    },
    {
      name: "a finding that is not an object",
      text: '{"schemaVersion": 1, "findings": [null]}',
      error: /\$\.findings\[0\]: expected a finding \(an object\), found null/,
    },
    {
      name: "a bad result after good ones",
      text: sarif([{ results: [sarifResult("a:1"), { ...sarifResult("b:1"), ruleId: 7 }] }]),
      error: /\$\.runs\[0\]\.results\[1\]\.ruleId: expected a string, found the number 7/,
    },
    {
      name: "a run that is not an object, after a bad result of an earlier run",
      text: sarif([{ results: [{ ruleId: 7 }] }, []]),
      error: /\$\.runs\[1\]: expected a SARIF run/,
    },
    {
      name: "runs that are not an array",
      text: '{"runs": {"results": []}}',
      error: /\$\.runs: expected SARIF runs/,
    },
    {
      name: "results that are not an array",
      text: '{"runs": [{"results": 3}]}',
      error: /results: expected the run's results/,
    },
    {
      name: "a scalar result",
      text: '{"runs": [{"results": [ 1 ]}]}',
      error: /results\[0\]: expected a SARIF result/,
    },
    {
      name: "SARIF runs beside bad findings (only the runs count)",
      text: JSON.stringify({ schemaVersion: 1, findings: [1], runs: [{ results: [sarifResult("a:1")] }] }),
    },
    {
      name: "findings without a schema version",
      text: '{"findings": []}',
      error: /\$: expected a previous trustscan report/,
    },
    { name: "an empty report", text: '{"schemaVersion": 1, "findings": [ ]}' },
    {
      name: "a trailing comma",
      text: sarif([{ results: [sarifResult("a:1")] }]).replace("}]}]}", "},]}]}"),
      error: /text that is not JSON/,
    },
    {
      name: "text cut short inside a result",
      text: sarif([{ results: [sarifResult("a:1")] }]).slice(0, 120),
      error: /text that is not JSON/,
    },
    {
      name: "not JSON at all",
      text: "{ not json",
      error: /\$: expected a previous trustscan report.*text that is not JSON/,
    },
    { name: "an array", text: "[]", error: /\$: expected a previous trustscan report/ },
  ];

  it.each(table)("$name", async ({ text, error }) => {
    const { streamed, whole } = await outcomes(text);
    expect(streamed).toEqual(whole);
    if (error) expect((streamed as { error: string }).error).toMatch(error);
    else expect(streamed).toHaveProperty("entries");
  });
});

describe("ReportSplitter", () => {
  it("hands over the same elements and skeleton wherever the text is cut into pieces", () => {
    const text = `\t{"z": {"findings": [1]}, "sch\\"ema": "[", "runs": [ {"results": [ {"a": "x\\\\\\"],"}, [2, {"b": []}] , 3 ]}, {"results":[]}, {"results": [] , "x": [{}]} ], "findings" : [ "}" ]}`;
    const split = (size: number) => {
      const elements: string[] = [];
      const splitter = new ReportSplitter((path, element) => elements.push(`${path}=${element.trim()}`));
      for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size));
      return { elements, skeleton: splitter.end() };
    };
    const whole = split(text.length);
    expect(whole.elements).toEqual([
      '$.runs[0].results[0]={"a": "x\\\\\\"],"}',
      '$.runs[0].results[1]=[2, {"b": []}]',
      "$.runs[0].results[2]=3",
      '$.findings[0]="}"',
    ]);
    expect(JSON.parse(whole.skeleton)).toEqual({
      z: { findings: [1] },
      'sch"ema': "[",
      runs: [{ results: [null, null, null] }, { results: [] }, { results: [], x: [{}] }],
      findings: [null],
    });
    for (let size = 1; size <= 9; size += 1) expect(split(size), `pieces of ${size}`).toEqual(whole);
  });
});

describe("BaselineEntries", () => {
  const entry = (n: number, message = `finding ${n}`): BaselineEntry => ({
    ruleId: n % 3 === 0 ? "public-access" : "external-access",
    fingerprint: `${n.toString(16).padStart(16, "0")}:1`,
    severity: "high",
    actions: ["s3:GetObject"],
    conditions: [],
    isPublic: false,
    active: true,
    archived: false,
    resourceArn: `arn:aws:s3:::bucket-${n}-é`,
    accountId: "111122223333",
    message,
  });

  // Entries in memory; in a temporary file past a small budget; and two instances of one store, as readBaseline
  // merges those of several files.
  const stores = {
    "in memory": () => [new EntryStore(), new EntryStore()],
    "moved to a temporary file": () => [new EntryStore(1 << 20), new EntryStore(1 << 20)],
    "sharing one store": () => {
      const store = new EntryStore(1 << 20);
      return [store, store];
    },
  };
  it.each(Object.entries(stores))(
    "gives back what a Map of the entries would, across buffers, with later entries replacing earlier ones (%s)",
    (_, makeStores) => {
      // 12,000 entries of about 1 KB fill several 4 MB buffers; one entry is larger than a buffer.
      const [firstStore, secondStore] = makeStores() as [EntryStore, EntryStore];
      const padding = "x".repeat(1000);
      const added = Array.from({ length: 12_000 }, (_, n) => entry(n, `finding ${n} ${padding}`));
      added.push(entry(5, "y".repeat(5 << 20)), entry(11_999, "replaced"));
      const first = new BaselineEntries(firstStore);
      for (const item of added.slice(0, 7_000)) first.add(item);
      const second = new BaselineEntries(secondStore);
      for (const item of added.slice(7_000)) second.add(item);
      first.addAll(second);
      const expected = new Map(added.map((item) => [`${item.ruleId}\u0000${item.fingerprint}`, item]));
      expect(first.size).toBe(expected.size);
      expect([...first.entries()]).toEqual([...expected.entries()]);
      expect(first.get(`external-access\u0000${entry(5).fingerprint}`)?.message).toHaveLength(5 << 20);
      expect(first.get("external-access\u0000nothing")).toBeUndefined();
      // Indexes in the order first added, a replaced entry keeping its place.
      [...expected.keys()].forEach((key, index) => expect(first.lookup(key)?.index).toBe(index));
      firstStore.dispose();
      secondStore.dispose();
    },
  );
});
