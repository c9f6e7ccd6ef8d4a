/**
 * fast-check generators for whole scenarios: a role trust policy or bucket policy (statements with principals,
 * actions, resources, wildcard patterns and condition blocks over confining and non-confining keys), with optional
 * organization, RCPs, Block Public Access and ACL. Values come from the small world in world.ts.
 */
import fc from "fast-check";
import type { OrganizationCase, PolicyCase } from "../helpers/scan-policy.js";
import {
  BUCKET_ARN,
  BUCKET_NAME,
  CANONICAL_IDS,
  FOREIGN_ORG,
  MANAGEMENT,
  NAMED_ACCOUNTS,
  ORG_ID,
  ORG_MEMBER,
  OU_ID,
  OUTSIDE_A,
  OWNER,
  ROLE_NAME,
  ROOT_ID,
  S3_ACTIONS,
  SERVICES,
} from "./world.js";
import { globMatch } from "../oracle/glob.js";

export type StringOrList = string | string[];
export type PrincipalJson = "*" | Partial<Record<"AWS" | "Service" | "CanonicalUser", StringOrList>>;
export type ConditionJson = Record<string, Record<string, StringOrList>>;

export interface StatementJson {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: PrincipalJson;
  NotPrincipal?: PrincipalJson;
  Action?: StringOrList;
  NotAction?: StringOrList;
  Resource?: StringOrList;
  NotResource?: StringOrList;
  Condition?: ConditionJson;
}

export interface PolicyJson {
  Version: "2012-10-17";
  Statement: StatementJson[];
}

export interface AclGrantJson {
  grantee: { type: "Group"; uri: string } | { type: "CanonicalUser"; id: string };
  permission: "READ" | "WRITE" | "READ_ACP" | "WRITE_ACP" | "FULL_CONTROL";
}

export interface Scenario {
  resource: "role" | "bucket";
  zone: "account" | "organization";
  organization: "none" | "flat" | "with-ou";
  managementIsOwner: boolean;
  rcps: { targets: string[]; policy: PolicyJson }[];
  restrictPublicBuckets: boolean;
  ignorePublicAcls: boolean;
  acl?: AclGrantJson[];
  policy: PolicyJson;
}

const one = <T>(values: readonly T[]) => fc.constantFrom(...values);

/** One value or a list of one to `max`: both spellings IAM accepts. */
function oneOrList(arb: fc.Arbitrary<string>, max = 2): fc.Arbitrary<StringOrList> {
  return fc.oneof(arb, fc.uniqueArray(arb, { minLength: 1, maxLength: max }));
}

function globOver(alphabet: readonly string[], maxLength: number): fc.Arbitrary<string> {
  return fc.array(one(alphabet), { minLength: 1, maxLength }).map((chars) => chars.join(""));
}

/** A named value with one character replaced by a wildcard, e.g. `4444?5556666`, `44445555*`. */
function wildcarded(value: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.tuple(value, fc.nat(), one(["?", "*"]), fc.boolean()).map(([v, at, wildcard, truncate]) => {
    const i = at % v.length;
    return truncate && wildcard === "*"
      ? `${v.slice(0, i)}*`
      : `${v.slice(0, i)}${wildcard}${v.slice(i + 1)}`;
  });
}

const namedAccount = one(NAMED_ACCOUNTS);
const accountPattern = fc.oneof(
  { weight: 5, arbitrary: namedAccount },
  { weight: 2, arbitrary: wildcarded(namedAccount) },
  // 11 characters: can match no account id (issue 7, section 3 item 2).
  { weight: 1, arbitrary: one(["*", "0123456789?", "4444*"]) },
);

const roleName = one(["reader", "writer"]);
const principalArn = fc.oneof(
  namedAccount.map((a) => `arn:aws:iam::${a}:root`),
  fc.tuple(namedAccount, roleName).map(([a, r]) => `arn:aws:iam::${a}:role/${r}`),
  namedAccount.map((a) => `arn:aws:iam::${a}:user/bob`),
);
const principalArnPattern = fc.oneof(
  { weight: 3, arbitrary: principalArn },
  {
    weight: 2,
    arbitrary: fc
      .tuple(accountPattern, fc.oneof(roleName, one(["*", "r*", "?eader", "*er"])))
      .map(([a, r]) => `arn:aws:iam::${a}:role/${r}`),
  },
);

