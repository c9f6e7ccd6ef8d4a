/**
 * Policies outside IAM's grammar (docs/policy-grammar.md): each problem names the file, the JSON path and what
 * AWS expects, and says how the statement is judged; the statement is read toward reporting access, or (a Deny
 * the scan cannot be sure of) left out. One bad statement never stops the rest of the policy.
 */
import { describe, expect, it } from "vitest";
import type { PrincipalEntry, Statement } from "../../src/model/policy.js";
import type { ReadProblem } from "../../src/model/snapshot.js";
import { parseJson, readPolicyDocument } from "../../src/snapshot/index.js";
import type { PolicyKind } from "../../src/snapshot/policy-grammar.js";

const FILE = "accounts/111122223333.json";
const STATEMENT_START = "<statement>";

const EFFECT = '"Allow" or "Deny", which are case-sensitive (IAM JSON policy elements: Effect)';
const OPERATOR =
  "a condition operator: StringEquals, StringLike, NumericLessThan, DateGreaterThan, Bool, BinaryEquals, " +
  "IpAddress, ArnLike, Null or another of their family, optionally ending in IfExists " +
  "(IAM JSON policy elements: Condition operators)";
const AWS_VALUE =
  '"*" alone, an account id or a principal ARN without wildcards: IAM does not let a wildcard match part of a ' +
  "principal name or ARN (AWS JSON policy elements: Principal)";
const PRINCIPAL_ELEMENT =
  '"*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"} (AWS JSON policy elements: Principal)';
const CLAUSE_IN_ALLOW = "condition judged satisfiable by some callers: it never narrows this Allow";
const CLAUSE_IN_DENY = "condition judged unprovable: this Deny cancels nothing";
const DENY_SKIPPED = "Deny statement skipped, so it cancels nothing";
const JUDGED_ALLOW = "judged as an Allow, the reading that reports access";
const EVERY_ACTION = "judged as granting every action";
const EVERYONE = 'judged as Principal "*"';

interface ExpectedProblem {
  jsonPath: string;
  /** The text the problem's position points at (its first occurrence), or STATEMENT_START. */
  at: string;
  judgement: string;
  expected: string;
  found: string;
}

interface GrammarCase {
  name: string;
  kind: PolicyKind;
  statement: unknown;
  problems: ExpectedProblem[];
  /** What the statement is judged as (a subset of its fields); null: left out. */
  judged: Partial<Statement> | null;
  /** Fields the judged statement does not have. */
  absent?: (keyof Statement)[];
}

const ALLOW_GET = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
const DENY_GET = { ...ALLOW_GET, Effect: "Deny" };
const TRUST = { Effect: "Allow", Principal: { AWS: "999988887777" }, Action: "sts:AssumeRole" };
const EVERY_PRINCIPAL: PrincipalEntry[] = [{ type: "AWS", value: "*" }];

