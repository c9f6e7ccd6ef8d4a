/**
 * Resources shared by an attribute rather than a policy (docs/semantics.md#shares): EBS snapshots
 * (createVolumePermission), AMIs (launchPermission), RDS DB and DB cluster snapshots (restore). `all` is
 * public-access; an account, organization or OU outside the zone is external-access. A share lets an account copy
 * or restore the whole resource: read, so high when public and medium when external (docs/semantics.md#severity).
 * Block public access for snapshots in block-all-sharing mode cancels a public snapshot; nothing else cancels a
 * share (block-new-sharing and AMI block public access leave existing public shares, and RCPs do not cover EC2
 * or RDS).
 */
import { describe } from "vitest";
import type { Snapshot } from "../../../src/model/snapshot.js";
import type { OrganizationCase, SharedCaseResource, ShareCase } from "../../helpers/scan-policy.js";
import { inBothZones, inZones, ruleTester, type Case } from "../rule-tester.js";
import { ORG, ORG_MEMBER, OTHER_ORG, OUTSIDE, OWNER, ROOT_ID } from "../policies.js";

interface SharedType {
  resource: SharedCaseResource;
  label: string;
  name: string;
  attribute: string;
  ec2: boolean;
}

const TYPES: SharedType[] = [
  {
    resource: "ebs-snapshot",
    label: "EBS snapshot",
    name: "snap-0123456789abcdef0",
    attribute: "createVolumePermission",
    ec2: true,
  },
  { resource: "ami", label: "AMI", name: "ami-0abcdef1234567890", attribute: "launchPermission", ec2: true },
  {
    resource: "db-snapshot",
    label: "RDS DB snapshot",
    name: "case-db-snapshot",
    attribute: "restore",
    ec2: false,
  },
  {
    resource: "db-cluster-snapshot",
    label: "RDS DB cluster snapshot",
    name: "case-db-cluster-snapshot",
    attribute: "restore",
    ec2: false,
  },
];

const ALL: ShareCase = { kind: "public" };
const account = (accountId: string): ShareCase => ({ kind: "account", accountId });
const organization = (id: string): ShareCase => ({
  kind: "organization",
  arn: `arn:aws:organizations::${OWNER}:organization/${id}`,
});
const organizationalUnit = (orgId: string, ouId: string): ShareCase => ({
  kind: "organizational-unit",
  arn: `arn:aws:organizations::${OWNER}:ou/${orgId}/${ouId}`,
});

/** As each attribute writes an entry: EC2's permission objects, RDS's bare values. */
function written(type: SharedType, entry: "all" | string): string {
  if (!type.ec2) return JSON.stringify(entry);
  return JSON.stringify(entry === "all" ? { Group: "all" } : { UserId: entry });
}

const PROD_OU = "ou-a1b2-prod1234";
const LONE_OU = "ou-a1b2-lone5678";
const THIRD_MEMBER = "333344445555";

/** The owner and a third member directly under the root; the other member in the Prod OU; the owner alone in Lone. */
const ORG_WITH_OUS: OrganizationCase = {
  id: ORG,
  accounts: [OWNER, ORG_MEMBER, THIRD_MEMBER],
  ous: { [PROD_OU]: ROOT_ID, [LONE_OU]: ROOT_ID },
  accountParents: { [ORG_MEMBER]: PROD_OU, [OWNER]: LONE_OU },
};

/** The data perimeter RCP of the AWS documentation, written for every action: it does not reach EC2 or RDS. */
const PERIMETER_RCP: OrganizationCase = {
  id: ORG,
  accounts: [OWNER, ORG_MEMBER],
  managementAccount: ORG_MEMBER,
  rcps: [
    {
      name: "data-perimeter",
      targets: [ROOT_ID],
      policy: {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Deny",
            Principal: "*",
            Action: "*",
            Resource: "*",
            Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG } },
          },
        ],
      },
    },
  ],
};

const snapshotBpa = (state: "block-all-sharing" | "block-new-sharing") => ({
  regionalControls: { snapshotBlockPublicAccess: state },
});
const byBlockAllSharing = {
  kind: "block-public-access" as const,
  name: "block public access for snapshots (block-all-sharing) in us-east-1",
};

/** Block public access for snapshots in block-all-sharing mode, set for a region the resource is not in. */
function blockAllSharingIn(region: string) {
  return (snapshot: Snapshot) => {
    snapshot.accounts[0]?.regionalControls.set(region, { snapshotBlockPublicAccess: "block-all-sharing" });
  };
}

