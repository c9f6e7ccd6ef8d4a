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
        "111122223333 github-deploy unscoped-federation critical",
        "111122223333 vendor-audit external-access high",
        "111122223333 vendor-deploy external-access high",
        "111122223333 vendor-deploy missing-external-id medium",
        "111122223333 mgmt-cloudtrail-logs confused-deputy medium",
        "444455556666 partner-readonly external-access high",
        "444455556666 prod-data-eu external-access medium cancelled by resource-control-policy",
        "777788889999 dev-public-assets public-access high",
        "777788889999 dev-public-assets public-access high",
      ].sort(),
    );
    // sandbox's role, prod's bucket policy, dev's SAML providers, prod's KMS key policy.
    expect(report.problems.collectionErrors).toHaveLength(4);
  });
});
