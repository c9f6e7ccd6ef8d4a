import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/json.js";
import type { JsonReport } from "../../src/report/json.js";
import {
  CANCELLED_BY_BPA_FINDING,
  emptyScanResult,
  EXTERNAL_ROLE_FINDING,
  PUBLIC_BUCKET_FINDING,
  sampleScanResult,
  SORTED_FINDINGS,
} from "./fixtures/scan-results.js";

function parse(text: string): JsonReport {
  return JSON.parse(text) as JsonReport;
}

describe("renderJson", () => {
  const text = renderJson(sampleScanResult());
  const report = parse(text);

  it("starts with the schema version, tool, zone and sources", () => {
    expect(Object.keys(report)).toEqual([
      "schemaVersion",
      "tool",
      "zone",
      "sources",
      "summary",
      "findings",
      "problems",
      "archiveRules",
      "baseline",
    ]);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({
      name: "trustscan",
      version: "0.1.0",
      informationUri: "https://github.com/trustscan/trustscan",
    });
    expect(report.zone).toEqual({
      kind: "organization",
      organizationId: "o-abc123def4",
      trustedAccounts: [],
    });
    expect(report.sources).toEqual(["test/fixtures/sarif/snapshot"]);
  });

  it("counts active findings by severity and rule, and cancelled ones apart", () => {
    expect(report.summary).toEqual({
      findings: 5,
      archived: 0,
      cancelled: 1,
      total: 6,
      bySeverity: { critical: 1, high: 2, medium: 2, low: 0 },
      byRule: {
        "public-access": 1,
        "external-access": 1,
        "missing-external-id": 1,
        "confused-deputy": 1,
        "unscoped-federation": 1,
      },
      accountsScanned: 2,
      resourcesScanned: 5,
      readProblems: 1,
      collectionErrors: 1,
      baseline: null,
    });
  });

  it("carries every field of every finding, sorted, with null for what is absent", () => {
    expect(report.findings.map((f) => f.fingerprint)).toEqual(SORTED_FINDINGS.map((f) => f.fingerprint));
    const external = report.findings[0]!;
    expect(external).toEqual({
      ruleId: "external-access",
      severity: "high",
      active: true,
      message: EXTERNAL_ROLE_FINDING.message,
      resource: EXTERNAL_ROLE_FINDING.resource,
      principal: { ...EXTERNAL_ROLE_FINDING.principal, vendors: [] },
      actions: ["sts:AssumeRole"],
      conditions: [],
      isPublic: false,
      source: EXTERNAL_ROLE_FINDING.source,
      cancelledBy: [],
      fingerprint: EXTERNAL_ROLE_FINDING.fingerprint,
      archived: null,
      baseline: null,
    });
    expect(report.archiveRules).toBeNull();
    expect(report.baseline).toBeNull();
    const publicBucket = report.findings.find((f) => f.fingerprint === PUBLIC_BUCKET_FINDING.fingerprint)!;
    expect(publicBucket.principal.accounts).toBeNull();
    expect(publicBucket.source.sid).toBeNull();
    const cancelled = report.findings.find((f) => f.fingerprint === CANCELLED_BY_BPA_FINDING.fingerprint)!;
    expect(cancelled.active).toBe(false);
    expect(cancelled.cancelledBy).toEqual(CANCELLED_BY_BPA_FINDING.cancelledBy);
  });

  it("lists problems with every field", () => {
    expect(report.problems).toEqual({
      readProblems: [
        {
          kind: "unreadable",
          file: "test/fixtures/sarif/snapshot/accounts/444455556666.json",
          jsonPath: "$.s3.Buckets[3].Policy",
          message: "expected a policy object or a JSON string, found a number",
        },
      ],
      collectionErrors: [
        {
          accountId: "111122223333",
          region: null,
          service: "s3",
          operation: "GetBucketAcl",
          resource: "arn:aws:s3:::public-assets",
          code: "AccessDenied",
          message: "Access Denied",
        },
      ],
    });
  });

  it("is byte-identical for the same findings in any order, 2-space indented with a trailing newline", () => {
    const reordered = renderJson(sampleScanResult({ findings: [...SORTED_FINDINGS].reverse() }));
    expect(reordered).toBe(text);
    expect(text.startsWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "trustscan",')).toBe(true);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("keeps its shape when there is nothing to report", () => {
    const empty = parse(renderJson(emptyScanResult()));
    expect(empty.findings).toEqual([]);
    expect(empty.zone.organizationId).toBeNull();
    expect(empty.summary.bySeverity).toEqual({ critical: 0, high: 0, medium: 0, low: 0 });
    expect(empty.problems).toEqual({ readProblems: [], collectionErrors: [] });
  });

  it("masks credentials and gives absent problem fields as null", () => {
    const result = sampleScanResult({
      collectionErrors: [
        { service: "organizations", operation: "ListAccounts", code: "x-amz-security-token: IQoJb3JpZ2lu" },
      ],
    });
    expect(parse(renderJson(result)).problems.collectionErrors).toEqual([
      {
        accountId: null,
        region: null,
        service: "organizations",
        operation: "ListAccounts",
        resource: null,
        code: "x-amz-security-token: [redacted]",
        message: null,
      },
    ]);
  });

  it("gives the region of a regional call, and sorts by it within an account", () => {
    const regional = (region: string) => ({
      accountId: "111122223333",
      region,
      service: "kms",
      operation: "ListKeys",
      code: "AccessDeniedException",
    });
    const result = sampleScanResult({ collectionErrors: [regional("us-east-1"), regional("eu-west-1")] });
    const errors = parse(renderJson(result)).problems.collectionErrors;
    expect(errors.map((error) => error.region)).toEqual(["eu-west-1", "us-east-1"]);
    expect(errors[0]).toEqual({
      accountId: "111122223333",
      region: "eu-west-1",
      service: "kms",
      operation: "ListKeys",
      resource: null,
      code: "AccessDeniedException",
      message: null,
    });
  });
});