function publicAccessTable(type: SharedType): { valid: Case[]; invalid: Case[] } {
  const { resource, label, name } = type;
  const publicMessage = `${label} ${name} is shared with every AWS account: its ${type.attribute} attribute lists ${written(type, "all")}`;
  const valid: Case[] = [
    ...inBothZones("shared with nobody", { resource, shares: [] }, { cancelled: 0, activeRules: [] }),
    ...inBothZones(
      "the share attribute could not be read (the collection error speaks for it)",
      { resource, shares: null },
      { cancelled: 0, activeRules: [] },
    ),
    ...inBothZones(
      "shared with a named outside account: external, not public",
      { resource, shares: [account(OUTSIDE)] },
      { cancelled: 0, activeRules: ["external-access"] },
    ),
    ...inBothZones(
      "shared with its own account",
      { resource, shares: [account(OWNER)] },
      { cancelled: 0, activeRules: [] },
    ),
  ];
  const invalid: Case[] = [
    ...inBothZones(
      'shared with "all": every AWS account can copy or restore it (read: high)',
      { resource, shares: [ALL] },
      {
        expected: { severity: "high", isPublic: true, judged: "anyone", message: `${publicMessage}.` },
        activeRules: ["public-access"],
      },
    ),
    ...inBothZones(
      'shared with "all" and with an outside account: one public finding, for "all"',
      { resource, shares: [account(OUTSIDE), ALL] },
      { expected: { count: 1, message: publicMessage }, activeRules: ["external-access", "public-access"] },
    ),
    ...inZones(
      ["organization"],
      "an RCP denying everyone outside the organization does not cover EC2 or RDS",
      { resource, shares: [ALL], organization: PERIMETER_RCP },
      { expected: { severity: "high", message: publicMessage } },
    ),
  ];
  if (resource === "ebs-snapshot") {
    valid.push(
      ...inBothZones(
        "block-all-sharing with only an account share: nothing public to cancel",
        { resource, shares: [account(OUTSIDE)], ...snapshotBpa("block-all-sharing") },
        { cancelled: 0, activeRules: ["external-access"] },
      ),
    );
    invalid.push(
      ...inBothZones(
        "block public access for snapshots in block-all-sharing mode makes a public snapshot private",
        { resource, shares: [ALL], ...snapshotBpa("block-all-sharing") },
        {
          expected: { active: false, severity: "high", cancelledBy: [byBlockAllSharing] },
          activeRules: [],
        },
      ),
      ...inBothZones(
        "block-new-sharing leaves a snapshot that is already public available",
        { resource, shares: [ALL], ...snapshotBpa("block-new-sharing") },
        {
          expected: {
            message: `${publicMessage}; block public access for snapshots is on in us-east-1 in block-new-sharing mode, which leaves snapshots that are already public available.`,
          },
        },
      ),
      ...inBothZones(
        "block-all-sharing in another region does not reach the snapshot's region",
        { resource, shares: [ALL] },
        { expected: { message: `${publicMessage}.` }, adjust: blockAllSharingIn("eu-west-1") },
      ),
      ...inBothZones(
        "block public access for AMIs does not reach snapshots",
        { resource, shares: [ALL], regionalControls: { imageBlockPublicAccess: "block-new-sharing" } },
        { expected: { message: `${publicMessage}.` } },
      ),
    );
  }
  if (resource === "ami") {
    invalid.push(
      ...inBothZones(
        "block public access for AMIs leaves an AMI that is already public public",
        { resource, shares: [ALL], regionalControls: { imageBlockPublicAccess: "block-new-sharing" } },
        {
          expected: {
            message: `${publicMessage}; block public access for AMIs is on in us-east-1, but it does not make an AMI that is already public private.`,
          },
        },
      ),
      ...inBothZones(
        "block public access for snapshots does not reach AMIs",
        { resource, shares: [ALL], ...snapshotBpa("block-all-sharing") },
        { expected: { message: `${publicMessage}.` } },
      ),
    );
  }
  if (!type.ec2) {
    invalid.push(
      ...inBothZones(
        "EC2 block public access for snapshots does not reach RDS snapshots",
        { resource, shares: [ALL], ...snapshotBpa("block-all-sharing") },
        { expected: { message: `${publicMessage}.` } },
      ),
    );
  }
  return { valid, invalid };
}

