import path from "node:path";
import type { Log, Result } from "sarif";
import { describe, expect, it } from "vitest";
import { SECURITY_SEVERITY } from "../../src/findings/finding.js";
import type { Finding } from "../../src/findings/finding.js";
import type { ScanResult } from "../../src/findings/scan-result.js";
import { ReportInternalError, ReportLimitError, ReportPathError } from "../../src/report/errors.js";
import { GITHUB_SARIF_LIMITS, renderSarif, toSarifLog } from "../../src/report/sarif.js";
import { checkGithubRules, errorsOf, validateSarifSchema } from "../helpers/sarif-github.js";
import { ALL_RULES } from "./fixtures/rules.js";
import {
  ACCOUNT_A_FILE,
  CANCELLED_BY_BPA_FINDING,
  emptyScanResult,
  PUBLIC_BUCKET_FINDING,
  REPO_ROOT,
  sampleScanResult,
  SORTED_FINDINGS,
} from "./fixtures/scan-results.js";

const options = { repoRoot: REPO_ROOT, cwd: REPO_ROOT };

function run(log: Log) {
  const first = log.runs[0];
  if (!first) throw new Error("no run");
  return first;
}

function results(log: Log): Result[] {
  return run(log).results ?? [];
}

/** `count` distinct findings (unique fingerprints) on the fixture's public bucket statement. */
function manyFindings(count: number): Finding[] {
  return Array.from({ length: count }, (_, i) => ({
    ...PUBLIC_BUCKET_FINDING,
    fingerprint: `${i.toString(16).padStart(16, "0")}:1`,
  }));
}

