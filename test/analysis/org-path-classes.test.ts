/**
 * The account zone's callers for the other members of the organization: one per class of OU paths that the
 * resource's aws:PrincipalOrgPaths / aws:SourceOrgPaths conditions tell apart, none when it has no such condition.
 * The findings must be those of one caller per OU path (the engine before the classes), policy for policy.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type * as OrgPathClasses from "../../src/analysis/org-path-classes.js";
import { analyzeResource } from "../../src/analysis/resource-analysis.js";
import { indexSnapshot } from "../../src/analysis/snapshot-index.js";
import { zoneFor } from "../../src/engine/scan.js";
import type { Snapshot } from "../../src/model/snapshot.js";
import { scanSnapshot } from "../../src/engine/scan.js";
import { snapshotForCase, type OrganizationCase, type PolicyCase } from "../helpers/scan-policy.js";
import { OBJECTS_ARN, ORG, ROOT_ID, assumeRole, getObject, policy } from "../rules/policies.js";

const OWNER = "111122223333";
/** Twelve OUs under the root, one member each besides the owner (at the root). */
const OUS = Array.from({ length: 12 }, (_, i) => `ou-a1b2-${String(i).padStart(8, "0")}`);
const MEMBERS = OUS.map((_, i) => String(222233334400 + i));
const ORGANIZATION: OrganizationCase = {
  id: ORG,
  accounts: [OWNER, ...MEMBERS],
  ous: Object.fromEntries(OUS.map((ou) => [ou, ROOT_ID])),
  accountParents: Object.fromEntries(MEMBERS.map((member, i) => [member, OUS[i] as string])),
};
const FIRST_OU_PATH = `${ORG}/${ROOT_ID}/${OUS[0]}/`;

function bucketCase(statements: Record<string, unknown>[], organization = ORGANIZATION): PolicyCase {
  return { resource: "bucket", policy: policy(...statements), zone: "account", organization };
}

/** The distinct OU paths of the callers a grant reaches before any control. */
function pathsReached(snapshot: Snapshot): string[] {
  const resource = snapshot.accounts[0]?.buckets[0] ?? snapshot.accounts[0]?.roles[0];
  if (!resource) throw new Error("no resource");
  const analysis = analyzeResource(resource, zoneFor(snapshot, { zone: "account" }), indexSnapshot(snapshot));
  const paths = analysis.grants.flatMap((grant) => grant.access.before.map((a) => a.caller.orgPath));
  return [...new Set(paths.filter((path): path is string => path !== undefined))].sort();
}

const orgRead = getObject("*", { StringEquals: { "aws:PrincipalOrgID": ORG } }, "OrgRead");

