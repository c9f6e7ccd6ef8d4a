/**
 * Policies outside IAM's grammar are judged toward reporting access (docs/policy-grammar.md): an Allow is never
 * narrowed by what the scan cannot read, and a Deny the scan cannot be sure of cancels nothing. Each row failed
 * before: the statement was read as something it is not, or the policy was not read at all.
 */
import { inBothZones, ruleTester } from "./rule-tester.js";
import {
  BUCKET_ARN,
  OBJECTS_ARN,
  ORG,
  OUTSIDE,
  OWNER,
  assumeRole,
  getObject,
  policy,
  publicRead,
  type Statement,
} from "./policies.js";

const PUBLIC_READ = getObject("*", undefined, "PublicRead");
/** Deny every outside principal s3:GetObject, with a condition given by the row. */
function denyOutside(condition: Record<string, unknown>, rest: Statement = {}): Statement {
  return {
    Sid: "DenyOutside",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:GetObject",
    Resource: OBJECTS_ARN,
    Condition: condition,
    ...rest,
  };
}
const DENY_ALL_GETS: Statement = {
  Sid: "DenyAll",
  Effect: "Deny",
  Principal: "*",
  Action: "s3:GetObject",
  Resource: OBJECTS_ARN,
};
const bucket = (...statements: Statement[]) => ({
  resource: "bucket" as const,
  policy: policy(...statements),
});
const role = (...statements: Statement[]) => ({ resource: "role" as const, policy: policy(...statements) });
const publicFinding = { expected: { isPublic: true } };

