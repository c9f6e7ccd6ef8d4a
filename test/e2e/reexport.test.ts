/** Fingerprints survive a re-export: other indentation, other key order, roles in another order. */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runTrustscan } from "../helpers/run-cli.js";

const EXAMPLE = "snapshots/example-org";
const temps: string[] = [];
afterAll(async () => Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true }))));

/** Reverses every object's keys and every role/bucket list, and writes with 4-space indentation. */
function reshuffle(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => reshuffle(v));
    return key === "RoleDetailList" || key === "Buckets" ? items.reverse() : items;
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reshuffle(v, k)]),
    );
  }
  return value;
}

async function reexported(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "trustscan-reexport-"));
  temps.push(dir);
  await cp(EXAMPLE, dir, { recursive: true });
  for (const file of [
    "organization.json",
    ...(await readdir(join(dir, "accounts"))).map((f) => join("accounts", f)),
  ]) {
    const path = join(dir, file);
    await writeFile(
      path,
      `${JSON.stringify(reshuffle(JSON.parse(await readFile(path, "utf8"))), null, 4)}\n`,
    );
  }
  return dir;
}

function fingerprints(sarif: string): string[] {
  const log = JSON.parse(sarif);
  return log.runs[0].results
    .map(
      (r: { ruleId: string; partialFingerprints: { primaryLocationLineHash: string } }) =>
        `${r.ruleId} ${r.partialFingerprints.primaryLocationLineHash}`,
    )
    .sort();
}

describe("re-exporting a snapshot", () => {
  it("keeps every fingerprint while line numbers move", async () => {
    const dir = await reexported();
    const original = await runTrustscan(["scan", EXAMPLE, "--format", "sarif", "--fail-on", "none"]);
    const moved = await runTrustscan([
      "scan",
      relative(process.cwd(), dir),
      "--format",
      "sarif",
      "--fail-on",
      "none",
      "--allow-incomplete",
      "--repo-root",
      "/",
    ]);
    expect(moved.code).toBe(0);
    expect(fingerprints(moved.stdout)).toEqual(fingerprints(original.stdout));
    expect(fingerprints(original.stdout).length).toBeGreaterThan(10);
    const lines = (s: string) =>
      JSON.parse(s).runs[0].results.map(
        (r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) =>
          r.locations[0]?.physicalLocation.region.startLine,
      );
    expect(lines(moved.stdout)).not.toEqual(lines(original.stdout));
  });
});
