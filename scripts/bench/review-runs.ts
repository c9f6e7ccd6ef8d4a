/**
 * Scan benchmark runs with what a weekly CI job adds (`npm run bench`, TRUSTSCAN_BENCH_FORMATS `rules`, `review`
 * and `split`): a config with archive rules and severity overrides, and last week's report of the same snapshot as
 * `--baseline` (organization zone, written once before the measured runs and not measured). `rules` writes the
 * JSON report with the config alone; `review` adds last week's JSON report (one file); `split` writes one SARIF
 * file per account (`--sarif-split account`) against last week's directory of them, as
 * examples/github/large-organization.yml does.
 */
import { spawnSync } from "node:child_process";
import { readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const REVIEW_RUNS = ["rules", "review", "split"] as const;

const CONFIG = `severity:
  confused-deputy: high
  external-access: medium
archiveRules:
  - name: vendors
    reason: approved vendors
    match: { principal: { vendor: ["Datadog", "*Snowflake*"] } }
  - name: partner
    reason: partner data exchange
    expires: 2999-12-31
    match: { resourceType: AWS::S3::Bucket, principal: { account: ["999988887777", "888877776666"] } }
  - name: deploy-roles
    reason: deploy roles reviewed
    match: { resource: "arn:aws:iam::*:role/*deploy*" }
  - name: expired
    reason: temporary
    expires: 2000-01-01
    match: { public: true }
`;

/** Writes the config and the baseline into `scratch`; returns the extra arguments of each review run. */
export async function prepareReviewRuns(
  cli: string,
  snapshot: string,
  scratch: string,
): Promise<(run: string, output: string) => string[]> {
  const config = join(scratch, "trustscan.config.yaml");
  await writeFile(config, CONFIG);
  const json = join(scratch, "last-week.json");
  const sarif = join(scratch, "last-week-sarif");
  for (const report of [
    ["-f", "json", "-o", json],
    ["-f", "sarif", "--sarif-split", "account", "-o", sarif],
  ]) {
    const made = spawnSync(
      process.execPath,
      [
        cli,
        "scan",
        snapshot,
        ...report,
        "--zone",
        "organization",
        "--repo-root",
        scratch,
        "--fail-on",
        "none",
        "-q",
      ],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    if (made.status !== 0) throw new Error(`the bench's baseline report failed (exit ${made.status})`);
  }
  return (run, output) =>
    run === "rules"
      ? ["--format", "json", "--config", config, "--output", output]
      : run === "split"
        ? [
            "--format",
            "sarif",
            "--sarif-split",
            "account",
            "--config",
            config,
            "--baseline",
            sarif,
            "--output",
            output,
          ]
        : ["--format", "json", "--config", config, "--baseline", json, "--output", output];
}

/** The size of a report: a file, or the files of a split report's directory. */
export async function outputSize(output: string): Promise<number> {
  const info = await stat(output).catch(() => undefined);
  if (!info) return 0;
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const name of await readdir(output)) total += (await stat(join(output, name))).size;
  return total;
}

/** How the table names a run. */
export function describeRun(format: string): string {
  if (format === "rules") return "scan --format json, archive rules + severity";
  if (format === "review") return "scan --format json, baseline + archive rules + severity";
  if (format === "split") return "scan --sarif-split account, baseline + archive rules + severity";
  return `scan --format ${format}`;
}