function externalAccessTable(type: SharedType): { valid: Case[]; invalid: Case[] } {
  const { resource, label, name } = type;
  const lists = (entry: string) => `: its ${type.attribute} attribute lists ${entry}`;
  const valid: Case[] = [
    ...inBothZones(
      'shared with "all": public-access speaks for it',
      { resource, shares: [ALL] },
      { activeRules: ["public-access"] },
    ),
    ...inBothZones(
      "shared with its own account",
      { resource, shares: [account(OWNER)] },
      { cancelled: 0, activeRules: [] },
    ),
    ...inBothZones(
      "shared with a trusted account",
      { resource, shares: [account(OUTSIDE)], trustedAccounts: [OUTSIDE] },
      { cancelled: 0, activeRules: [] },
    ),
    ...inZones(
      ["organization"],
      "shared with another member of the organization",
      { resource, shares: [account(ORG_MEMBER)] },
      { cancelled: 0, activeRules: [] },
    ),
  ];
  const invalid: Case[] = [
    ...inZones(
      ["account"],
      "shared with an outside account (read: medium)",
      { resource, shares: [account(OUTSIDE)] },
      {
        expected: {
          severity: "medium",
          isPublic: false,
          judged: `account ${OUTSIDE}`,
          accounts: [OUTSIDE],
          message: `${label} ${name} is shared with account ${OUTSIDE} (outside account ${OWNER})${lists(written(type, OUTSIDE))}.`,
        },
        activeRules: ["external-access"],
      },
    ),
    ...inZones(
      ["organization"],
      "shared with an outside account (read: medium)",
      { resource, shares: [account(OUTSIDE)] },
      {
        expected: {
          severity: "medium",
          accounts: [OUTSIDE],
          message: `${label} ${name} is shared with account ${OUTSIDE} (outside organization ${ORG})${lists(written(type, OUTSIDE))}.`,
        },
      },
    ),
    ...inZones(
      ["account"],
      "shared with another member of the organization",
      { resource, shares: [account(ORG_MEMBER)] },
      { expected: { accounts: [ORG_MEMBER], judged: `account ${ORG_MEMBER}` } },
    ),
    ...inBothZones(
      "the AWS documentation example: shared with 123456789012 and 210987654321, one finding each",
      { resource, shares: [account("123456789012"), account("210987654321")] },
      { expected: { count: 2, severity: "medium" } },
    ),
    ...inBothZones(
      "an entry that is no account id is an outside party of its own",
      { resource, shares: [account("12345")] },
      { expected: { judged: "unresolved principal 12345", accounts: [] } },
    ),
  ];
  if (resource === "ebs-snapshot") {
    invalid.push(
      ...inBothZones(
        "block-all-sharing leaves a snapshot shared with a named account shared",
        { resource, shares: [account(OUTSIDE)], ...snapshotBpa("block-all-sharing") },
        { expected: { accounts: [OUTSIDE] } },
      ),
    );
  }
  if (resource === "ami") {
    valid.push(
      ...inZones(
        ["organization"],
        "shared with the zone's own organization",
        { resource, shares: [organization(ORG)] },
        { cancelled: 0, activeRules: [] },
      ),
      ...inZones(
        ["organization"],
        "shared with an OU of the zone's own organization",
        { resource, shares: [organizationalUnit(ORG, PROD_OU)], organization: ORG_WITH_OUS },
        { cancelled: 0, activeRules: [] },
      ),
    );
    invalid.push(
      ...inZones(
        ["account"],
        "shared with the owner's organization: its other members are outside the account",
        { resource, shares: [organization(ORG)] },
        {
          expected: {
            judged: `organization ${ORG}`,
            accounts: [],
            severity: "medium",
            message: `${label} ${name} is shared with organization ${ORG} (outside account ${OWNER})${lists(JSON.stringify({ OrganizationArn: `arn:aws:organizations::${OWNER}:organization/${ORG}` }))}.`,
          },
        },
      ),
      ...inBothZones(
        "shared with another organization: its accounts are not known",
        { resource, shares: [organization(OTHER_ORG)] },
        { expected: { judged: `organization ${OTHER_ORG}`, accounts: [], severity: "medium" } },
      ),
      ...inBothZones(
        "the AWS documentation example: shared with organization o-123example",
        {
          resource,
          shares: [
            { kind: "organization", arn: "arn:aws:organizations::123456789012:organization/o-123example" },
          ],
        },
        { expected: { judged: "organization o-123example" } },
      ),
      ...inZones(
        ["account"],
        "shared with an OU of the owner's organization: its members are outside the account",
        { resource, shares: [organizationalUnit(ORG, PROD_OU)], organization: ORG_WITH_OUS },
        { expected: { judged: `organization ${ORG}` } },
      ),
      ...inZones(
        ["account"],
        "shared with an OU that holds only the owner: an account moved into it later gets the AMI",
        { resource, shares: [organizationalUnit(ORG, LONE_OU)], organization: ORG_WITH_OUS },
        { expected: { judged: `organization ${ORG}` } },
      ),
      ...inBothZones(
        "the AWS documentation example: shared with OU ou-1234-5example of organization o-123example",
        {
          resource,
          shares: [
            {
              kind: "organizational-unit",
              arn: "arn:aws:organizations::111122223333:ou/o-123example/ou-1234-5example",
            },
          ],
        },
        { expected: { judged: "organization o-123example", accounts: [] } },
      ),
      ...inBothZones(
        "an organization ARN that names no organization id is an outside party of its own",
        {
          resource,
          shares: [{ kind: "organization", arn: `arn:aws:organizations::${OWNER}:organization/o-*` }],
        },
        { expected: { judged: `unresolved principal arn:aws:organizations::${OWNER}:organization/o-*` } },
      ),
      ...inBothZones(
        "an OU ARN with a wildcard for its OU id is an outside party of its own",
        {
          resource,
          shares: [{ kind: "organizational-unit", arn: `arn:aws:organizations::${OWNER}:ou/${ORG}/*` }],
        },
        { expected: { judged: "unresolved principal" } },
      ),
    );
  }
  return { valid, invalid };
}

for (const type of TYPES) {
  describe(type.label, () => {
    ruleTester("public-access", publicAccessTable(type));
    ruleTester("external-access", externalAccessTable(type));
  });
}