describe("toSarifLog / renderSarif", () => {
  it("is valid against the SARIF 2.1.0 schema and breaks none of GitHub's rules", () => {
    const text = renderSarif(sampleScanResult(), options);
    const log = JSON.parse(text) as Log;
    expect(validateSarifSchema(log)).toEqual([]);
    expect(checkGithubRules(log, REPO_ROOT, { text })).toEqual([]);
  });

  it("is valid and accepted with no findings and no problems", () => {
    const text = renderSarif(emptyScanResult(), options);
    const log = JSON.parse(text) as Log;
    expect(validateSarifSchema(log)).toEqual([]);
    expect(checkGithubRules(log, REPO_ROOT, { text })).toEqual([]);
    expect(run(log).results).toEqual([]);
    expect(run(log).automationDetails).toEqual({ id: "trustscan/account/" });
  });

  it("gives byte-identical output for the same scan result, whatever the input order", () => {
    const first = renderSarif(sampleScanResult(), options);
    const second = renderSarif(sampleScanResult(), options);
    const reordered = renderSarif(
      sampleScanResult({
        findings: [...SORTED_FINDINGS].reverse(),
        collectionErrors: [...sampleScanResult().collectionErrors].reverse(),
      }),
      options,
    );
    expect(second).toBe(first);
    expect(reordered).toBe(first);
    expect(first.endsWith("}\n")).toBe(true);
    expect(first.split("\n")[1]).toBe('  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",');
    expect(first).not.toMatch(/timeUtc|TimeUtc/);
  });

  it("writes the log header and the tool driver", () => {
    const log = toSarifLog(sampleScanResult(), options);
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(log.runs).toHaveLength(1);
    const driver = run(log).tool.driver;
    expect(driver.name).toBe("trustscan");
    expect(driver.semanticVersion).toBe("0.1.0");
    expect(driver.informationUri).toBe("https://github.com/trustscan/trustscan");
    expect(run(log).automationDetails).toEqual({ id: "trustscan/organization/" });
  });

  it("sorts results by account, resource ARN, rule id and location", () => {
    const log = toSarifLog(sampleScanResult(), options);
    expect(results(log).map((r) => r.partialFingerprints?.["primaryLocationLineHash"])).toEqual(
      SORTED_FINDINGS.map((f) => f.fingerprint),
    );
    expect(results(log).map((r) => `${String(r.properties?.["accountId"])} ${r.ruleId}`)).toEqual([
      "111122223333 external-access",
      "111122223333 missing-external-id",
      "111122223333 public-access",
      "111122223333 public-access",
      "444455556666 unscoped-federation",
      "444455556666 confused-deputy",
    ]);
  });

  it("lists every rule, in the given order, even those without results", () => {
    const result = sampleScanResult({ findings: [PUBLIC_BUCKET_FINDING] });
    const log = toSarifLog(result, options);
    const rules = run(log).tool.driver.rules ?? [];
    expect(rules.map((rule) => rule.id)).toEqual(ALL_RULES.map((rule) => rule.id));
    expect(results(log)).toHaveLength(1);
  });

  it("describes each rule the way GitHub needs", () => {
    const rules = run(toSarifLog(sampleScanResult(), options)).tool.driver.rules ?? [];
    for (const [i, rule] of rules.entries()) {
      const meta = ALL_RULES[i]!;
      expect(rule.name).toBe(meta.name);
      expect(rule.shortDescription?.text).toBe(meta.shortDescription);
      expect(rule.fullDescription?.text).toBe(meta.fullDescription);
      expect(rule.help?.text).toContain(meta.docs.whyItMatters);
      expect(rule.help?.markdown).toContain("```json\n{\n");
      expect(rule.properties?.["security-severity"]).toBe(SECURITY_SEVERITY[meta.defaultSeverity]);
      expect(rule.properties?.["precision"]).toBe(meta.precision);
      expect(rule.properties?.tags).toContain("security");
    }
    expect(rules.map((rule) => rule.defaultConfiguration?.level)).toEqual([
      "error",
      "error",
      "warning",
      "warning",
      "error",
    ]);
  });

  it("keeps rule metadata within GitHub's limits", () => {
    const long = {
      ...ALL_RULES[0]!,
      fullDescription: "x".repeat(5000),
      tags: Array.from({ length: 30 }, (_, i) => `tag-${i}`),
    };
    const log = toSarifLog(sampleScanResult({ rules: [long, ...ALL_RULES.slice(1)] }), options);
    const rule = run(log).tool.driver.rules?.[0];
    expect(rule?.fullDescription?.text).toHaveLength(1024);
    expect(rule?.fullDescription?.text.endsWith("…")).toBe(true);
    expect(rule?.properties?.tags).toHaveLength(20);
    expect(rule?.properties?.tags?.[0]).toBe("security");
    expect(errorsOf(checkGithubRules(log, REPO_ROOT))).toEqual([]);
  });

  it("maps each result to its rule, level, location, ARN and fingerprint", () => {
    const log = toSarifLog(sampleScanResult(), options);
    const rules = run(log).tool.driver.rules ?? [];
    for (const result of results(log)) {
      expect(rules[result.ruleIndex ?? -1]?.id).toBe(result.ruleId);
    }
    const publicResult = results(log)[3]!;
    expect(publicResult).toMatchObject({
      ruleId: "public-access",
      ruleIndex: 0,
      level: "error",
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: ACCOUNT_A_FILE },
            region: { startLine: 55, startColumn: 13, endLine: 61, endColumn: 14 },
          },
          logicalLocations: [{ fullyQualifiedName: "arn:aws:s3:::public-assets", kind: "resource" }],
        },
      ],
      partialFingerprints: { primaryLocationLineHash: PUBLIC_BUCKET_FINDING.fingerprint },
      properties: {
        resourceArn: "arn:aws:s3:::public-assets",
        resourceType: "AWS::S3::Bucket",
        accountId: "111122223333",
        principal: { written: '"*"', judged: "anyone" },
        actions: ["s3:GetObject", "s3:ListBucket"],
        conditions: ["Bool aws:SecureTransport = true"],
        isPublic: true,
        "security-severity": "9.5",
      },
    });
    expect(publicResult.suppressions).toBeUndefined();
    expect(publicResult.message.text).toBe(
      "Bucket public-assets can be read and listed by anyone, including anonymous callers. " +
        "Actions: s3:GetObject, s3:ListBucket. Conditions that still apply: Bool aws:SecureTransport = true.",
    );
    expect(results(log).map((r) => r.level)).toEqual([
      "error",
      "warning",
      "error",
      "error",
      "error",
      "warning",
    ]);
  });

  it("marks a finding cancelled by a guardrail as an accepted external suppression naming the control", () => {
    const cancelled = results(toSarifLog(sampleScanResult(), options)).find(
      (r) => r.partialFingerprints?.["primaryLocationLineHash"] === CANCELLED_BY_BPA_FINDING.fingerprint,
    );
    expect(cancelled?.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification:
          "Access is cancelled by bucket Block Public Access RestrictPublicBuckets (only the bucket owner's " +
          "account and AWS services keep access to a public bucket).",
      },
    ]);
    expect(cancelled?.message.text).toContain(
      "Cancelled by bucket Block Public Access RestrictPublicBuckets.",
    );
  });

  it("says the run was not successful when input was skipped or not collected, successful otherwise", () => {
    const invocation = (result: ScanResult) => run(toSarifLog(result, options)).invocations?.[0];
    expect(invocation(sampleScanResult())?.executionSuccessful).toBe(false);
    expect(invocation(sampleScanResult({ collectionErrors: [] }))?.executionSuccessful).toBe(false);
    expect(invocation(sampleScanResult({ readProblems: [] }))?.executionSuccessful).toBe(false);
    expect(invocation(sampleScanResult({ readProblems: [], collectionErrors: [] }))).toEqual({
      executionSuccessful: true,
      toolExecutionNotifications: [],
    });
  });

  it("reports read problems as errors and collection errors as warnings, without timestamps", () => {
    const invocations = run(toSarifLog(sampleScanResult(), options)).invocations;
    expect(invocations).toHaveLength(1);
    expect(Object.keys(invocations?.[0] ?? {}).sort()).toEqual([
      "executionSuccessful",
      "toolExecutionNotifications",
    ]);
    const [readProblem, collectionError] = invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(readProblem).toMatchObject({
      level: "error",
      message: { text: expect.stringContaining("$.s3.Buckets[3].Policy") as unknown },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "test/fixtures/sarif/snapshot/accounts/444455556666.json" },
          },
        },
      ],
    });
    expect(collectionError).toMatchObject({
      level: "warning",
      message: {
        text: "Collection of s3:GetBucketAcl on arn:aws:s3:::public-assets in account 111122223333 failed with AccessDenied: Access Denied",
      },
    });
    expect(collectionError?.locations).toBeUndefined();
  });

  it("names the region of a regional collection error in its text and properties, and no region otherwise", () => {
    const regional = {
      accountId: "111122223333",
      region: "eu-west-1",
      service: "kms",
      operation: "GetKeyPolicy",
      resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      code: "AccessDeniedException",
    };
    const global = { service: "s3", operation: "ListMultiRegionAccessPoints", code: "AccessDenied" };
    const log = toSarifLog(
      sampleScanResult({ readProblems: [], collectionErrors: [regional, global] }),
      options,
    );
    const notifications = run(log).invocations?.[0]?.toolExecutionNotifications ?? [];
    expect(notifications.map((notification) => [notification.message.text, notification.properties])).toEqual(
      [
        [
          "Collection of s3:ListMultiRegionAccessPoints failed with AccessDenied",
          { service: "s3", operation: "ListMultiRegionAccessPoints", code: "AccessDenied" },
        ],
        [
          "Collection of kms:GetKeyPolicy on arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab in account 111122223333 in region eu-west-1 failed with AccessDeniedException",
          {
            service: "kms",
            operation: "GetKeyPolicy",
            code: "AccessDeniedException",
            accountId: "111122223333",
            region: "eu-west-1",
            resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
          },
        ],
      ],
    );
  });

  it("writes repository-relative URIs with forward slashes when the snapshot path is absolute or ./-prefixed", () => {
    const absolute = {
      ...PUBLIC_BUCKET_FINDING,
      source: {
        ...PUBLIC_BUCKET_FINDING.source,
        location: { ...PUBLIC_BUCKET_FINDING.source.location, file: path.join(REPO_ROOT, ACCOUNT_A_FILE) },
      },
    };
    const dotted = {
      ...CANCELLED_BY_BPA_FINDING,
      source: {
        ...CANCELLED_BY_BPA_FINDING.source,
        location: { ...CANCELLED_BY_BPA_FINDING.source.location, file: `./${ACCOUNT_A_FILE}` },
      },
    };
    const log = toSarifLog(sampleScanResult({ findings: [absolute, dotted] }), options);
    const uris = results(log).map((r) => r.locations?.[0]?.physicalLocation?.artifactLocation?.uri);
    expect(uris).toEqual([ACCOUNT_A_FILE, ACCOUNT_A_FILE]);
    expect(errorsOf(checkGithubRules(log, REPO_ROOT))).toEqual([]);
  });

  it("resolves relative snapshot paths against the working directory, not the repository root", () => {
    const fromSubdirectory = {
      ...PUBLIC_BUCKET_FINDING,
      source: {
        ...PUBLIC_BUCKET_FINDING.source,
        location: { ...PUBLIC_BUCKET_FINDING.source.location, file: "snapshot/accounts/111122223333.json" },
      },
    };
    const log = toSarifLog(sampleScanResult({ findings: [fromSubdirectory] }), {
      repoRoot: REPO_ROOT,
      cwd: path.join(REPO_ROOT, "test/fixtures/sarif"),
    });
    expect(results(log)[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe(ACCOUNT_A_FILE);
  });

  it("refuses a snapshot outside the repository root with a message that says what to do", () => {
    const outside = {
      ...PUBLIC_BUCKET_FINDING,
      source: {
        ...PUBLIC_BUCKET_FINDING.source,
        location: { ...PUBLIC_BUCKET_FINDING.source.location, file: "/elsewhere/accounts/111122223333.json" },
      },
    };
    const render = () => renderSarif(sampleScanResult({ findings: [outside] }), options);
    expect(render).toThrow(ReportPathError);
    expect(render).toThrow(/outside the repository root .*--repo-root/);
  });

  it("refuses more results than GitHub accepts in one run", () => {
    const atLimit = sampleScanResult({ findings: manyFindings(GITHUB_SARIF_LIMITS.maxResults) });
    expect(results(toSarifLog(atLimit, options))).toHaveLength(25_000);
    const overLimit = sampleScanResult({ findings: manyFindings(GITHUB_SARIF_LIMITS.maxResults + 1) });
    expect(() => renderSarif(overLimit, options)).toThrow(ReportLimitError);
    expect(() => renderSarif(overLimit, options)).toThrow(/25001 findings exceed .* 25000 results/);
  });

  it("refuses a file larger than the gzip limit", () => {
    const result = sampleScanResult();
    const size = Buffer.byteLength(renderSarif(result, options));
    expect(() => renderSarif(result, { ...options, limits: { maxGzipBytes: 200 } })).toThrow(
      ReportLimitError,
    );
    expect(() => renderSarif(result, { ...options, limits: { maxGzipBytes: 200 } })).toThrow(/gzipped/);
    expect(renderSarif(result, { ...options, limits: { maxGzipBytes: size } })).toContain(
      '"version": "2.1.0"',
    );
  });

  it("treats a repeated (rule, fingerprint) as an engine bug", () => {
    const duplicate = { ...CANCELLED_BY_BPA_FINDING, fingerprint: PUBLIC_BUCKET_FINDING.fingerprint };
    const result = sampleScanResult({ findings: [PUBLIC_BUCKET_FINDING, duplicate] });
    expect(() => toSarifLog(result, options)).toThrow(ReportInternalError);
    expect(() => toSarifLog(result, options)).toThrow(/share the fingerprint/);
    // The same fingerprint under another rule is two different alerts.
    const otherRule = { ...duplicate, ruleId: "external-access" as const };
    expect(
      results(toSarifLog(sampleScanResult({ findings: [PUBLIC_BUCKET_FINDING, otherRule] }), options)),
    ).toHaveLength(2);
  });

  it("treats a finding of an unknown rule or with an impossible location as an engine bug", () => {
    const noRules = sampleScanResult({ rules: ALL_RULES.slice(1) });
    expect(() => toSarifLog(noRules, options)).toThrow(/rule public-access .* not in the scan result/);
    const badLocation = {
      ...PUBLIC_BUCKET_FINDING,
      source: {
        ...PUBLIC_BUCKET_FINDING.source,
        location: { ...PUBLIC_BUCKET_FINDING.source.location, startLine: 0 },
      },
    };
    expect(() => toSarifLog(sampleScanResult({ findings: [badLocation] }), options)).toThrow(
      ReportInternalError,
    );
  });
});
