/**
 * The zone of trust (docs/semantics.md#zone): `account` (each account is its own zone) vs `organization` (every account the
 * organization lists), extended by `--trusted-account`. The same policy answers differently in the two zones.
 */
import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../../src/engine/scan.js";
import { isActive } from "../../src/findings/finding.js";
import { snapshotForCase } from "../helpers/scan-policy.js";
import { inBothZones, inZones, ruleTester } from "./rule-tester.js";
import {
  ORG,
  ORG_MEMBER,
  OUTSIDE,
  OWNER,
  ROOT_ID,
  assumeRole,
  getObject,
  policy,
  publicRead,
  publicTrust,
} from "./policies.js";

const PROD_OU = "ou-a1b2-11111111";
/** The default organization with the member account in a Prod OU under the root. */
const orgWithProdOu = {
  id: ORG,
  accounts: [OWNER, ORG_MEMBER],
  ous: { [PROD_OU]: ROOT_ID },
  accountParents: { [ORG_MEMBER]: PROD_OU },
};
const memberTrust = policy(assumeRole({ AWS: `arn:aws:iam::${ORG_MEMBER}:root` }));
const orgConfinedRead = publicRead({ StringEquals: { "aws:PrincipalOrgID": ORG } });
const schedulerFor = (condition: Record<string, unknown>) =>
  policy(assumeRole({ Service: "scheduler.amazonaws.com" }, condition));