const cases: GrammarCase[] = [
  {
    name: "a well-formed statement has no problem",
    kind: "bucket-policy",
    statement: {
      ...ALLOW_GET,
      Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-a/*" } },
    },
    problems: [],
    judged: { effect: "Allow", principals: EVERY_PRINCIPAL, actions: ["s3:GetObject"] },
  },
  {
    name: "an RCP statement needs no Principal",
    kind: "control-policy",
    statement: { Effect: "Deny", Action: "s3:*", Resource: "*" },
    problems: [],
    judged: { effect: "Deny", actions: ["s3:*"] },
  },
  {
    name: "StringEqualz in an Allow: kept, never narrows",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Condition: { StringEqualz: { "aws:PrincipalAccount": "111122223333" } } },
    problems: [
      {
        jsonPath: "$.Statement[0].Condition.StringEqualz",
        at: '"StringEqualz"',
        judgement: CLAUSE_IN_ALLOW,
        expected: OPERATOR,
        found: 'the operator "StringEqualz"',
      },
    ],
    judged: {
      effect: "Allow",
      conditions: [
        {
          operator: "StringEqualz",
          operatorLower: "stringequalz",
          key: "aws:PrincipalAccount",
          keyLower: "aws:principalaccount",
          values: ["111122223333"],
          malformed: true,
        },
      ],
    },
  },
  {
    name: "StringUnknown in a Deny: kept, cancels nothing",
    kind: "bucket-policy",
    statement: { ...DENY_GET, Condition: { StringUnknown: { "aws:PrincipalAccount": "111122223333" } } },
    problems: [
      {
        jsonPath: "$.Statement[0].Condition.StringUnknown",
        at: '"StringUnknown"',
        judgement: CLAUSE_IN_DENY,
        expected: OPERATOR,
        found: 'the operator "StringUnknown"',
      },
    ],
    judged: { effect: "Deny", conditions: [expect.objectContaining({ malformed: true }) as never] },
  },
  {
    name: "an unknown set prefix",
    kind: "bucket-policy",
    statement: {
      ...ALLOW_GET,
      Condition: { "ForAnyValues:StringLike": { "aws:PrincipalOrgPaths": "o-a/*" } },
    },
    problems: [
      {
        jsonPath: '$.Statement[0].Condition["ForAnyValues:StringLike"]',
        at: '"ForAnyValues:StringLike"',
        judgement: CLAUSE_IN_ALLOW,
        expected:
          "ForAnyValue: or ForAllValues: as the only prefix of a condition operator (IAM JSON policy elements: " +
          "Condition operators, set operators for multivalued context keys)",
        found: 'the operator "ForAnyValues:StringLike"',
      },
    ],
    judged: { conditions: [expect.objectContaining({ malformed: true }) as never] },
  },
  {
    name: "IfExists on Null",
    kind: "bucket-policy",
    statement: { ...DENY_GET, Condition: { NullIfExists: { "aws:SourceVpce": "true" } } },
    problems: [
      {
        jsonPath: "$.Statement[0].Condition.NullIfExists",
        at: '"NullIfExists"',
        judgement: CLAUSE_IN_DENY,
        expected:
          "Null without IfExists: IfExists can end any condition operator except Null (IAM JSON policy elements: " +
          "Condition operators)",
        found: 'the operator "NullIfExists"',
      },
    ],
    judged: { conditions: [expect.objectContaining({ malformed: true }) as never] },
  },
  {
    name: "condition values of the wrong type: Bool, Numeric, IpAddress, Date",
    kind: "bucket-policy",
    statement: {
      ...ALLOW_GET,
      Condition: {
        Bool: { "aws:SecureTransport": "yes" },
        NumericLessThan: { "s3:max-keys": "ten" },
        IpAddress: { "aws:SourceIp": "office" },
        DateGreaterThan: { "aws:CurrentTime": "yesterday" },
      },
    },
    problems: [
      {
        jsonPath: '$.Statement[0].Condition.Bool["aws:SecureTransport"]',
        at: '"yes"',
        judgement: CLAUSE_IN_ALLOW,
        expected:
          "true or false (Boolean condition operators; IAM JSON policy elements: Condition operators)",
        found: 'the string "yes"',
      },
      {
        jsonPath: '$.Statement[0].Condition.NumericLessThan["s3:max-keys"]',
        at: '"ten"',
        judgement: CLAUSE_IN_ALLOW,
        expected: "a number (numeric condition operators; IAM JSON policy elements: Condition operators)",
        found: 'the string "ten"',
      },
      {
        jsonPath: '$.Statement[0].Condition.IpAddress["aws:SourceIp"]',
        at: '"office"',
        judgement: CLAUSE_IN_ALLOW,
        expected:
          "an IPv4 or IPv6 address or CIDR range (IP address condition operators; IAM JSON policy elements: " +
          "Condition operators)",
        found: 'the string "office"',
      },
      {
        jsonPath: '$.Statement[0].Condition.DateGreaterThan["aws:CurrentTime"]',
        at: '"yesterday"',
        judgement: CLAUSE_IN_ALLOW,
        expected:
          'a date such as "2025-01-31T12:00:00Z" or epoch seconds (date condition operators; IAM JSON policy ' +
          "elements: Condition operators)",
        found: 'the string "yesterday"',
      },
    ],
    judged: { conditions: Array(4).fill(expect.objectContaining({ malformed: true })) as never },
  },
  {
    name: "values that fit their operators are no problem",
    kind: "bucket-policy",
    statement: {
      ...ALLOW_GET,
      Condition: {
        Bool: { "aws:SecureTransport": true },
        NumericLessThanEquals: { "s3:max-keys": ["10", 2.5] },
        IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:DB8::/32"] },
        DateLessThan: { "aws:CurrentTime": ["2025-01-31T12:00:00Z", "1735689600"] },
        Null: { "aws:TokenIssueTime": "false" },
        StringEquals: { "aws:username": "${aws:username}" },
      },
    },
    problems: [],
    judged: { conditions: Array(6).fill(expect.not.objectContaining({ malformed: true })) as never },
  },
  {
    name: "a condition value that is an object",
    kind: "bucket-policy",
    statement: {
      ...ALLOW_GET,
      Condition: { StringEquals: { "aws:SourceAccount": ["111122223333", { a: 1 }] } },
    },
    problems: [
      {
        jsonPath: '$.Statement[0].Condition.StringEquals["aws:SourceAccount"][1]',
        at: '{"a"',
        judgement: CLAUSE_IN_ALLOW,
        expected: "a string, boolean or number (Grammar of the IAM JSON policy language)",
        found: "an object",
      },
    ],
    judged: { conditions: [expect.objectContaining({ values: ["111122223333"], malformed: true }) as never] },
  },
  {
    name: "a Condition that is no object, in an Allow: ignored",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Condition: ["StringEquals"] },
    problems: [
      {
        jsonPath: "$.Statement[0].Condition",
        at: '["StringEquals"]',
        judgement: "Condition element ignored, which can only widen this Allow",
        expected:
          'an object of condition operators, such as {"StringEquals": {...}} (IAM JSON policy elements: Condition)',
        found: "an array",
      },
    ],
    judged: { effect: "Allow", conditions: [] },
  },
  {
    name: "an operator block that is no object, in a Deny: left out",
    kind: "bucket-policy",
    statement: { ...DENY_GET, Condition: { StringEquals: "x" } },
    problems: [
      {
        jsonPath: "$.Statement[0].Condition.StringEquals",
        at: '"x"',
        judgement: DENY_SKIPPED,
        expected:
          'an object of condition keys to values, such as {"aws:SourceAccount": "123456789012"} (IAM JSON policy ' +
          "elements: Condition)",
        found: 'the string "x"',
      },
    ],
    judged: null,
  },
  {
    name: "a trust Allow without Action grants every action",
    kind: "trust-policy",
    statement: { Effect: "Allow", Principal: { AWS: "999988887777" } },
    problems: [
      {
        jsonPath: "$.Statement[0].Action",
        at: STATEMENT_START,
        judgement: EVERY_ACTION,
        expected: "Action or NotAction (IAM JSON policy elements: Action)",
        found: 'no "Action" key',
      },
    ],
    judged: { effect: "Allow", actions: ["*"] },
  },
  {
    name: "a Deny without Action is left out",
    kind: "bucket-policy",
    statement: { Effect: "Deny", Principal: "*", Resource: "*" },
    problems: [
      {
        jsonPath: "$.Statement[0].Action",
        at: STATEMENT_START,
        judgement: DENY_SKIPPED,
        expected: "Action or NotAction (IAM JSON policy elements: Action)",
        found: 'no "Action" key',
      },
    ],
    judged: null,
  },
  {
    name: "Action and NotAction together in an Allow: every action",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, NotAction: "s3:PutObject" },
    problems: [
      {
        jsonPath: "$.Statement[0].NotAction",
        at: '"NotAction"',
        judgement: EVERY_ACTION,
        expected: "Action or NotAction, not both (IAM JSON policy elements reference)",
        found: 'the key "NotAction"',
      },
    ],
    judged: { actions: ["*"] },
    absent: ["notActions"],
  },
  {
    name: "an Action that is an object, in an Allow: every action",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Action: { s3: "GetObject" } },
    problems: [
      {
        jsonPath: "$.Statement[0].Action",
        at: '{"s3"',
        judgement: EVERY_ACTION,
        expected: "a string or an array of strings (IAM JSON policy elements: Action)",
        found: "an object",
      },
    ],
    judged: { actions: ["*"] },
  },
  {
    name: "an empty Action list in an Allow: every action",
    kind: "trust-policy",
    statement: { ...TRUST, Action: [] },
    problems: [
      {
        jsonPath: "$.Statement[0].Action",
        at: "[]",
        judgement: EVERY_ACTION,
        expected: "a non-empty list: a string or an array of strings (IAM JSON policy elements: Action)",
        found: "an array",
      },
    ],
    judged: { actions: ["*"] },
  },
  {
    name: "an empty Resource list in a bucket Deny: left out",
    kind: "bucket-policy",
    statement: { ...DENY_GET, Resource: [] },
    problems: [
      {
        jsonPath: "$.Statement[0].Resource",
        at: "[]",
        judgement: DENY_SKIPPED,
        expected: "a non-empty list: a string or an array of strings (IAM JSON policy elements: Resource)",
        found: "an array",
      },
    ],
    judged: null,
  },
  {
    name: 'a bucket Allow without Principal is judged as Principal "*"',
    kind: "bucket-policy",
    statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal",
        at: STATEMENT_START,
        judgement: EVERYONE,
        expected:
          "Principal or NotPrincipal, which a bucket policy must have (Grammar of the IAM JSON policy language, " +
          "policy grammar notes)",
        found: 'no "Principal" key',
      },
    ],
    judged: { principals: EVERY_PRINCIPAL },
  },
  {
    name: "a bucket Deny without Principal is left out",
    kind: "bucket-policy",
    statement: { Effect: "Deny", Action: "s3:*", Resource: "*" },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal",
        at: STATEMENT_START,
        judgement: DENY_SKIPPED,
        expected:
          "Principal or NotPrincipal, which a bucket policy must have (Grammar of the IAM JSON policy language, " +
          "policy grammar notes)",
        found: 'no "Principal" key',
      },
    ],
    judged: null,
  },
  {
    name: 'Principal and NotPrincipal together in an Allow: Principal "*"',
    kind: "trust-policy",
    statement: { ...TRUST, NotPrincipal: { AWS: "111122223333" } },
    problems: [
      {
        jsonPath: "$.Statement[0].NotPrincipal",
        at: '"NotPrincipal"',
        judgement: EVERYONE,
        expected: "Principal or NotPrincipal, not both (IAM JSON policy elements reference)",
        found: 'the key "NotPrincipal"',
      },
    ],
    judged: { principals: EVERY_PRINCIPAL },
    absent: ["notPrincipals"],
  },
  {
    name: 'an unknown principal type in an Allow is judged as "*"; the known entries stay',
    kind: "trust-policy",
    statement: { ...TRUST, Principal: { AWS: "999988887777", Users: "bob" } },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal.Users",
        at: '"Users"',
        judgement: EVERYONE,
        expected:
          "a principal type: AWS, Service, Federated or CanonicalUser (AWS JSON policy elements: Principal)",
        found: 'the key "Users"',
      },
    ],
    judged: { principals: [{ type: "AWS", value: "999988887777" }, ...EVERY_PRINCIPAL] },
  },
  {
    name: 'a Principal string other than "*" in a Deny: left out',
    kind: "bucket-policy",
    statement: { ...DENY_GET, Principal: "arn:aws:iam::999988887777:root" },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal",
        at: '"arn:aws:iam::999988887777:root"',
        judgement: DENY_SKIPPED,
        expected:
          '"*" or an object such as {"AWS": "arn:aws:iam::123456789012:root"} (AWS JSON policy elements: Principal)',
        found: 'the string "arn:aws:iam::999988887777:root"',
      },
    ],
    judged: null,
  },
  {
    name: "a Principal written as a bare ARN string in an Allow is read as that AWS principal",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Principal: "arn:aws:iam::999988887777:root" },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal",
        at: '"arn:aws:iam::999988887777:root"',
        judgement: 'read as {"AWS":"arn:aws:iam::999988887777:root"}',
        expected: PRINCIPAL_ELEMENT,
        found: 'the string "arn:aws:iam::999988887777:root"',
      },
    ],
    judged: { principals: [{ type: "AWS", value: "arn:aws:iam::999988887777:root" }] },
  },
  {
    name: 'an empty Principal string in an Allow is judged as "*"',
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Principal: "" },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal",
        at: ':""',
        judgement: EVERYONE,
        expected: PRINCIPAL_ELEMENT,
        found: 'the string ""',
      },
    ],
    judged: { principals: EVERY_PRINCIPAL },
  },
  {
    name: "a wildcard role ARN in an Allow is every principal of its account",
    kind: "trust-policy",
    statement: { ...TRUST, Principal: { AWS: "arn:aws:iam::444455556666:role/deploy-*" } },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal.AWS",
        at: '"arn:aws:iam::444455556666:role/deploy-*"',
        judgement: "judged as every principal of account 444455556666",
        expected: AWS_VALUE,
        found: 'the string "arn:aws:iam::444455556666:role/deploy-*"',
      },
    ],
    judged: { principals: [{ type: "AWS", value: "arn:aws:iam::444455556666:root" }] },
  },
  {
    name: 'a wildcard account in an Allow is Principal "*"',
    kind: "trust-policy",
    statement: { ...TRUST, Principal: { AWS: "arn:aws:iam::*:root" } },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal.AWS",
        at: '"arn:aws:iam::*:root"',
        judgement: 'judged as Principal "*" (no account without a wildcard)',
        expected: AWS_VALUE,
        found: 'the string "arn:aws:iam::*:root"',
      },
    ],
    judged: { principals: EVERY_PRINCIPAL },
  },
  {
    name: "a wildcard ARN in a Deny's Principal names nobody; the other entries stay",
    kind: "bucket-policy",
    statement: { ...DENY_GET, Principal: { AWS: ["arn:aws:iam::*:root", "999988887777"] } },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal.AWS[0]",
        at: '"arn:aws:iam::*:root"',
        judgement: "entry ignored: this Deny applies to nobody by it",
        expected: AWS_VALUE,
        found: 'the string "arn:aws:iam::*:root"',
      },
    ],
    judged: { effect: "Deny", principals: [{ type: "AWS", value: "999988887777" }] },
  },
  {
    name: "a wildcard ARN in an Allow's NotPrincipal excludes nobody",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::*:root" } },
    problems: [
      {
        jsonPath: "$.Statement[0].NotPrincipal.AWS",
        at: '"arn:aws:iam::*:root"',
        judgement: "entry ignored: this Allow excludes nobody by it",
        expected: AWS_VALUE,
        found: 'the string "arn:aws:iam::*:root"',
      },
    ],
    judged: { notPrincipals: [] },
  },
  {
    name: "a wildcard ARN in a Deny's NotPrincipal: left out",
    kind: "bucket-policy",
    statement: { ...DENY_GET, Principal: undefined, NotPrincipal: { AWS: "arn:aws:iam::1111*:root" } },
    problems: [
      {
        jsonPath: "$.Statement[0].NotPrincipal.AWS",
        at: '"arn:aws:iam::1111*:root"',
        judgement: DENY_SKIPPED,
        expected: AWS_VALUE,
        found: 'the string "arn:aws:iam::1111*:root"',
      },
    ],
    judged: null,
  },
  {
    name: "a Federated value that is no provider: kept, judged as unscoped",
    kind: "trust-policy",
    statement: { ...TRUST, Principal: { Federated: "my company's IdP" }, Action: "sts:AssumeRoleWithSAML" },
    problems: [
      {
        jsonPath: "$.Statement[0].Principal.Federated",
        at: `"my company's IdP"`,
        judgement: "judged as a federated principal that nothing scopes",
        expected:
          "an identity provider: an IAM OIDC or SAML provider ARN, or cognito-identity.amazonaws.com, " +
          "accounts.google.com, graph.facebook.com or www.amazon.com (AWS JSON policy elements: Principal)",
        found: `the string "my company's IdP"`,
      },
    ],
    judged: { principals: [{ type: "Federated", value: "my company's IdP" }] },
  },
  {
    name: 'a lowercase "allow" is read as Allow',
    kind: "trust-policy",
    statement: { ...TRUST, Effect: "allow" },
    problems: [
      {
        jsonPath: "$.Statement[0].Effect",
        at: '"allow"',
        judgement: 'read as "Allow", the reading that reports access',
        expected: EFFECT,
        found: 'the string "allow"',
      },
    ],
    judged: { effect: "Allow" },
  },
  {
    name: 'a "DENY" is left out',
    kind: "bucket-policy",
    statement: { ...DENY_GET, Effect: "DENY" },
    problems: [
      {
        jsonPath: "$.Statement[0].Effect",
        at: '"DENY"',
        judgement: DENY_SKIPPED,
        expected: EFFECT,
        found: 'the string "DENY"',
      },
    ],
    judged: null,
  },
  {
    name: "a missing Effect is judged as Allow",
    kind: "trust-policy",
    statement: { ...TRUST, Effect: undefined },
    problems: [
      {
        jsonPath: "$.Statement[0].Effect",
        at: STATEMENT_START,
        judgement: JUDGED_ALLOW,
        expected: EFFECT,
        found: 'no "Effect" key',
      },
    ],
    judged: { effect: "Allow" },
  },
  {
    name: 'an Effect "Permit" is judged as Allow',
    kind: "trust-policy",
    statement: { ...TRUST, Effect: "Permit" },
    problems: [
      {
        jsonPath: "$.Statement[0].Effect",
        at: '"Permit"',
        judgement: JUDGED_ALLOW,
        expected: EFFECT,
        found: 'the string "Permit"',
      },
    ],
    judged: { effect: "Allow" },
  },
  {
    name: "an unknown statement element in an Allow is ignored",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Condtion: { StringEquals: { "aws:SourceVpce": "vpce-1" } } },
    problems: [
      {
        jsonPath: "$.Statement[0].Condtion",
        at: '"Condtion"',
        judgement: '"Condtion" ignored',
        expected:
          "a statement element: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource or " +
          "Condition, spelt with this case (Grammar of the IAM JSON policy language)",
        found: 'the key "Condtion"',
      },
    ],
    judged: { effect: "Allow", conditions: [] },
  },
  {
    name: "an unknown statement element in a Deny leaves it out",
    kind: "bucket-policy",
    statement: { ...DENY_GET, condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } },
    problems: [
      {
        jsonPath: "$.Statement[0].condition",
        at: '"condition"',
        judgement: DENY_SKIPPED,
        expected:
          "a statement element: Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource or " +
          "Condition, spelt with this case (Grammar of the IAM JSON policy language)",
        found: 'the key "condition"',
      },
    ],
    judged: null,
  },
  {
    name: "a Sid that is no string",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Sid: 7 },
    problems: [
      {
        jsonPath: "$.Statement[0].Sid",
        at: ":7",
        judgement: "judged without a Sid",
        expected: "a string (IAM JSON policy elements: Sid)",
        found: "the number 7",
      },
    ],
    judged: { effect: "Allow" },
    absent: ["sid"],
  },
  {
    name: "Resource and NotResource together in a bucket Deny: left out",
    kind: "bucket-policy",
    statement: { ...DENY_GET, NotResource: "arn:aws:s3:::b/public/*" },
    problems: [
      {
        jsonPath: "$.Statement[0].NotResource",
        at: '"NotResource"',
        judgement: DENY_SKIPPED,
        expected: "Resource or NotResource, not both (IAM JSON policy elements reference)",
        found: 'the key "NotResource"',
      },
    ],
    judged: null,
  },
  {
    name: "a bucket Allow without Resource applies to the whole bucket",
    kind: "bucket-policy",
    statement: { ...ALLOW_GET, Resource: undefined },
    problems: [
      {
        jsonPath: "$.Statement[0].Resource",
        at: STATEMENT_START,
        judgement: "judged as applying to the whole bucket",
        expected: "Resource or NotResource (IAM JSON policy elements: Resource)",
        found: 'no "Resource" key',
      },
    ],
    judged: { effect: "Allow" },
    absent: ["resources", "notResources"],
  },
  {
    name: "a Resource in a trust policy is ignored in an Allow",
    kind: "trust-policy",
    statement: { ...TRUST, Resource: "*" },
    problems: [
      {
        jsonPath: "$.Statement[0].Resource",
        at: '"Resource"',
        judgement: "Resource ignored: the grant is judged on the role itself",
        expected:
          "no Resource in a role trust policy, whose resource is the role itself (IAM refuses one: " +
          '"MalformedPolicyDocument: Has prohibited field Resource")',
        found: 'the key "Resource"',
      },
    ],
    judged: { effect: "Allow" },
    absent: ["resources"],
  },
  {
    name: "a statement that is no object is an Allow of every action to everyone",
    kind: "bucket-policy",
    statement: "Allow",
    problems: [
      {
        jsonPath: "$.Statement[0]",
        at: '"Allow"',
        judgement: "judged as an Allow of every action to every principal, the reading that reports access",
        expected: "a statement object (Grammar of the IAM JSON policy language)",
        found: 'the string "Allow"',
      },
    ],
    judged: { effect: "Allow", principals: EVERY_PRINCIPAL, actions: ["*"], conditions: [] },
  },
];

function documentText(statements: unknown[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function read(text: string, kind: PolicyKind): { statements: Statement[]; problems: ReadProblem[] } {
  const problems: ReadProblem[] = [];
  const { statements } = readPolicyDocument(parseJson(text, FILE), { kind, problems });
  return { statements, problems };
}

function columnOf(text: string, at: string): number {
  if (at === STATEMENT_START) return text.indexOf('"Statement":[') + '"Statement":['.length + 1;
  const index = text.indexOf(at);
  if (index < 0) throw new Error(`${at} is not in ${text}`);
  return index + 1 + (at.startsWith(":") ? 1 : 0);
}

describe("a statement outside IAM's grammar is reported with file, JSON path and expectation, and judged", () => {
  for (const c of cases) {
    it(c.name, () => {
      const text = documentText([c.statement]);
      const { statements, problems } = read(text, c.kind);
      expect(problems).toEqual(
        c.problems.map((p) => ({
          kind: "policy-grammar",
          file: FILE,
          jsonPath: p.jsonPath,
          message: `${p.judgement}: line 1, column ${columnOf(text, p.at)}: expected ${p.expected}, found ${p.found}`,
        })),
      );
      if (c.judged === null) expect(statements).toEqual([]);
      else expect(statements[0]).toMatchObject(c.judged);
      for (const field of c.absent ?? []) expect(statements[0]).not.toHaveProperty(field);
    });
  }

  it("one bad statement never stops the rest of the policy", () => {
    const { statements, problems } = read(
      documentText([{ ...DENY_GET, Effect: "deny" }, 42, ALLOW_GET, { ...ALLOW_GET, Effect: "allow" }]),
      "bucket-policy",
    );
    expect(statements.map((s) => [s.index, s.effect])).toEqual([
      [1, "Allow"],
      [2, "Allow"],
      [3, "Allow"],
    ]);
    expect(problems.map((p) => p.jsonPath)).toEqual([
      "$.Statement[0].Effect",
      "$.Statement[1]",
      "$.Statement[3].Effect",
    ]);
  });
});

describe("the policy document outside IAM's grammar", () => {
  it("reports an unknown Version, a non-string Id, an unknown element and a duplicate Sid, and judges as written", () => {
    const text = JSON.stringify({
      Version: "2000-10-10",
      Id: 42,
      Statment: [],
      Statement: [
        { ...ALLOW_GET, Sid: "Read" },
        { ...DENY_GET, Sid: "Read" },
      ],
    });
    const { statements, problems } = read(text, "bucket-policy");
    expect(statements.map((s) => [s.sid, s.effect])).toEqual([
      ["Read", "Allow"],
      ["Read", "Deny"],
    ]);
    const at = (needle: string) => text.indexOf(needle) + 1;
    expect(problems).toEqual([
      {
        kind: "policy-grammar",
        file: FILE,
        jsonPath: "$.Statment",
        message:
          `"Statment" ignored: line 1, column ${at('"Statment"')}: expected a policy element: Version, Id or ` +
          'Statement, spelt with this case (Grammar of the IAM JSON policy language), found the key "Statment"',
      },
      {
        kind: "policy-grammar",
        file: FILE,
        jsonPath: "$.Version",
        message:
          `the statements are judged as written: line 1, column ${at('"2000-10-10"')}: expected "2012-10-17" (or ` +
          'the older "2008-10-17") (IAM JSON policy elements: Version), found the string "2000-10-10"',
      },
      {
        kind: "policy-grammar",
        file: FILE,
        jsonPath: "$.Id",
        message: `Id ignored: line 1, column ${at("42")}: expected a string (IAM JSON policy elements: Id), found the number 42`,
      },
      {
        kind: "policy-grammar",
        file: FILE,
        jsonPath: "$.Statement[1].Sid",
        message:
          `both statements are judged as written: line 1, column ${text.lastIndexOf('"Read"') + 1}: expected a Sid ` +
          'unique within the policy (IAM JSON policy elements: Sid), found the string "Read", the Sid of statement 0 too',
      },
    ]);
  });

  it("accepts both versions IAM knows, and no Version at all", () => {
    for (const version of ["2012-10-17", "2008-10-17", undefined]) {
      const { problems } = read(JSON.stringify({ Version: version, Statement: ALLOW_GET }), "bucket-policy");
      expect(problems).toEqual([]);
    }
  });
});