const orgId = fc.oneof(
  { weight: 4, arbitrary: one([ORG_ID, FOREIGN_ORG]) },
  { weight: 1, arbitrary: one(["o-*", "x-*", "o-a1b2c3d4e?"]) },
);
const orgPath = one([
  `${ORG_ID}/${ROOT_ID}/*`,
  `${ORG_ID}/${ROOT_ID}/${OU_ID}/*`,
  `${ORG_ID}/${ROOT_ID}/${OU_ID}/`,
  `${ORG_ID}/*`,
  `${FOREIGN_ORG}/*`,
  `o-*/${ROOT_ID}/*`,
]);
const sourceArn = fc.oneof(
  namedAccount.map((a) => `arn:aws:sns:us-east-1:${a}:alerts`),
  accountPattern.map((a) => `arn:aws:sns:*:${a}:*`),
  namedAccount.map((a) => `arn:aws:cloudtrail:us-east-1:${a}:trail/main`),
  // No account part: matches no source ARN (issue 7, section 3 item 3).
  one(["arn:aws:iam::*", "*"]),
);
const cidr = one(["203.0.113.0/24", "203.0.113.128/25", "198.51.100.7", "0.0.0.0/0", "10.0.0.0/8"]);
const vpce = one(["vpce-1a2b3c4d", "vpce-5e6f7a8b", "vpce-*"]);

const ifExists = (operators: string[]) => operators.flatMap((o) => [o, `${o}IfExists`]);
const STRING_OPERATORS = ifExists(["StringEquals", "StringLike", "StringNotEquals", "StringNotLike"]);
const ARN_OPERATORS = ifExists(["ArnEquals", "ArnLike", "ArnNotLike"]);

interface KeySpec {
  key: string;
  operators: string[];
  value: fc.Arbitrary<string>;
  /** One value only (Bool with both values is true whenever the key is present: no one writes it). */
  single?: boolean;
}

/** Condition keys: the confining ones (who or where the caller is) and some the caller chooses. */
const KEYS: KeySpec[] = [
  {
    key: "aws:PrincipalAccount",
    operators: [...STRING_OPERATORS, "ForAnyValue:StringEquals"],
    value: accountPattern,
  },
  {
    key: "aws:PrincipalArn",
    operators: [...ARN_OPERATORS, "StringEquals", "StringLike", "StringNotLike"],
    value: principalArnPattern,
  },
  { key: "aws:PrincipalOrgID", operators: STRING_OPERATORS, value: orgId },
  {
    key: "aws:PrincipalOrgPaths",
    operators: [
      "ForAnyValue:StringLike",
      "StringLike",
      "ForAnyValue:StringEquals",
      "ForAllValues:StringNotLike",
    ],
    value: orgPath,
  },
  { key: "aws:SourceAccount", operators: STRING_OPERATORS, value: accountPattern },
  { key: "aws:SourceArn", operators: [...ARN_OPERATORS, "StringLike"], value: sourceArn },
  { key: "aws:SourceIp", operators: ["IpAddress", "NotIpAddress", "IpAddressIfExists"], value: cidr },
  {
    key: "aws:SourceVpce",
    operators: ["StringEquals", "StringNotEquals", "StringLike", "StringNotEqualsIfExists"],
    value: vpce,
  },
  {
    key: "aws:PrincipalIsAWSService",
    operators: ["Bool", "BoolIfExists"],
    value: one(["true", "false"]),
    single: true,
  },
  {
    key: "aws:SecureTransport",
    operators: ["Bool", "BoolIfExists"],
    value: one(["true", "false"]),
    single: true,
  },
  {
    key: "sts:ExternalId",
    operators: ["StringEquals", "StringLike", "StringNotEquals"],
    value: one(["ext-123", "ext-*", "x"]),
  },
];

