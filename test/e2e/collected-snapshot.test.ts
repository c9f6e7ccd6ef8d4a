/**
 * Issue acceptance for `collect`: the snapshot the collector writes from a mocked organization (committed under
 * test/expected/collect/, compared byte for byte by test/collect) scans into the findings docs/semantics.md calls for.
 */
import { describe, expect, it } from "vitest";
import { runTrustscan } from "../helpers/run-cli.js";

const COLLECTED = "test/expected/collect/organization";

interface JsonFinding {
  ruleId: string;
  severity: string;
  resource: { name: string; accountId: string };
  cancelledBy: { kind: string; name: string }[];
}

describe("scan of a collected snapshot", () => {
  it("gives the expected findings, with the RCP cancelling prod's external bucket access", async () => {
    const run = await runTrustscan(["scan", COLLECTED, "--format", "json", "--fail-on", "none"]);
    // The simulated collection recorded failed calls: the input is incomplete, exit 3.
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    const lines = (report.findings as JsonFinding[])
      .map(
        (f) =>
          `${f.resource.accountId} ${f.resource.name} ${f.ruleId} ${f.severity}${f.cancelledBy.length ? ` cancelled by ${f.cancelledBy.map((c) => c.kind).join(",")}` : ""}`,
      )
      .sort();
    expect(lines).toEqual(
      [
        "111122223333 1234abcd-12ab-34cd-56ef-1234567890ab confused-deputy medium",
        "111122223333 1234abcd-12ab-34cd-56ef-1234567890ab external-access high",
        "111122223333 1234abcd-12ab-34cd-56ef-1234567890ab external-access high",
        "111122223333 fs-0123456789abcdef0 public-access critical",
        "111122223333 mgmt-hook confused-deputy medium",
        "111122223333 mgmt-hook public-access critical",
        "111122223333 mgmt-images external-access medium",
        "111122223333 mgmt-orders external-access medium",
        "111122223333 mgmt-orders/stream/2026-01-01T00:00:00.000 external-access medium",
        "111122223333 mgmt/db-password external-access medium",
        "111122223333 shared-lib:2 public-access high",
        "777788889999 dev-public-queue public-access critical",
        "111122223333 github-deploy unscoped-federation critical",
        "111122223333 vendor-audit external-access high",
        "111122223333 vendor-deploy external-access high",
        "111122223333 vendor-deploy missing-external-id medium",
        "111122223333 mgmt-cloudtrail-logs confused-deputy medium",
        "444455556666 partner-readonly external-access high",
        "444455556666 prod-data-eu external-access medium cancelled by resource-control-policy",
        "777788889999 dev-public-assets public-access high",
        "777788889999 dev-public-assets public-access high",
        // Shared snapshots and AMIs (those shared within the organization give none), access points, directory
        // buckets, and the multi-region access point whose public policy the account's Block Public Access cancels.
        "111122223333 ami-0a1b2c3d4e5f60002 public-access high",
        "111122223333 snap-0a1b2c3d4e5f60001 public-access high",
        "111122223333 snap-0a1b2c3d4e5f60002 external-access medium",
        "111122223333 mgmt-db-final public-access high",
        "111122223333 mgmt-db-shared external-access medium",
        "111122223333 mgmt-vendor-ap external-access medium",
        "111122223333 mgmt-express--use1-az4--x-s3 external-access high",
        "111122223333 mgmt-global confused-deputy medium",
        "111122223333 mgmt-global public-access high cancelled by block-public-access",
      ].sort(),
    );
    // sandbox's role, prod's bucket policy, dev's SAML providers, prod's KMS key policy.
    expect(report.problems.collectionErrors).toHaveLength(4);
  });
});
