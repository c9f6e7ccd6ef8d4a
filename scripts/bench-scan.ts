/**
 * Scan speed and memory on a synthetic organization: the example org's trust and bucket policies, repeated across
 * many accounts so that every rule and control runs at scale. Reports read, scan and SARIF times, and peak RSS.
 */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { scanSnapshot } from "../src/engine/scan.js";
import { renderReport } from "../src/report/index.js";
import { readSnapshots } from "../src/snapshot/index.js";

const TEMPLATE = "snapshots/example-org";

interface AccountFile {
  accountId: string;
  iam: { RoleDetailList: { RoleName: string; Arn: string }[] };
  s3: { Buckets: { Name: string; Policy: unknown }[] };
}

/** Writes an organization of `accounts` accounts, each with every role and bucket of the example accounts. */
async function writeSyntheticOrg(dir: string, accounts: number): Promise<{ roles: number; buckets: number }> {
  const templates: AccountFile[] = [];
  for (const file of await readdir(join(TEMPLATE, "accounts"))) {
    templates.push(JSON.parse(await readFile(join(TEMPLATE, "accounts", file), "utf8")));
  }
  const ids = Array.from({ length: accounts }, (_, i) => String(100000000000 + i * 7919));
  const organization = JSON.parse(await readFile(join(TEMPLATE, "organization.json"), "utf8"));
  const ouIds: string[] = organization.OrganizationalUnits.map((ou: { Id: string }) => ou.Id);
  organization.Accounts = ids.map((id, i) => ({
    Id: id,
    Arn: `arn:aws:organizations::${ids[0]}:account/o-a1b2c3d4e5/${id}`,
    Name: `account-${i}`,
    Status: "ACTIVE",
    ParentId: ouIds[i % ouIds.length],
  }));
  organization.Organization.MasterAccountId = ids[0];
  await mkdir(join(dir, "accounts"), { recursive: true });
  await writeFile(join(dir, "organization.json"), JSON.stringify(organization, null, 2));
  let roles = 0;
  let buckets = 0;
  for (const [i, id] of ids.entries()) {
    const template = templates[i % templates.length] as AccountFile;
    const text = JSON.stringify(template, null, 2).replaceAll(template.accountId, id);
    const account = JSON.parse(text) as AccountFile;
    for (const bucket of account.s3.Buckets) bucket.Name = `${bucket.Name}-${id}`;
    roles += account.iam.RoleDetailList.length;
    buckets += account.s3.Buckets.length;
    await writeFile(join(dir, "accounts", `${id}.json`), JSON.stringify(account, null, 2));
  }
  const manifest = {
    format: "trustscan-snapshot",
    version: 1,
    collectedAt: "2026-11-21T06:00:00Z",
    accounts: ids,
    collector: { name: "bench", version: "0", regions: ["us-east-1"] },
    errors: [],
  };
  await writeFile(join(dir, "snapshot.json"), JSON.stringify(manifest, null, 2));
  return { roles, buckets };
}

export async function benchScan(accounts = 500): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), "trustscan-bench-"));
  try {
    const { roles, buckets } = await writeSyntheticOrg(dir, accounts);
    let peakRss = process.memoryUsage().rss;
    const sample = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
    const t0 = performance.now();
    const snapshot = await readSnapshots([dir]);
    const t1 = performance.now();
    const result = scanSnapshot(snapshot);
    const t2 = performance.now();
    const sarif = renderReport("sarif", result, { repoRoot: "/", cwd: "/" });
    const t3 = performance.now();
    clearInterval(sample);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const resources = roles + buckets;
    return [
      `scan: ${accounts} accounts, ${resources} resources (${roles} roles, ${buckets} buckets), ${result.findings.length} findings`,
      `  read ${(t1 - t0).toFixed(0)} ms, analyse ${(t2 - t1).toFixed(0)} ms (${(((t2 - t1) / resources) * 1000).toFixed(0)} µs per resource), SARIF ${(t3 - t2).toFixed(0)} ms (${(sarif.length / 1e6).toFixed(1)} MB)`,
      `  total ${(t3 - t0).toFixed(0)} ms, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchScan(Number(process.argv[2] ?? 500))) console.log(line);
}
