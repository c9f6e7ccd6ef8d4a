/**
 * Numbers in the policies of an account file are kept as written (`2.50` stays `2.50`), which takes their place
 * in the text: readAccountFile looks them all up at once after the file is read, with the model's locations, and
 * must give what looking each one up as it is read gives.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson, readAccountFile, readPolicyDocument } from "../../src/snapshot/index.js";

const ACCOUNT = "111122223333";
const NUMBERS = "[10, 2.50, -0, 1e3, 123456789012345678901, 3600.0]";
const trust = (condition: string) =>
  `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
   "Action": "sts:AssumeRole", "Condition": {"NumericLessThan": {"aws:MultiFactorAuthAge": ${condition}}}}]}`;
const bucketPolicy = `{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Principal": "*", "Action": "s3:ListBucket",
  "Resource": "arn:aws:s3:::b", "Condition": {"NumericGreaterThan": {"s3:max-keys": ${NUMBERS}}}}}`;
const role = (name: string, condition: string) =>
  `{"Arn": "arn:aws:iam::${ACCOUNT}:role/${name}", "RoleName": "${name}", "AssumeRolePolicyDocument": ${trust(condition)}}`;
const TEXT = `{
  "accountId": "${ACCOUNT}",
  "iam": {"RoleDetailList": [
    ${role("a", "3600")},
    ${role("b", NUMBERS)},
    ${role("c", "3600.0")}
  ]},
  "s3": {"Buckets": [{"Name": "b", "Policy": ${bucketPolicy}}]},
  "errors": []
}
`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "trustscan-numbers-"));
  await writeFile(join(dir, `${ACCOUNT}.json`), TEXT);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Each policy read from a source of its own, its numbers and locations looked up as they are read. */
function readAlone(path: (string | number)[]) {
  let node = parseJson(TEXT, join(dir, `${ACCOUNT}.json`));
  for (const segment of path) {
    node =
      typeof segment === "number" ? (node.array()[segment] ?? node) : (node.object().get(segment) ?? node);
  }
  const kind = path.includes("Buckets") ? "bucket-policy" : "trust-policy";
  return readPolicyDocument(node, { kind, problems: [] });
}

const plain = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

describe("readAccountFile: numbers as written", () => {
  it.each([true, false])("keeps every number as written (locations deferred: %s)", async (deferLocations) => {
    const file = join(dir, `${ACCOUNT}.json`);
    const read = await readAccountFile(file, ACCOUNT, dir, { deferLocations });
    const policies = [
      ...(read.account?.roles ?? []).map((r) => r.trustPolicy),
      ...(read.account?.buckets ?? []).flatMap((b) => (b.policy ? [b.policy] : [])),
    ];
    read.resolveLocations?.(policies.flatMap((p) => [p.location, ...p.statements.map((s) => s.location)]));
    const roles = read.account?.roles ?? [];
    expect(roles.map((r) => r.trustPolicy.statements[0]?.conditions[0]?.values)).toEqual([
      ["3600"],
      ["10", "2.50", "-0", "1000", "123456789012345678901", "3600.0"],
      ["3600.0"],
    ]);
    roles.forEach((r, index) =>
      expect(plain(r.trustPolicy)).toEqual(
        plain(readAlone(["iam", "RoleDetailList", index, "AssumeRolePolicyDocument"])),
      ),
    );
    expect(plain(read.account?.buckets[0]?.policy)).toEqual(plain(readAlone(["s3", "Buckets", 0, "Policy"])));
  });
});
