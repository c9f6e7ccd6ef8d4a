// Small snapshot directories written for one test: which accounts the manifest lists, which account files
// exist, what they hold and which collection errors they record.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RecordedError {
  service: string;
  operation: string;
  resource?: string;
  code: string;
  message?: string;
}

export interface RoleSpec {
  name: string;
  /** Who may assume it: `"*"` (public) or an account id. */
  principal: string;
}

export interface AccountSpec {
  roles?: RoleSpec[];
  errors?: RecordedError[];
}

export interface SnapshotSpec {
  /** Account files to write, by id; every one is listed in the manifest. */
  accounts: Record<string, AccountSpec>;
  /** Listed in the manifest but with no file. */
  missing?: string[];
  errors?: RecordedError[];
}

export function accountDocument(accountId: string, spec: AccountSpec): unknown {
  return {
    accountId,
    iam: {
      RoleDetailList: (spec.roles ?? []).map((role) => ({
        Path: "/",
        RoleName: role.name,
        Arn: `arn:aws:iam::${accountId}:role/${role.name}`,
        AssumeRolePolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: role.principal === "*" ? "*" : `arn:aws:iam::${role.principal}:root` },
              Action: "sts:AssumeRole",
            },
          ],
        },
      })),
      OpenIDConnectProviders: [],
      SAMLProviders: [],
    },
    s3: { AccountPublicAccessBlock: null, Buckets: [] },
    errors: spec.errors ?? [],
  };
}

/** Writes the snapshot into a new directory under `parent` (a fresh temporary directory by default). */
export async function writeSnapshotDir(spec: SnapshotSpec, parent?: string): Promise<string> {
  const dir = join(parent ?? (await mkdtemp(join(tmpdir(), "trustscan-snapshot-"))), "snapshot");
  await mkdir(join(dir, "accounts"), { recursive: true });
  const listed = [...Object.keys(spec.accounts), ...(spec.missing ?? [])];
  await writeFile(
    join(dir, "snapshot.json"),
    JSON.stringify(
      { format: "trustscan-snapshot", version: 1, accounts: listed, errors: spec.errors ?? [] },
      null,
      2,
    ),
  );
  for (const [accountId, account] of Object.entries(spec.accounts)) {
    await writeFile(
      join(dir, "accounts", `${accountId}.json`),
      JSON.stringify(accountDocument(accountId, account), null, 2),
    );
  }
  return dir;
}
