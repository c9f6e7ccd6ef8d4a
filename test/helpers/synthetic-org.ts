// A synthetic organization for tests at scale: every role and bucket of the example organization's accounts,
// repeated across `count` accounts (as `npm run bench` builds it), written as a snapshot directory.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const TEMPLATE = "snapshots/example-org";

interface AccountFile {
  accountId: string;
  s3: { Buckets: { Name: string }[] };
}

export function syntheticAccountIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(100000000000 + i * 7919));
}

export async function writeSyntheticOrg(dir: string, count: number): Promise<string[]> {
  const templates: AccountFile[] = [];
  for (const file of (await readdir(join(TEMPLATE, "accounts"))).sort()) {
    templates.push(JSON.parse(await readFile(join(TEMPLATE, "accounts", file), "utf8")));
  }
  const ids = syntheticAccountIds(count);
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
  for (const [i, id] of ids.entries()) {
    const template = templates[i % templates.length]!;
    const account = JSON.parse(JSON.stringify(template).replaceAll(template.accountId, id)) as AccountFile;
    for (const bucket of account.s3.Buckets) bucket.Name = `${bucket.Name}-${id}`;
    await writeFile(join(dir, "accounts", `${id}.json`), JSON.stringify(account, null, 2));
  }
  const manifest = {
    format: "trustscan-snapshot",
    version: 1,
    collectedAt: "2026-11-21T06:00:00Z",
    accounts: ids,
    collector: { name: "test", version: "0", regions: ["us-east-1"] },
    errors: [],
  };
  await writeFile(join(dir, "snapshot.json"), JSON.stringify(manifest, null, 2));
  return ids;
}