describe("zone of trust", () => {
  describe("default zone", () => {
    const activeRules = (withOrganization: boolean) => {
      const snapshot = snapshotForCase({ resource: "role", policy: memberTrust, zone: "account" });
      if (!withOrganization) delete snapshot.organization;
      const result = scanSnapshot(snapshot, {});
      return {
        kind: result.zone.kind,
        rules: result.findings
          .filter(isActive)
          .map((f) => f.ruleId)
          .sort(),
      };
    };
    it("is the organization when the snapshot has organization data", () => {
      expect(activeRules(true)).toEqual({ kind: "organization", rules: [] });
    });
    it("is the account when the snapshot has no organization data", () => {
      expect(activeRules(false)).toEqual({
        kind: "account",
        rules: ["external-access", "missing-external-id"],
      });
    });
  });

  ruleTester("external-access", {
    valid: [
      ...inZones(["organization"], "a member account of the organization", {
        resource: "role",
        policy: memberTrust,
      }),
      ...inZones(["organization"], 'Principal "*" with aws:PrincipalOrgID of the zone\'s organization', {
        resource: "bucket",
        policy: orgConfinedRead,
      }),
      ...inZones(
        ["organization"],
        "aws:PrincipalOrgID of the zone's organization AND aws:SourceIp 0.0.0.0/0",
        {
          resource: "bucket",
          policy: publicRead({
            StringEquals: { "aws:PrincipalOrgID": ORG },
            IpAddress: { "aws:SourceIp": "0.0.0.0/0" },
          }),
        },
        { activeRules: [] },
      ),
      ...inZones(["organization"], "ForAnyValue:StringLike aws:PrincipalOrgPaths o-a1b2c3d4e5/r-a1b2/*", {
        resource: "bucket",
        policy: publicRead({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/${ROOT_ID}/*` } }),
      }),
      ...inZones(["organization"], "aws:PrincipalOrgPaths of an OU of the zone's organization", {
        resource: "bucket",
        organization: orgWithProdOu,
        policy: publicRead({
          "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/${ROOT_ID}/${PROD_OU}/*` },
        }),
      }),
      ...inZones(["organization"], "aws:PrincipalAccount of a member account", {
        resource: "role",
        policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": ORG_MEMBER } }),
      }),
      ...inZones(["organization"], "a service acting for a member account (aws:SourceAccount)", {
        resource: "role",
        policy: schedulerFor({ StringEquals: { "aws:SourceAccount": ORG_MEMBER } }),
      }),
      ...inZones(["organization"], "a service acting for the zone's organization (aws:SourceOrgID)", {
        resource: "role",
        policy: schedulerFor({ StringEquals: { "aws:SourceOrgID": ORG } }),
      }),
      ...inZones(
        ["organization"],
        "an organization listing a third account: that account is inside the organization zone",
        {
          resource: "role",
          organization: { id: ORG, accounts: [OWNER, ORG_MEMBER, "444455556666"] },
          policy: policy(assumeRole({ AWS: "arn:aws:iam::444455556666:role/Deployer" })),
        },
        { activeRules: [] },
      ),
      ...inBothZones(
        "--trusted-account extends the zone to an outside account",
        { resource: "role", policy: policy(assumeRole({ AWS: OUTSIDE })), trustedAccounts: [OUTSIDE] },
        { activeRules: [] },
      ),
      ...inZones(
        ["account"],
        "--trusted-account extends the account zone to a member account",
        { resource: "role", policy: memberTrust, trustedAccounts: [ORG_MEMBER] },
        { activeRules: [] },
      ),
      ...inZones(
        ["organization"],
        "OR across values: a member and a trusted account",
        {
          resource: "role",
          policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": [ORG_MEMBER, OUTSIDE] } }),
          trustedAccounts: [OUTSIDE],
        },
        { activeRules: [] },
      ),
    ],
    invalid: [
      // Issue 7, item 6: an account that joins the organization later is outside the account zone too, so trusting
      // every member listed today does not make an organization-wide grant internal.
      ...inZones(
        ["account"],
        "the organization with every current member trusted: aws:PrincipalOrgID still reaches future members",
        { resource: "bucket", policy: orgConfinedRead, trustedAccounts: [ORG_MEMBER] },
        { expected: { message: "organization o-" }, activeRules: ["external-access"] },
      ),
      ...inZones(
        ["account"],
        "a member account of the organization is outside the account zone",
        { resource: "role", policy: memberTrust },
        {
          expected: { severity: "high", accounts: [ORG_MEMBER], message: `outside account ${OWNER}` },
          activeRules: ["external-access", "missing-external-id"],
        },
      ),
      ...inZones(
        ["account"],
        "no organization data: the account zone",
        { resource: "role", policy: memberTrust },
        {
          expected: { accounts: [ORG_MEMBER] },
          adjust: (snapshot) => {
            delete snapshot.organization;
          },
        },
      ),
      ...inZones(
        ["organization"],
        "an outside account is outside the organization zone",
        { resource: "role", policy: policy(assumeRole({ AWS: OUTSIDE })) },
        { expected: { accounts: [OUTSIDE], message: `outside organization ${ORG}` } },
      ),
      ...inZones(
        ["account"],
        'Principal "*" with aws:PrincipalOrgID reaches the other members of the organization',
        { resource: "role", policy: publicTrust({ StringEquals: { "aws:PrincipalOrgID": ORG } }) },
        {
          expected: { isPublic: false, severity: "high", judged: `organization ${ORG}` },
          activeRules: ["external-access"],
        },
      ),
      ...inZones(
        ["account"],
        "aws:PrincipalOrgID AND aws:SourceIp 0.0.0.0/0: confined to the organization, not public",
        {
          resource: "bucket",
          policy: publicRead({
            StringEquals: { "aws:PrincipalOrgID": ORG },
            IpAddress: { "aws:SourceIp": "0.0.0.0/0" },
          }),
        },
        { expected: { isPublic: false, severity: "medium", judged: `organization ${ORG}` } },
      ),
      ...inZones(
        ["account"],
        "ForAnyValue:StringLike aws:PrincipalOrgPaths o-a1b2c3d4e5/r-a1b2/*",
        {
          resource: "bucket",
          policy: publicRead({
            "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/${ROOT_ID}/*` },
          }),
        },
        { expected: { isPublic: false, judged: ORG } },
      ),
      ...inZones(
        ["account"],
        "aws:PrincipalOrgPaths of the OU that holds the member account",
        {
          resource: "bucket",
          organization: orgWithProdOu,
          policy: publicRead({
            "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/${ROOT_ID}/${PROD_OU}/*` },
          }),
        },
        { expected: { isPublic: false, judged: ORG } },
      ),
      ...inZones(
        ["account"],
        "OR across values: a member account and an outside account",
        {
          resource: "role",
          policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": [ORG_MEMBER, OUTSIDE] } }),
        },
        { expected: { accounts: [ORG_MEMBER, OUTSIDE] } },
      ),
      ...inZones(
        ["organization"],
        "OR across values: only the outside account is outside the organization zone",
        {
          resource: "role",
          policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": [ORG_MEMBER, OUTSIDE] } }),
        },
        { expected: { accounts: [OUTSIDE] } },
      ),
      ...inZones(
        ["account"],
        "[beyond] a service acting for a member account is outside the account zone",
        { resource: "role", policy: schedulerFor({ StringEquals: { "aws:SourceAccount": ORG_MEMBER } }) },
        {
          expected: { accounts: [ORG_MEMBER], judged: "scheduler.amazonaws.com" },
          activeRules: ["external-access"],
        },
      ),
      ...inZones(
        ["account"],
        "[beyond] a service acting for the owner's organization is outside the account zone",
        { resource: "role", policy: schedulerFor({ StringEquals: { "aws:SourceOrgID": ORG } }) },
        { expected: { judged: `organization ${ORG}` }, activeRules: ["external-access"] },
      ),
      ...inBothZones(
        "a trusted account does not cover another outside account",
        {
          resource: "bucket",
          policy: policy(getObject({ AWS: [OUTSIDE, "444455556666"] })),
          trustedAccounts: [OUTSIDE],
        },
        { expected: { count: 1, accounts: ["444455556666"] } },
      ),
    ],
  });

  ruleTester("missing-external-id", {
    valid: [
      ...inZones(["organization"], "a member account is inside the organization zone", {
        resource: "role",
        policy: memberTrust,
      }),
      ...inZones(["organization"], "aws:PrincipalAccount of a member account", {
        resource: "role",
        policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": ORG_MEMBER } }),
      }),
      ...inBothZones("a trusted account", {
        resource: "role",
        policy: policy(assumeRole({ AWS: OUTSIDE })),
        trustedAccounts: [OUTSIDE],
      }),
      ...inZones(
        ["account"],
        'Principal "*" with aws:PrincipalOrgID: an organization, not a specific account',
        {
          resource: "role",
          policy: publicTrust({ StringEquals: { "aws:PrincipalOrgID": ORG } }),
        },
      ),
    ],
    invalid: [
      ...inZones(
        ["account"],
        "a member account is outside the account zone",
        { resource: "role", policy: memberTrust },
        { expected: { accounts: [ORG_MEMBER], message: `outside account ${OWNER}` } },
      ),
      ...inZones(
        ["account"],
        "aws:PrincipalAccount of a member account, account zone",
        { resource: "role", policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": ORG_MEMBER } }) },
        { expected: { accounts: [ORG_MEMBER] } },
      ),
      ...inZones(
        ["organization"],
        "an outside account, organization zone",
        { resource: "role", policy: policy(assumeRole({ AWS: OUTSIDE })) },
        { expected: { accounts: [OUTSIDE], message: `outside organization ${ORG}` } },
      ),
    ],
  });

  ruleTester("public-access", {
    valid: [],
    invalid: [
      ...inBothZones(
        "public is public in every zone, whatever accounts are trusted",
        { resource: "role", policy: publicTrust(), trustedAccounts: [OUTSIDE, ORG_MEMBER] },
        { expected: { isPublic: true }, activeRules: ["public-access"] },
      ),
      ...inZones(
        ["organization"],
        "ForAllValues:StringLike aws:PrincipalOrgPaths o-a1b2c3d4e5/r-a1b2/* is public even in the organization zone",
        {
          resource: "bucket",
          policy: publicRead({
            "ForAllValues:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/${ROOT_ID}/*` },
          }),
        },
        { expected: { isPublic: true }, activeRules: ["public-access"] },
      ),
    ],
  });
});