ruleTester("public-access", {
  valid: [
    ...inBothZones(
      "a well-formed Deny of every outside account still cancels (the judgement only touches what is malformed)",
      bucket(PUBLIC_READ, denyOutside({ StringNotEquals: { "aws:PrincipalAccount": OWNER } })),
      { cancelled: 1, problems: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "an unknown operator never narrows an Allow: Bogus aws:PrincipalAccount",
      { resource: "bucket", policy: publicRead({ Bogus: { "aws:PrincipalAccount": OWNER } }) },
      { ...publicFinding, problems: ["$.Statement[0].Condition.Bogus"] },
    ),
    ...inBothZones(
      "StringEqualz is not StringEquals: it does not confine to the organization",
      { resource: "bucket", policy: publicRead({ StringEqualz: { "aws:PrincipalOrgID": ORG } }) },
      { ...publicFinding, problems: ["$.Statement[0].Condition.StringEqualz"] },
    ),
    ...inBothZones(
      "a value of the wrong type never narrows an Allow: IpAddress aws:SourceIp office",
      { resource: "bucket", policy: publicRead({ IpAddress: { "aws:SourceIp": "office" } }) },
      { ...publicFinding, problems: ['$.Statement[0].Condition.IpAddress["aws:SourceIp"]'] },
    ),
    ...inBothZones(
      "a Deny with an unknown operator cancels nothing: StringNotEqualz",
      bucket(PUBLIC_READ, denyOutside({ StringNotEqualz: { "aws:PrincipalAccount": OWNER } })),
      { ...publicFinding, problems: ["$.Statement[1].Condition.StringNotEqualz"] },
    ),
    ...inBothZones(
      'a trust Allow without Action grants every action, sts:AssumeRole too: Principal "*"',
      role({ Effect: "Allow", Principal: "*" }),
      { ...publicFinding, problems: ["$.Statement[0].Action"] },
    ),
    ...inBothZones(
      "an Allow with an empty Action list grants every action",
      bucket({ ...PUBLIC_READ, Action: [] }),
      { ...publicFinding, problems: ["$.Statement[0].Action"] },
    ),
    ...inBothZones(
      'a bucket Allow without Principal is judged as Principal "*"',
      bucket({ Effect: "Allow", Action: "s3:GetObject", Resource: OBJECTS_ARN }),
      { ...publicFinding, problems: ["$.Statement[0].Principal"] },
    ),
    ...inBothZones(
      "a bucket Deny without Principal is left out: it cancels nothing",
      bucket(PUBLIC_READ, { Effect: "Deny", Action: "s3:GetObject", Resource: OBJECTS_ARN }),
      { ...publicFinding, problems: ["$.Statement[1].Principal"] },
    ),
    ...inBothZones(
      "a bucket Deny without Resource is left out: it cancels nothing",
      bucket(PUBLIC_READ, { ...DENY_ALL_GETS, Resource: undefined }),
      { ...publicFinding, problems: ["$.Statement[1].Resource"] },
    ),
    ...inBothZones(
      "a bucket Deny with both Resource and NotResource is left out",
      bucket(PUBLIC_READ, { ...DENY_ALL_GETS, NotResource: `${BUCKET_ARN}/private/*` }),
      { ...publicFinding, problems: ["$.Statement[1].NotResource"] },
    ),
    ...inBothZones(
      "a Deny whose Principal ARN has a wildcard account names nobody: it cancels nothing",
      bucket(PUBLIC_READ, { ...DENY_ALL_GETS, Principal: { AWS: "arn:aws:iam::*:root" } }),
      { ...publicFinding, problems: ["$.Statement[1].Principal.AWS"] },
    ),
    ...inBothZones(
      "an Allow whose NotPrincipal ARN has a wildcard excludes nobody",
      bucket({ ...PUBLIC_READ, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::*:root" } }),
      { ...publicFinding, problems: ["$.Statement[0].NotPrincipal.AWS"] },
    ),
    ...inBothZones(
      'an Allow with both Principal and NotPrincipal is judged as Principal "*"',
      bucket({ ...PUBLIC_READ, Principal: { AWS: OUTSIDE }, NotPrincipal: { AWS: OUTSIDE } }),
      { ...publicFinding, problems: ["$.Statement[0].NotPrincipal"] },
    ),
    ...inBothZones('a lowercase "allow" is read as Allow', bucket({ ...PUBLIC_READ, Effect: "allow" }), {
      ...publicFinding,
      problems: ["$.Statement[0].Effect"],
    }),
    ...inBothZones(
      "an Allow without Effect is judged as Allow",
      bucket({ ...PUBLIC_READ, Effect: undefined }),
      { ...publicFinding, problems: ["$.Statement[0].Effect"] },
    ),
    ...inBothZones(
      'a lowercase "deny" is left out: it cancels nothing',
      bucket(PUBLIC_READ, { ...DENY_ALL_GETS, Effect: "deny" }),
      { ...publicFinding, problems: ["$.Statement[1].Effect"] },
    ),
    ...inBothZones(
      "a Deny with an unknown element (a misspelt Condition) is left out",
      bucket(PUBLIC_READ, {
        ...DENY_ALL_GETS,
        Condtion: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
      }),
      { ...publicFinding, problems: ["$.Statement[1].Condtion"] },
    ),
    ...inBothZones(
      "a statement that is no object is an Allow of every action to everyone; the rest is still judged",
      { resource: "bucket", policy: { Version: "2012-10-17", Statement: ["Allow", DENY_ALL_GETS] } },
      { ...publicFinding, problems: ["$.Statement[0]"] },
    ),
  ],
});

ruleTester("external-access", {
  valid: [],
  invalid: [
    ...inBothZones(
      "a wildcard role ARN in an Allow is every principal of its account",
      role(assumeRole({ AWS: `arn:aws:iam::${OUTSIDE}:role/deploy-*` })),
      { expected: { accounts: [OUTSIDE] }, problems: ["$.Statement[0].Principal.AWS"] },
    ),
  ],
});

const SCHEDULER = { Service: "scheduler.amazonaws.com" };

ruleTester("confused-deputy", {
  valid: [],
  invalid: [
    ...inBothZones(
      "StringEqualz aws:SourceAccount does not confine a service to the owner's account",
      role(assumeRole(SCHEDULER, { StringEqualz: { "aws:SourceAccount": OWNER } })),
      { problems: ["$.Statement[0].Condition.StringEqualz"] },
    ),
  ],
});

const GITHUB = "token.actions.githubusercontent.com";
const GITHUB_PROVIDER = `arn:aws:iam::${OWNER}:oidc-provider/${GITHUB}`;

ruleTester("unscoped-federation", {
  valid: [],
  invalid: [
    ...inBothZones(
      "a Federated value that is no identity provider is an unscoped federated principal",
      role({ Effect: "Allow", Principal: { Federated: "our-idp" }, Action: "sts:AssumeRoleWithSAML" }),
      {
        expected: { severity: "critical", message: "our-idp" },
        problems: ["$.Statement[0].Principal.Federated"],
      },
    ),
    ...inBothZones(
      "StringEqualz on the GitHub sub pins nothing",
      role({
        Effect: "Allow",
        Principal: { Federated: GITHUB_PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" },
          StringEqualz: { [`${GITHUB}:sub`]: "repo:octo-org/octo-repo:ref:refs/heads/main" },
        },
      }),
      { expected: { severity: "critical" }, problems: ["$.Statement[0].Condition.StringEqualz"] },
    ),
  ],
});

ruleTester("missing-external-id", {
  valid: [],
  invalid: [
    ...inBothZones(
      "an external ID condition with a value of the wrong type requires nothing",
      role(assumeRole({ AWS: OUTSIDE }, { StringEquals: { "sts:ExternalId": ["partner-7f3a", { id: 1 }] } })),
      {
        expected: { accounts: [OUTSIDE] },
        problems: ['$.Statement[0].Condition.StringEquals["sts:ExternalId"][1]'],
      },
    ),
    ...inBothZones(
      "a Deny-unless-external-ID with a value of the wrong type enforces nothing",
      role(assumeRole({ AWS: OUTSIDE }), {
        Effect: "Deny",
        Principal: "*",
        Action: "sts:AssumeRole",
        Condition: { StringNotEquals: { "sts:ExternalId": ["partner-7f3a", null] } },
      }),
      {
        expected: { accounts: [OUTSIDE] },
        problems: ['$.Statement[1].Condition.StringNotEquals["sts:ExternalId"][1]'],
      },
    ),
  ],
});
