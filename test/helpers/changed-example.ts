// Two weeks of the example organization: the snapshot as committed, and a copy changed the way a week changes
// things (a role deleted, a bucket policy widened, a vendor role added), both inside one temporary repository.
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const EXAMPLE = "snapshots/example-org";

interface AccountFile {
  iam: {
    RoleDetailList: { RoleName: string; Arn: string; Path: string; AssumeRolePolicyDocument: unknown }[];
  };
  s3: { Buckets: { Name: string; Policy: { Statement: { Action: string[] }[] } }[] };
}

export async function twoWeeks(root: string): Promise<{ before: string; after: string }> {
  const before = join(root, "snapshots", "last-week");
  const after = join(root, "snapshots", "this-week");
  await cp(EXAMPLE, before, { recursive: true });
  await cp(EXAMPLE, after, { recursive: true });
  const file = join(after, "accounts", "777788889999.json");
  const account = JSON.parse(await readFile(file, "utf8")) as AccountFile;
  const roles = account.iam.RoleDetailList;
  roles.splice(
    roles.findIndex((role) => role.RoleName === "break-glass-admin"),
    1,
  );
  roles.push({
    Path: "/",
    RoleName: "new-vendor-audit",
    Arn: "arn:aws:iam::777788889999:role/new-vendor-audit",
    AssumeRolePolicyDocument: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "NewVendor",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:root" },
          Action: "sts:AssumeRole",
        },
      ],
    },
  });
  const bucket = account.s3.Buckets.find((b) => b.Name === "acme-dev-observability-exports")!;
  bucket.Policy.Statement[0]!.Action.push("s3:PutObject");
  await writeFile(file, `${JSON.stringify(account, null, 2)}\n`);
  return { before, after };
}
