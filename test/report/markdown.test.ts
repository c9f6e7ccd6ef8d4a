import { describe, expect, it } from "vitest";
import { DEFAULT_MARKDOWN_MAX_BYTES, renderMarkdown } from "../../src/report/markdown.js";
import {
  emptyScanResult,
  EXTERNAL_ROLE_FINDING,
  PUBLIC_BUCKET_FINDING,
  sampleScanResult,
} from "./fixtures/scan-results.js";

const findingRows = (markdown: string) =>
  markdown.split("\n").filter((line) => /^\| (Critical|High|Medium|Low) \| `/.test(line));

describe("renderMarkdown", () => {
  const markdown = renderMarkdown(sampleScanResult());

  it("heads the job summary with the active count and what was scanned", () => {
    expect(markdown.startsWith("## trustscan: 5 active findings\n\n")).toBe(true);
    expect(markdown).toContain(
      "Scanned 5 resources in 2 accounts (zone: organization o-abc123def4) with trustscan 0.1.0.",
    );
  });

  it("counts by severity and by rule", () => {
    expect(markdown).toContain(
      "| Severity | Active findings |\n| --- | ---: |\n| Critical | 1 |\n| High | 2 |\n| Medium | 2 |\n| Low | 0 |",
    );
    expect(markdown).toContain(
      "| Rule | Active findings |\n| --- | ---: |\n| `public-access` | 1 |\n| `external-access` | 1 |\n" +
        "| `missing-external-id` | 1 |\n| `confused-deputy` | 1 |\n| `unscoped-federation` | 1 |",
    );
  });

  it("tables the active findings, most severe first, without the cancelled one", () => {
    const rows = markdown.split("\n").filter((line) => /^\| (Critical|High|Medium|Low) \| `/.test(line));
    expect(rows).toEqual([
      "| Critical | `public-access` | `arn:aws:s3:::public-assets` | Bucket public-assets can be read and listed by anyone, including anonymous callers |",
      "| High | `external-access` | `arn:aws:iam::111122223333:role/deployer` | Role deployer can be assumed by any principal in account 999999999999 (outside organization o-abc123def4) |",
      "| High | `unscoped-federation` | `arn:aws:iam::444455556666:role/ci` | Role ci can be assumed from any GitHub repository: token.actions.githubusercontent.com:sub is not pinned (repo:\\*) |",
      "| Medium | `missing-external-id` | `arn:aws:iam::111122223333:role/deployer` | Role deployer can be assumed by account 999999999999 without an external ID |",
      "| Medium | `confused-deputy` | `arn:aws:iam::444455556666:role/notifier` | Role notifier can be assumed by sns.amazonaws.com acting for any account (no aws:SourceAccount or aws:SourceArn) |",
    ]);
    expect(markdown).not.toContain("Bucket logs");
  });

  it("gives the cancelled count and the problems", () => {
    expect(markdown).toContain(
      "1 finding cancelled by guardrails (Deny statements, Block Public Access, resource control policies)",
    );
    expect(markdown).toContain(
      "### Problems (the findings may be incomplete)\n\n" +
        "- Read problem: Could not read $.s3.Buckets\\[3\\].Policy in test/fixtures/sarif/snapshot/accounts/444455556666.json: " +
        "expected a policy object or a JSON string, found a number\n" +
        "- Collection error: Collection of s3:GetBucketAcl on arn:aws:s3:::public-assets in account 111122223333 " +
        "failed with AccessDenied: Access Denied\n",
    );
  });

  it("names the region of a regional collection error", () => {
    const regional = {
      accountId: "111122223333",
      region: "eu-west-1",
      service: "kms",
      operation: "GetKeyPolicy",
      resource: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      code: "AccessDeniedException",
    };
    expect(renderMarkdown(sampleScanResult({ collectionErrors: [regional] }))).toContain(
      "- Collection error: Collection of kms:GetKeyPolicy on arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab in account 111122223333 in region eu-west-1 failed with AccessDeniedException\n",
    );
  });

  it("keeps snapshot text inside its table cell", () => {
    const hostile = {
      ...PUBLIC_BUCKET_FINDING,
      message: "Bucket a|b is <b>public</b>\nsee [here](http://x)",
      resource: { ...PUBLIC_BUCKET_FINDING.resource, arn: "arn:aws:s3:::a|b`c" },
    };
    const row = renderMarkdown(sampleScanResult({ findings: [hostile] }))
      .split("\n")
      .find((line) => line.startsWith("| Critical | `public-access`"));
    expect(row).toBe(
      "| Critical | `public-access` | ``arn:aws:s3:::a\\|b`c`` | Bucket a\\|b is &lt;b&gt;public&lt;/b&gt;\\\\nsee \\[here\\](http://x) |",
    );
  });

  it("keeps under a byte limit by leaving out the least severe rows, and says how many", () => {
    const full = renderMarkdown(sampleScanResult());
    const maxBytes = Buffer.byteLength(full) - 200;
    const capped = renderMarkdown(sampleScanResult(), { maxBytes });
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(maxBytes);
    const rows = findingRows(capped);
    const leftOut = Number(/… and (\d+) more findings?, left out/.exec(capped)?.[1]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length + leftOut).toBe(5);
    expect(rows).toEqual(findingRows(full).slice(0, rows.length));
    // The problems still get their heading and a count when the rows took the room.
    expect(capped).toContain("### Problems (the findings may be incomplete)");
  });

  it("stays under GitHub's 1 MiB job summary limit with 800 findings on roles with 3,000-character names", () => {
    const findings = Array.from({ length: 800 }, (_, i) => {
      const name = `${"r".repeat(3000)}-${i}`;
      return {
        ...EXTERNAL_ROLE_FINDING,
        message: `Role ${name} can be assumed by any principal in account 999999999999`,
        resource: { ...EXTERNAL_ROLE_FINDING.resource, arn: `arn:aws:iam::111122223333:role/${name}`, name },
      };
    });
    const markdown = renderMarkdown(sampleScanResult({ findings }));
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(DEFAULT_MARKDOWN_MAX_BYTES);
    expect(DEFAULT_MARKDOWN_MAX_BYTES).toBeLessThan(1024 * 1024);
    const shown = findingRows(markdown).length;
    expect(shown).toBeGreaterThan(100);
    expect(markdown).toContain(
      `… and ${800 - shown} more findings, left out to keep this summary under 960 KiB`,
    );
  });

  it("caps the problem list too", () => {
    const collectionErrors = Array.from({ length: 5000 }, (_, i) => ({
      accountId: "111122223333",
      service: "s3",
      operation: "GetBucketPolicy",
      resource: `arn:aws:s3:::bucket-${i}`,
      code: "AccessDenied",
      message: "m".repeat(1000),
    }));
    const markdown = renderMarkdown(sampleScanResult({ collectionErrors }));
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(DEFAULT_MARKDOWN_MAX_BYTES);
    expect(findingRows(markdown)).toHaveLength(5);
    const listed = markdown.split("\n").filter((line) => line.startsWith("- ")).length;
    expect(listed).toBeGreaterThan(100);
    expect(markdown).toContain(`… and ${5001 - listed} more problems, left out`);
  });

  it("stays short when there is nothing to report", () => {
    const empty = renderMarkdown(emptyScanResult());
    expect(empty.startsWith("## trustscan: 0 active findings\n")).toBe(true);
    expect(empty).not.toContain("### Active findings");
    expect(empty).not.toContain("cancelled");
    expect(empty).not.toContain("### Problems");
  });
});