const clause = fc.oneof(
  {
    weight: 12,
    arbitrary: one(KEYS).chain((spec) =>
      fc.tuple(one(spec.operators), fc.constant(spec.key), spec.single ? spec.value : oneOrList(spec.value)),
    ),
  },
  {
    weight: 1,
    // Not aws:SecureTransport: it is in every request, so Null on it is a constant no one writes.
    arbitrary: fc.tuple(
      fc.constant("Null"),
      one(KEYS.map((k) => k.key).filter((k) => k !== "aws:SecureTransport")),
      one(["true", "false"]),
    ),
  },
);

const condition: fc.Arbitrary<ConditionJson | undefined> = fc
  .array(clause, { maxLength: 2 })
  .map((clauses) => {
    if (clauses.length === 0) return undefined;
    const block: ConditionJson = {};
    for (const [operator, key, values] of clauses) (block[operator] ??= {})[key] = values;
    return block;
  });

const service = one(SERVICES);
const awsPrincipalValue = fc.oneof(
  { weight: 2, arbitrary: namedAccount },
  { weight: 3, arbitrary: principalArn },
);

function principalFor(resource: Scenario["resource"], effect: "Allow" | "Deny"): fc.Arbitrary<PrincipalJson> {
  return fc.oneof(
    { weight: effect === "Deny" ? 6 : 3, arbitrary: one(["*", { AWS: "*" }] as PrincipalJson[]) },
    { weight: 3, arbitrary: oneOrList(awsPrincipalValue).map((v): PrincipalJson => ({ AWS: v })) },
    { weight: 2, arbitrary: service.map((s): PrincipalJson => ({ Service: s })) },
    {
      weight: resource === "bucket" ? 1 : 0,
      arbitrary: fc.constant<PrincipalJson>({ CanonicalUser: CANONICAL_IDS[OUTSIDE_A] ?? "" }),
    },
  );
}

const ROLE_ACTIONS = [
  "sts:AssumeRole",
  "sts:assumerole",
  "sts:*",
  "*",
  "sts:Assume*",
  "sts:TagSession",
  "sts:?ssumeRole",
];
const BUCKET_ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:ListBucket",
  "s3:Get*",
  "s3:*",
  "*",
  "s3:*Object",
  "s3:?etObject",
  "s3:GetObjectAcl",
  "s3:PutBucketPolicy",
  "s3:List*",
];

const objectKeyPattern = globOver(["a", "b", "/", "*", "?"], 4);
const bucketResource = fc.oneof(
  { weight: 3, arbitrary: one([BUCKET_ARN, `${BUCKET_ARN}/*`]) },
  { weight: 3, arbitrary: objectKeyPattern.map((k) => `${BUCKET_ARN}/${k}`) },
  { weight: 1, arbitrary: one(["*", `${BUCKET_ARN}*`]) },
);

/**
 * S3 rejects a bucket policy statement with an action that applies to none of its resources ("Action does not apply
 * to any resource(s) in statement"), such as s3:GetObject on the bucket ARN: such statements are not generated.
 */
function appliesToItsResources(s: StatementJson): boolean {
  if (!s.Action || !s.Resource) return true;
  const resources = [s.Resource].flat();
  const onBucket = resources.some((r) => globMatch(r, BUCKET_ARN));
  const onObjects = resources.some(
    (r) => r === "*" || r === `${BUCKET_ARN}*` || r.startsWith(`${BUCKET_ARN}/`),
  );
  return [s.Action]
    .flat()
    .every((a) =>
      S3_ACTIONS.some((x) => globMatch(a, x.action, true) && (x.on === "bucket" ? onBucket : onObjects)),
    );
}

