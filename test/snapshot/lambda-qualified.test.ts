/**
 * Lambda aliases and published versions (docs/semantics.md#lambda): each has its own policy and is read as a
 * resource of its own, its qualified ARN; an alias's function URL goes with the alias.
 */
import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../../src/engine/scan.js";
import type { LambdaFunctionResource } from "../../src/model/resource.js";
import { readAccountFile } from "../../src/snapshot/index.js";

const ACCOUNT = "555566667777";
const OUTSIDE = "999988887777";
const FILE = "snapshot/accounts/555566667777.json";
const REGION = "eu-west-1";
const API = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:api`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const url = (name: string, functionArn: string, authType: "NONE" | "AWS_IAM"): Json => ({
  FunctionUrl: `https://${name}.lambda-url.${REGION}.on.aws/`,
  FunctionArn: functionArn,
  AuthType: authType,
});

const grant = (sid: string, principal: Json, action: string, resource: string): Json => ({
  Version: "2012-10-17",
  Statement: [{ Sid: sid, Effect: "Allow", Principal: principal, Action: action, Resource: resource }],
});

/** The documented public URL statement, added with --qualifier prod. */
const PUBLIC_PROD = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "FunctionURLAllowPublicAccess",
      Effect: "Allow",
      Principal: "*",
      Action: "lambda:InvokeFunctionUrl",
      Resource: `${API}:prod`,
      Condition: { StringEquals: { "lambda:FunctionUrlAuthType": "NONE" } },
    },
  ],
};

/** api: its own URL (AWS_IAM), prod's URL (NONE), and a URL of an alias the listing did not have (NONE). */
const API_ENTRY: { [key: string]: Json } = {
  FunctionName: "api",
  FunctionArn: API,
  Policy: grant("own", { AWS: `arn:aws:iam::${ACCOUNT}:root` }, "lambda:InvokeFunction", API),
  FunctionUrlConfigs: [
    url("latest", API, "AWS_IAM"),
    url("prod", `${API}:prod`, "NONE"),
    url("later", `${API}:later`, "NONE"),
  ],
  Aliases: [
    { AliasArn: `${API}:beta`, Name: "beta", FunctionVersion: "1", Policy: null },
    { AliasArn: `${API}:prod`, Name: "prod", FunctionVersion: "2", Policy: PUBLIC_PROD },
  ],
  Versions: [
    {
      FunctionArn: `${API}:2`,
      Version: "2",
      Policy: grant("vendor", { AWS: OUTSIDE }, "lambda:InvokeFunction", `${API}:2`),
    },
  ],
};

async function readFunctions(entry: { [key: string]: Json }) {
  const document = {
    accountId: ACCOUNT,
    regions: { [REGION]: { lambda: { Functions: [entry] } } },
    errors: [],
  };
  const text = JSON.stringify(document, null, 2);
  const result = await readAccountFile(FILE, ACCOUNT, "snapshot", { text: Promise.resolve(text) });
  expect(result.readProblems).toEqual([]);
  return { account: result.account!, lines: text.split("\n") };
}

const urlsOf = (resource: LambdaFunctionResource) => resource.functionUrls?.map((u) => u.url);
const byArn = (resources: LambdaFunctionResource[]) => new Map(resources.map((r) => [r.arn, r]));

describe("Lambda aliases and versions in a snapshot", () => {
  it("reads each alias and version as a resource of its own, with its own policy and its own URLs", async () => {
    const { account } = await readFunctions(API_ENTRY);
    const functions = account.resources as LambdaFunctionResource[];
    expect(functions.map((f) => [f.type, f.arn, f.name, f.qualifier])).toEqual([
      ["AWS::Lambda::Function", API, "api", undefined],
      ["AWS::Lambda::Function", `${API}:beta`, "api:beta", "beta"],
      ["AWS::Lambda::Function", `${API}:prod`, "api:prod", "prod"],
      ["AWS::Lambda::Function", `${API}:2`, "api:2", "2"],
    ]);
    const found = byArn(functions);
    expect(found.get(API)?.policy?.statements.map((s) => s.sid)).toEqual(["own"]);
    expect(found.get(`${API}:beta`)?.policy).toBeNull();
    expect(found.get(`${API}:prod`)?.policy?.statements.map((s) => s.sid)).toEqual([
      "FunctionURLAllowPublicAccess",
    ]);
    expect(found.get(`${API}:2`)?.policy?.statements.map((s) => s.sid)).toEqual(["vendor"]);
    // A URL goes with the alias its FunctionArn names; one of an alias not listed stays with the function.
    expect(urlsOf(found.get(API)!)).toEqual([
      `https://latest.lambda-url.${REGION}.on.aws/`,
      `https://later.lambda-url.${REGION}.on.aws/`,
    ]);
    expect(urlsOf(found.get(`${API}:prod`)!)).toEqual([`https://prod.lambda-url.${REGION}.on.aws/`]);
    expect(urlsOf(found.get(`${API}:beta`)!)).toEqual([]);
    expect(urlsOf(found.get(`${API}:2`)!)).toEqual([]);
    for (const f of functions) expect([f.accountId, f.region]).toEqual([ACCOUNT, REGION]);
  });

  it("points an alias at its own entry", async () => {
    const { account, lines } = await readFunctions(API_ENTRY);
    const prod = account.resources.find((r) => r.arn === `${API}:prod`)!;
    expect(prod.location.file).toBe(FILE);
    expect(lines[prod.location.startLine - 1]?.trim()).toBe("{");
    expect(lines[prod.location.startLine]).toContain(`"AliasArn": "${API}:prod"`);
  });

  it("without Aliases (not read), counts every URL for the unqualified function, as before", async () => {
    const { Aliases: _aliases, ...entry } = API_ENTRY;
    const { account } = await readFunctions(entry);
    const functions = byArn(account.resources as LambdaFunctionResource[]);
    expect([...functions.keys()]).toEqual([API, `${API}:2`]);
    expect(urlsOf(functions.get(API)!)).toHaveLength(3);
  });

  it("without FunctionUrlConfigs (not read), gives the aliases no URL list either: any may exist", async () => {
    const { FunctionUrlConfigs: _urls, ...entry } = API_ENTRY;
    const { account } = await readFunctions(entry);
    expect((account.resources as LambdaFunctionResource[]).map((f) => f.functionUrls)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("reports the public alias and the version shared outside, and not the function they belong to", async () => {
    const { account } = await readFunctions(API_ENTRY);
    const result = scanSnapshot(
      { source: FILE, accounts: [account], collectionErrors: [], readProblems: [] },
      { zone: "account" },
    );
    const active = result.findings.filter((f) => f.cancelledBy.length === 0);
    expect(active.map((f) => [f.ruleId, f.resource.arn, f.isPublic]).sort()).toEqual([
      ["external-access", `${API}:2`, false],
      ["public-access", `${API}:prod`, true],
    ]);
  });
});
