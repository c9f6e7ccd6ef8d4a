/**
 * SARIF points at the statement behind a finding: the locations of statements in the regions section must resolve,
 * on demand as a scan asks for them, to the lines and columns where they are written.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SourceLocation } from "../../src/model/location.js";
import { policyOf } from "../../src/model/resource.js";
import type { AccountSnapshot } from "../../src/model/snapshot.js";
import { readAccountFile } from "../../src/snapshot/index.js";
import { fixture } from "./fixture-paths.js";

const ACCOUNT = "555566667777";
const dir = fixture("regional");
const file = join(dir, "accounts", `${ACCOUNT}.json`);

let lines: string[];

beforeAll(async () => {
  lines = (await readFile(file, "utf8")).split("\n");
});

function at(startLine: number, startColumn: number, endLine: number, endColumn: number): SourceLocation {
  return { file, startLine, startColumn, endLine, endColumn };
}

function statementsOf(account: AccountSnapshot) {
  return account.resources.flatMap((resource) =>
    (policyOf(resource)?.statements ?? []).map((statement) => ({ resource, statement })),
  );
}

async function deferredRead() {
  const result = await readAccountFile(file, ACCOUNT, dir, { deferLocations: true });
  return { account: result.account!, resolve: result.resolveLocations! };
}

describe("locations in the regions section", () => {
  it("are left unresolved until asked for, then resolve to the statement asked for only", async () => {
    const { account, resolve } = await deferredRead();
    const statements = statementsOf(account);
    expect(statements.length).toBe(15);
    expect(statements.every(({ statement }) => statement.location.startLine === 0)).toBe(true);
    const vendor = statements.find(({ statement }) => statement.sid === "VendorDecrypt")!.statement;
    resolve([vendor.location]);
    expect(vendor.location).toEqual(at(72, 17, 83, 18));
    expect(statements.filter(({ statement }) => statement.location.startLine > 0)).toHaveLength(1);
  });

  it("put a statement of a policy written as an object at its own lines", async () => {
    const { account, resolve } = await deferredRead();
    const bySid = new Map(
      statementsOf(account).map(({ resource, statement }) => [
        `${resource.type} ${statement.sid}`,
        statement,
      ]),
    );
    const wanted: [string, SourceLocation][] = [
      ["AWS::S3::MultiRegionAccessPoint PartnerRead", at(37, 13, 45, 14)],
      ["AWS::KMS::Key EnableIamPolicies", at(63, 17, 71, 18)],
      ["AWS::SNS::Topic PartnerPublish", at(145, 17, 153, 18)],
      ["AWS::Lambda::Function FunctionURLAllowPublicAccess", at(170, 17, 181, 18)],
      ["AWS::SecretsManager::Secret PartnerRead", at(232, 17, 240, 18)],
      ["AWS::DynamoDB::Stream PartnerStream", at(301, 17, 309, 18)],
      ["AWS::S3::AccessPoint PublicGet", at(337, 17, 343, 18)],
    ];
    resolve(wanted.map(([key]) => bySid.get(key)!.location));
    expect(wanted.map(([key]) => [key, bySid.get(key)!.location])).toEqual(wanted);
  });

  it("put a statement of a policy written as a JSON string at the string, the only place that holds it", async () => {
    const { account, resolve } = await deferredRead();
    const bySid = new Map(statementsOf(account).map(({ statement }) => [statement.sid, statement]));
    const queue = bySid.get("FromTopic")!;
    const repository = bySid.get("PartnerPull")!;
    resolve([queue.location, repository.location]);
    expect(queue.location).toEqual(at(129, 23, 129, 320));
    expect(repository.location).toEqual(at(252, 23, 252, 241));
    expect(lines[128]!.slice(22, 33)).toBe('"{\\"Version');
  });

  it("resolve every statement to the text that holds its Sid, as a full read does", async () => {
    const { account, resolve } = await deferredRead();
    const statements = statementsOf(account);
    resolve(statements.map(({ statement }) => statement.location));
    const full = await readAccountFile(file, ACCOUNT, dir);
    expect(statements.map(({ statement }) => statement.location)).toEqual(
      statementsOf(full.account!).map(({ statement }) => statement.location),
    );
    for (const { statement } of statements) {
      const { startLine, startColumn, endLine } = statement.location;
      expect(["{", '"']).toContain(lines[startLine - 1]![startColumn - 1]);
      const text = lines.slice(startLine - 1, endLine).join("\n");
      expect(
        text.includes(`"Sid": "${statement.sid}"`) || text.includes(`\\"Sid\\":\\"${statement.sid}\\"`),
      ).toBe(true);
    }
  });

  it("put resources, grants, function URLs and shares at their entries", async () => {
    const { account, resolve } = await deferredRead();
    const key = account.resources.find((resource) => resource.type === "AWS::KMS::Key")!;
    const grants = "grants" in key ? (key.grants ?? []) : [];
    const api = account.resources.find((resource) => resource.name === "api")!;
    const urls = "functionUrls" in api ? (api.functionUrls ?? []) : [];
    const weekly = account.resources.find((resource) => resource.name === "weekly")!;
    const shares = "shares" in weekly ? (weekly.shares ?? []) : [];
    const locations = [
      key.location,
      ...grants.map((g) => g.location),
      ...urls.map((u) => u.location),
      ...shares.map((s) => s.location),
    ];
    resolve(locations);
    expect(locations).toEqual([
      at(55, 11, 114, 12),
      at(87, 15, 103, 16),
      at(104, 15, 112, 16),
      at(185, 15, 189, 16),
      at(190, 15, 194, 16),
      at(446, 19, 446, 33),
      at(447, 19, 447, 33),
    ]);
    expect(lines[445]!.trim()).toBe('"444455556666",');
  });
});