export function statementArbitrary(resource: Scenario["resource"]): fc.Arbitrary<StatementJson> {
  return one(["Allow", "Allow", "Deny"] as const).chain((effect) =>
    fc
      .record({
        principal: principalFor(resource, effect),
        actions: oneOrList(one(resource === "role" ? ROLE_ACTIONS : BUCKET_ACTIONS)),
        resources: oneOrList(bucketResource),
        condition,
        weights: fc.record({ notAction: fc.nat(9), notResource: fc.nat(9), notPrincipal: fc.nat(5) }),
      })
      .map(({ principal, actions, resources, condition: cond, weights }): StatementJson => {
        const s: StatementJson = { Effect: effect };
        // NotPrincipal only with Deny: AWS no longer supports it with Allow (IAM User Guide, NotPrincipal).
        if (effect === "Deny" && weights.notPrincipal === 0 && principal !== "*" && !("Service" in principal))
          s.NotPrincipal = principal;
        else s.Principal = principal;
        if (weights.notAction === 0) s.NotAction = actions;
        else s.Action = actions;
        if (resource === "bucket") {
          if (weights.notResource === 0) s.NotResource = resources;
          else s.Resource = resources;
        }
        if (cond) s.Condition = cond;
        return s;
      })
      .filter(appliesToItsResources),
  );
}

export function policyArbitrary(resource: Scenario["resource"], maxStatements = 4): fc.Arbitrary<PolicyJson> {
  return fc
    .array(statementArbitrary(resource), { minLength: 1, maxLength: maxStatements })
    .map((Statement) => ({ Version: "2012-10-17", Statement }));
}

const rcpStatement = fc
  .record({
    action: oneOrList(one(["s3:*", "sts:*", "*", "sts:AssumeRole", "s3:GetObject"])),
    condition,
  })
  .map(({ action, condition: cond }): StatementJson => ({
    Effect: "Deny",
    Principal: "*",
    Action: action,
    Resource: "*",
    ...(cond ? { Condition: cond } : {}),
  }));