describe("account zone: one caller per class of OU paths", () => {
  it("gives no member a path of its own when no condition reads the path", () => {
    expect(pathsReached(snapshotForCase(bucketCase([orgRead])))).toEqual([]);
  });

  it("gives one path for the OU a condition names and one for all the others", () => {
    const deny = {
      Sid: "DenyFirstOu",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: OBJECTS_ARN,
      Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${FIRST_OU_PATH}*` } },
    };
    const reached = pathsReached(snapshotForCase(bucketCase([orgRead, deny])));
    expect(reached).toHaveLength(2);
    expect(reached).toContain(FIRST_OU_PATH);
  });

  it("builds as many callers for twelve OUs as for one", () => {
    const oneOu: OrganizationCase = {
      ...ORGANIZATION,
      accounts: [OWNER, MEMBERS[0] as string],
      ous: { [OUS[0] as string]: ROOT_ID },
      accountParents: { [MEMBERS[0] as string]: OUS[0] as string },
    };
    const reachedBy = (organization: OrganizationCase) => {
      const snapshot = snapshotForCase(bucketCase([orgRead], organization));
      const resource = snapshot.accounts[0]?.buckets[0];
      if (!resource) throw new Error("no bucket");
      const zone = zoneFor(snapshot, { zone: "account" });
      return analyzeResource(resource, zone, indexSnapshot(snapshot)).grants[0]?.access.before.length;
    };
    expect(reachedBy(ORGANIZATION)).toBe(reachedBy(oneOu));
  });
});

/**
 * Policies whose verdicts depend on OU paths. A value whose wildcard spans the `/` between path elements is matched
 * exactly only by the callers of the existing paths: the caller for a member under any path compares its
 * organization part alone, so without them some of these findings would be lost.
 */
const ORG_MEMBERS = { "aws:PrincipalOrgID": ORG };
const CASES: [string, PolicyCase][] = [
  ["an org-wide read", bucketCase([orgRead])],
  [
    "a read for one OU",
    bucketCase([
      getObject("*", { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${FIRST_OU_PATH}*` } }),
    ]),
  ],
  [
    "a read for members whose path holds an OU id",
    bucketCase([
      getObject("*", {
        StringEquals: ORG_MEMBERS,
        "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*00000003*" },
      }),
    ]),
  ],
  [
    "a read for every OU but one (negated)",
    bucketCase([
      getObject("*", {
        StringEquals: ORG_MEMBERS,
        "ForAllValues:StringNotLike": { "aws:PrincipalOrgPaths": "*00000000*" },
      }),
    ]),
  ],
  [
    "a read for ten OUs with a Deny for one of them",
    bucketCase([
      getObject("*", {
        StringEquals: ORG_MEMBERS,
        "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*ou-a1b2-0000000*" },
      }),
      {
        Effect: "Deny",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: OBJECTS_ARN,
        Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*ou-a1b2-00000004*" } },
      },
    ]),
  ],
  [
    "a read for one OU with a Deny for the same OU",
    bucketCase([
      getObject("*", {
        StringEquals: ORG_MEMBERS,
        "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*ou-a1b2-00000004*" },
      }),
      {
        Effect: "Deny",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: OBJECTS_ARN,
        Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*00000004*" } },
      },
    ]),
  ],
  [
    "a service writing for sources in one OU",
    bucketCase([
      {
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: OBJECTS_ARN,
        Condition: {
          StringEquals: { "aws:SourceOrgID": ORG },
          "ForAnyValue:StringLike": { "aws:SourceOrgPaths": "*00000002*" },
        },
      },
    ]),
  ],
  [
    "a role for ten OUs, with an RCP denying one of them",
    {
      resource: "role",
      zone: "account",
      policy: policy(
        assumeRole(
          { AWS: "*" },
          {
            StringEquals: ORG_MEMBERS,
            "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*ou-a1b2-0000000*" },
          },
        ),
      ),
      organization: {
        ...ORGANIZATION,
        managementAccount: MEMBERS[11] as string,
        rcps: [
          {
            targets: [ROOT_ID],
            policy: policy({
              Effect: "Deny",
              Principal: "*",
              Action: "sts:AssumeRole",
              Resource: "*",
              Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "*ou-a1b2-00000000*" } },
            }),
          },
        ],
      },
    },
  ],
];

describe("account zone: the classes of OU paths give the findings of one caller per path", () => {
  afterEach(() => {
    vi.doUnmock("../../src/analysis/org-path-classes.js");
    vi.resetModules();
  });

  it.each(CASES)("%s", async (_name, policyCase) => {
    const findings = (scan: typeof scanSnapshot) =>
      JSON.stringify(scan(snapshotForCase(policyCase), { zone: "account" }).findings);
    const withClasses = findings(scanSnapshot);
    vi.resetModules();
    vi.doMock("../../src/analysis/org-path-classes.js", async (importOriginal) => ({
      ...(await importOriginal<typeof OrgPathClasses>()),
      // The engine before the classes: every OU path with a member outside the zone gets its caller.
      representativePaths: (paths: () => readonly string[]) => [...paths()],
    }));
    const everyPath = await import("../../src/engine/scan.js");
    expect(withClasses).not.toBe("[]");
    expect(withClasses).toBe(findings(everyPath.scanSnapshot));
  });
});
