/**
 * The JSON report and SARIF carry a finding's resource type and where its grant is written, for the policy-based
 * resource types as for roles and buckets (docs/json-report.md; docs/semantics.md#resource-types).
 */
import type { Log } from "sarif";
import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../../src/engine/scan.js";
import { toJsonReport } from "../../src/report/json.js";
import { toSarifLog } from "../../src/report/sarif.js";
import { snapshotForCase } from "../helpers/scan-policy.js";
import { validateSarifSchema } from "../helpers/sarif-github.js";
import { REPO_ROOT } from "./fixtures/scan-results.js";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

function keyScan() {
  const snapshot = snapshotForCase({
    resource: "AWS::KMS::Key",
    zone: "account",
    organization: null,
    policy: {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: "444455556666" }, Action: "kms:Decrypt", Resource: "*" },
      ],
    },
    policyResource: {
      grants: [
        {
          grantId: "g-1",
          granteePrincipal: "arn:aws:iam::999988887777:role/partner",
          operations: ["Encrypt"],
          hasConstraints: false,
        },
      ],
    },
  });
  return scanSnapshot(snapshot, { zone: "account" });
}

describe("reports of a KMS key's findings", () => {
  it("give the resource type and the kind of grant in JSON", () => {
    const findings = toJsonReport(keyScan()).findings;
    const rows = findings.map((f) => [f.resource.type, f.source.kind, f.principal.accounts] as const);
    expect([...rows].sort((a, b) => b[1].localeCompare(a[1]))).toEqual([
      ["AWS::KMS::Key", "statement", ["444455556666"]],
      ["AWS::KMS::Key", "kms-grant", ["999988887777"]],
    ]);
  });

  it("give the resource type in each SARIF result, in a log valid against the schema", () => {
    const log = toSarifLog(keyScan(), { repoRoot: REPO_ROOT, cwd: REPO_ROOT }) as Log;
    expect(validateSarifSchema(log)).toEqual([]);
    const results = log.runs[0]?.results ?? [];
    expect(results.map((r) => [r.properties?.resourceType, r.properties?.resourceArn])).toEqual([
      ["AWS::KMS::Key", KEY_ARN],
      ["AWS::KMS::Key", KEY_ARN],
    ]);
  });
});