const aclGrant: fc.Arbitrary<AclGrantJson> = fc.record({
  grantee: one<AclGrantJson["grantee"]>([
    { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" },
    { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" },
    { type: "CanonicalUser", id: CANONICAL_IDS[OUTSIDE_A] ?? "" },
  ]),
  permission: one(["READ", "WRITE", "READ_ACP", "WRITE_ACP", "FULL_CONTROL"] as const),
});

export interface ScenarioOptions {
  /** Generate RestrictPublicBuckets (some properties are only true without it). Default true. */
  restrictPublicBuckets?: boolean;
  maxStatements?: number;
}

export function scenarioArbitrary(options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  return one(["role", "bucket"] as const).chain((resource) =>
    fc
      .record({
        resource: fc.constant(resource),
        organization: one(["none", "flat", "with-ou"] as const),
        zoneIsOrganization: fc.boolean(),
        managementIsOwner: fc.boolean(),
        rcps: fc.array(
          fc.record({
            targets: fc.uniqueArray(one([ROOT_ID, OWNER, OU_ID]), { minLength: 1, maxLength: 2 }),
            policy: fc
              .array(rcpStatement, { minLength: 1, maxLength: 2 })
              .map((Statement): PolicyJson => ({ Version: "2012-10-17", Statement })),
          }),
          { maxLength: 1 },
        ),
        restrictPublicBuckets:
          resource === "bucket" && options.restrictPublicBuckets !== false
            ? fc.boolean()
            : fc.constant(false),
        ignorePublicAcls: resource === "bucket" ? fc.boolean() : fc.constant(false),
        acl:
          resource === "bucket"
            ? fc.option(fc.array(aclGrant, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 4 })
            : fc.constant(undefined),
        policy: policyArbitrary(resource, options.maxStatements),
      })
      .map(({ zoneIsOrganization, acl, ...rest }): Scenario => ({
        ...rest,
        zone: zoneIsOrganization && rest.organization !== "none" ? "organization" : "account",
        rcps: rest.organization === "none" ? [] : rest.rcps,
        ...(acl ? { acl } : {}),
      })),
  );
}

/** The organization of a scenario: the owner, a member and the management account; with-ou puts the member in an OU. */
export function organizationOf(scenario: Scenario): OrganizationCase | null {
  if (scenario.organization === "none") return null;
  const withOu = scenario.organization === "with-ou";
  return {
    id: ORG_ID,
    accounts: [OWNER, ORG_MEMBER, MANAGEMENT],
    managementAccount: scenario.managementIsOwner ? OWNER : MANAGEMENT,
    ...(withOu ? { ous: { [OU_ID]: ROOT_ID }, accountParents: { [ORG_MEMBER]: OU_ID } } : {}),
    rcps: scenario.rcps.map((rcp, i) => ({
      id: `p-rcp${i}`,
      name: `rcp-${i}`,
      targets: rcp.targets,
      policy: rcp.policy,
    })),
  };
}

export function policyCaseOf(scenario: Scenario, policy: unknown = scenario.policy): PolicyCase {
  const block =
    scenario.restrictPublicBuckets || scenario.ignorePublicAcls
      ? { RestrictPublicBuckets: scenario.restrictPublicBuckets, IgnorePublicAcls: scenario.ignorePublicAcls }
      : null;
  return {
    resource: scenario.resource,
    policy,
    zone: scenario.zone,
    organization: organizationOf(scenario),
    ...(scenario.resource === "role"
      ? { roleName: ROLE_NAME }
      : { bucketName: BUCKET_NAME, bucketPublicAccessBlock: block }),
    ...(scenario.acl ? { acl: { ownerId: "owner-canonical-id", grants: scenario.acl } } : {}),
  };
}

/** Action patterns built from pieces of real action names, so that their wildcards meet: `s3:Get*`, `s3:*Acl`. */
function actionGlob(service: "s3" | "sts", pieces: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(one([...pieces, "*", "?"]), { minLength: 1, maxLength: 3 })
    .map((parts) => `${service}:${parts.join("")}`);
}

/**
 * "Guard" scenarios: one public Allow and one or two unconditional Deny statements (the usual "deny outside this
 * prefix" shapes), whose Action/NotAction and Resource/NotResource are wildcard patterns over a small alphabet. They
 * stress one thing: whether a Deny covers what an Allow grants (issue 7, section 1).
 */
export function guardScenarioArbitrary(): fc.Arbitrary<Scenario> {
  return one(["role", "bucket"] as const).chain((resource) => {
    const actions =
      resource === "role"
        ? fc.oneof(
            one(["sts:AssumeRole", "sts:*", "*"]),
            actionGlob("sts", ["Assume", "Role", "Tag", "Session"]),
          )
        : fc.oneof(
            one(["s3:GetObject", "s3:*", "*"]),
            actionGlob("s3", ["Get", "Put", "List", "Object", "Bucket", "Acl"]),
          );
    const resources = fc.oneof(
      { weight: 2, arbitrary: one([BUCKET_ARN, `${BUCKET_ARN}/*`, "*"]) },
      { weight: 3, arbitrary: globOver(["a", "b", ".", "/", "*", "?"], 4).map((k) => `${BUCKET_ARN}/${k}`) },
    );
    const guard = (effect: "Allow" | "Deny") =>
      fc
        .record({
          notAction: fc.nat(3),
          notResource: fc.nat(2),
          actions: oneOrList(actions),
          resources: oneOrList(resources),
        })
        .map(({ notAction, notResource, actions: a, resources: r }): StatementJson => ({
          Effect: effect,
          Principal: "*",
          ...(effect === "Deny" && notAction === 0 ? { NotAction: a } : { Action: a }),
          ...(resource === "role"
            ? {}
            : effect === "Deny" && notResource === 0
              ? { NotResource: r }
              : { Resource: r }),
        }))
        .filter(appliesToItsResources);
    return fc
      .tuple(guard("Allow"), fc.array(guard("Deny"), { minLength: 1, maxLength: 2 }), fc.boolean())
      .map(([allow, denies, allowFirst]): Scenario => ({
        resource,
        zone: "account",
        organization: "none",
        managementIsOwner: false,
        rcps: [],
        restrictPublicBuckets: false,
        ignorePublicAcls: false,
        policy: { Version: "2012-10-17", Statement: allowFirst ? [allow, ...denies] : [...denies, allow] },
      }));
  });
}
