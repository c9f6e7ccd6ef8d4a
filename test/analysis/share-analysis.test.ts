/**
 * The analysis of shared resources below the rules (docs/semantics.md#shares): who an OU share reaches, the grant
 * identities that keep fingerprints stable, and the account scan answering for the account's own block public
 * access when the index (a streaming scan's) does not.
 */
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { analyzeResource } from "../../src/analysis/resource-analysis.js";
import { indexSnapshot, type SnapshotIndex } from "../../src/analysis/snapshot-index.js";
import { scanAccount } from "../../src/engine/account-scan.js";
import { zoneFor } from "../../src/engine/scan.js";
import { isActive } from "../../src/findings/finding.js";
import type { AccountSnapshot } from "../../src/model/snapshot.js";
import { scanPolicy, snapshotForCase, type PolicyCase } from "../helpers/scan-policy.js";
import { ORG, ORG_MEMBER, OUTSIDE, OWNER, ROOT_ID } from "../rules/policies.js";

const PROD_OU = "ou-a1b2-prod1234";
const NESTED_OU = "ou-a1b2-nest5678";
const NESTED_MEMBER = "333344445555";
const ROOT_MEMBER = "444455556666";

describe("an OU share", () => {
  const c: PolicyCase = {
    resource: "ami",
    zone: "account",
    shares: [{ kind: "organizational-unit", arn: `arn:aws:organizations::${OWNER}:ou/${ORG}/${PROD_OU}` }],
    organization: {
      id: ORG,
      accounts: [OWNER, ORG_MEMBER, NESTED_MEMBER, ROOT_MEMBER],
      ous: { [PROD_OU]: ROOT_ID, [NESTED_OU]: PROD_OU },
      accountParents: { [ORG_MEMBER]: PROD_OU, [NESTED_MEMBER]: NESTED_OU },
    },
  };

  it("reaches the members of the OU and of the OUs nested in it, and no other member", () => {
    const snapshot = snapshotForCase(c);
    const account = snapshot.accounts[0] as AccountSnapshot;
    const resource = account.resources[0];
    if (!resource) throw new Error("the case has no resource");
    const analysis = analyzeResource(
      resource,
      zoneFor(snapshot, { zone: "account" }),
      indexSnapshot(snapshot),
    );
    const paths = new Set(analysis.grants[0]?.access.before.map((access) => access.caller.orgPath ?? "-"));
    expect(paths).toContain(`${ORG}/${ROOT_ID}/${PROD_OU}/`);
    expect(paths).toContain(`${ORG}/${ROOT_ID}/${PROD_OU}/${NESTED_OU}/`);
    expect(paths).not.toContain(`${ORG}/${ROOT_ID}/`);
    // An account moved into the OU later, under a path not known today.
    expect(paths).toContain("-");
  });
});

describe("share grants", () => {
  const shares: PolicyCase["shares"] = [{ kind: "account", accountId: OUTSIDE }, { kind: "public" }];

  it("name the entry: its index, its location and an identity that does not depend on its position", () => {
    const findings = scanPolicy({ resource: "ebs-snapshot", zone: "organization", shares });
    const sources = findings
      .map((f) => [f.ruleId, f.source.kind, f.source.index, f.source.identity])
      .sort((a, b) => Number(a[2]) - Number(b[2]));
    expect(sources).toEqual([
      ["external-access", "share", 0, `share:${OUTSIDE}`],
      ["public-access", "share", 1, "share:all"],
    ]);
    expect(findings.map((f) => f.source.location.startLine).sort()).toEqual([2, 3]);
  });

  it("keep their fingerprints when the attribute lists the entries in another order", () => {
    const fingerprints = (list: PolicyCase["shares"]) =>
      scanPolicy({ resource: "ebs-snapshot", zone: "organization", shares: list })
        .map((f) => f.fingerprint)
        .sort();
    expect(fingerprints([...(shares ?? [])].reverse())).toEqual(fingerprints(shares));
  });
});

describe("the account scan", () => {
  it("applies the account's own block public access when the index does not answer for it (a streaming scan)", () => {
    const snapshot = snapshotForCase({
      resource: "ebs-snapshot",
      zone: "organization",
      shares: [{ kind: "public" }],
      regionalControls: { snapshotBlockPublicAccess: "block-all-sharing" },
    });
    const whole = indexSnapshot(snapshot);
    const withoutRegionalControls: SnapshotIndex = {
      bucketOwner: (name) => whole.bucketOwner(name),
      accountOfCanonicalUser: (id) => whole.accountOfCanonicalUser(id),
      accountPublicAccessBlock: (id) => whole.accountPublicAccessBlock(id),
    };
    const scanned = scanAccount(snapshot.accounts[0] as AccountSnapshot, {
      zone: zoneFor(snapshot, { zone: "organization" }),
      index: withoutRegionalControls,
      rules: RULES,
      budgetLimit: 1_000_000,
    });
    expect(scanned.resourcesScanned).toBe(1);
    expect(scanned.findings.map((f) => [f.ruleId, isActive(f)])).toEqual([["public-access", false]]);
  });
});
