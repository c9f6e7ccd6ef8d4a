/**
 * public-access (docs/semantics.md#principals and #conditions, #rules): the grant reaches anyone. `"*"` not confined, a wildcard in the account
 * or organization part of a confining key, `…IfExists`/`ForAllValues:`/negated operators on the confining key,
 * Allow with NotPrincipal, ACL grants to AllUsers/AuthenticatedUsers. One confining condition is enough.
 */
import { inBothZones, ruleTester } from "./rule-tester.js";
import {
  ALL_USERS,
  AUTHENTICATED_USERS,
  BUCKET_ARN,
  OBJECTS_ARN,
  ORG,
  OUTSIDE,
  OWNER,
  assumeRole,
  getObject,
  policy,
  publicRead,
  publicTrust,
} from "./policies.js";

const orgConfined = { StringEquals: { "aws:PrincipalOrgID": ORG } };

ruleTester("public-access", {
  valid: [
    ...inBothZones("a role trusted by its own account", {
      resource: "role",
      policy: policy(assumeRole({ AWS: `arn:aws:iam::${OWNER}:root` })),
    }),
    ...inBothZones("a bucket readable by a named outside account (external, not public)", {
      resource: "bucket",
      policy: policy(getObject({ AWS: `arn:aws:iam::${OUTSIDE}:root` })),
    }),
    ...inBothZones('Principal "*" confined by StringEquals aws:PrincipalOrgID', {
      resource: "bucket",
      policy: publicRead(orgConfined),
    }),
    ...inBothZones("StringLike aws:PrincipalOrgID with a fixed value (no wildcard) confines", {
      resource: "bucket",
      policy: publicRead({ StringLike: { "aws:PrincipalOrgID": ORG } }),
    }),
    ...inBothZones("ForAnyValue:StringEquals aws:PrincipalOrgID needs a present org id: confines", {
      resource: "bucket",
      policy: publicRead({ "ForAnyValue:StringEquals": { "aws:PrincipalOrgID": ORG } }),
    }),
    ...inBothZones(
      "ForAnyValue:StringLike aws:PrincipalOrgPaths o-a1b2c3d4e5/r-a1b2/* confines to the organization",
      {
        resource: "bucket",
        policy: publicRead({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/r-a1b2/*` } }),
      },
    ),
    ...inBothZones("aws:PrincipalOrgID AND aws:SourceIp 0.0.0.0/0: one confining condition is enough", {
      resource: "bucket",
      policy: publicRead({
        StringEquals: { "aws:PrincipalOrgID": ORG },
        IpAddress: { "aws:SourceIp": "0.0.0.0/0" },
      }),
    }),
    ...inBothZones("condition keys are case-insensitive: AWS:PrincipalOrgId", {
      resource: "bucket",
      policy: publicRead({ StringEquals: { "AWS:PrincipalOrgId": ORG } }),
    }),
    ...inBothZones('Principal "*" pinned to an outside account by aws:PrincipalAccount', {
      resource: "role",
      policy: publicTrust({ StringEquals: { "aws:PrincipalAccount": OUTSIDE } }),
    }),
    ...inBothZones('Principal "*" pinned by aws:PrincipalArn to a role of a fixed account', {
      resource: "role",
      policy: publicTrust({ ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${OUTSIDE}:role/VendorAccess` } }),
    }),
    ...inBothZones('Principal "*" pinned by aws:userid to the principals of a fixed account', {
      resource: "bucket",
      policy: publicRead({ StringLike: { "aws:userid": `${OUTSIDE}:*` } }),
    }),
    ...inBothZones("network-only confinement: aws:SourceVpce (external, not public)", {
      resource: "bucket",
      policy: publicRead({ StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } }),
    }),
    ...inBothZones("network-only confinement: aws:SourceVpc (external, not public)", {
      resource: "bucket",
      policy: publicRead({ StringEquals: { "aws:SourceVpc": "vpc-111bbb22" } }),
    }),
    ...inBothZones("network-only confinement: a narrow aws:SourceIp (external, not public)", {
      resource: "bucket",
      policy: publicRead({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
    }),
    ...inBothZones("aws:SourceIp /8 is narrow enough to confine", {
      resource: "bucket",
      policy: publicRead({ IpAddress: { "aws:SourceIp": "12.0.0.0/8" } }),
    }),
    ...inBothZones("aws:SourceIp IPv6 /32 is narrow enough to confine", {
      resource: "bucket",
      policy: publicRead({ IpAddress: { "aws:SourceIp": "2001:db8::/32" } }),
    }),
    ...inBothZones('aws:SourceAccount (no IfExists) on Principal "*" shuts out every direct caller', {
      resource: "bucket",
      policy: publicRead({ StringEquals: { "aws:SourceAccount": OWNER } }),
    }),
    ...inBothZones(
      'aws:SourceAccount of an outside account on Principal "*": a service acting for that account (external)',
      {
        resource: "bucket",
        policy: publicRead({ StringEquals: { "aws:SourceAccount": OUTSIDE } }),
      },
    ),
    ...inBothZones('aws:PrincipalIsAWSService true on Principal "*": AWS services only', {
      resource: "bucket",
      policy: publicRead({ Bool: { "aws:PrincipalIsAWSService": "true" } }),
    }),
    ...inBothZones(
      "${aws:ResourceAccount} is set by AWS to the owner, not chosen by the caller: it confines to the owner",
      {
        resource: "bucket",
        policy: publicRead({ StringEquals: { "aws:PrincipalAccount": "${aws:ResourceAccount}" } }),
      },
    ),
    ...inBothZones(
      "AND across keys: aws:PrincipalAccount of an outside account AND the zone's organization admits nobody",
      {
        resource: "bucket",
        policy: publicRead({
          StringEquals: { "aws:PrincipalAccount": OUTSIDE, "aws:PrincipalOrgID": ORG },
        }),
      },
      { activeRules: [] },
    ),
    ...inBothZones(
      'StringEquals aws:PrincipalOrgID "o-*": "*" is a wildcard only under …Like, so no organization matches',
      { resource: "bucket", policy: publicRead({ StringEquals: { "aws:PrincipalOrgID": "o-*" } }) },
      { activeRules: [] },
    ),
    ...inBothZones("a Deny statement alone grants nothing", {
      resource: "bucket",
      policy: policy({
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [BUCKET_ARN, OBJECTS_ARN],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      }),
    }),
    ...inBothZones("a trust policy statement that allows no assume action grants nothing", {
      resource: "role",
      policy: policy({ Effect: "Allow", Principal: "*", Action: "sts:TagSession" }),
    }),
    ...inBothZones("an ACL grant to the bucket owner's canonical user", {
      resource: "bucket",
      policy: null,
      acl: {
        ownerId: "owner-canonical-id",
        grants: [
          { grantee: { type: "CanonicalUser", id: "owner-canonical-id" }, permission: "FULL_CONTROL" },
        ],
      },
    }),
    ...inBothZones("an ACL grant to the S3 log delivery group", {
      resource: "bucket",
      policy: null,
      acl: {
        grants: [
          {
            grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/s3/LogDelivery" },
            permission: "WRITE",
          },
        ],
      },
    }),
  ],
  invalid: [
    ...inBothZones(
      'trust policy with Principal "*" and no condition',
      { resource: "role", policy: publicTrust() },
      {
        expected: { severity: "critical", isPublic: true, judged: "anyone", message: "anyone" },
        activeRules: ["public-access"],
      },
    ),
    ...inBothZones(
      'bucket policy with Principal {"AWS": "*"} reading objects',
      { resource: "bucket", policy: policy(getObject({ AWS: "*" })) },
      { expected: { severity: "high", isPublic: true, judged: "anyone" } },
    ),
    ...inBothZones(
      "bucket policy writing objects for anyone",
      {
        resource: "bucket",
        policy: policy({
          Effect: "Allow",
          Principal: "*",
          Action: ["s3:PutObject", "s3:PutObjectAcl"],
          Resource: OBJECTS_ARN,
        }),
      },
      { expected: { severity: "critical", isPublic: true } },
    ),
    ...inBothZones(
      'Statement as a single object, Principal as the string "*"',
      {
        resource: "bucket",
        policy: {
          Version: "2012-10-17",
          Statement: {
            Sid: "PublicRead",
            Effect: "Allow",
            Principal: "*",
            Action: "s3:GetObject",
            Resource: OBJECTS_ARN,
          },
        },
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "only caller-chosen keys (aws:SecureTransport, aws:UserAgent, aws:Referer) do not confine",
      {
        resource: "bucket",
        policy: publicRead({
          Bool: { "aws:SecureTransport": "true" },
          StringLike: { "aws:Referer": "https://www.example.com/*", "aws:UserAgent": "ExampleApp/*" },
        }),
      },
      {
        expected: {
          isPublic: true,
          severity: "high",
          conditions: ["aws:SecureTransport", "aws:Referer", "aws:UserAgent"],
        },
      },
    ),
    ...inBothZones(
      "StringLike aws:PrincipalOrgID o-*: a wildcard organization",
      { resource: "bucket", policy: publicRead({ StringLike: { "aws:PrincipalOrgID": "o-*" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "StringEqualsIfExists on a confining key: anonymous callers carry no org id",
      { resource: "bucket", policy: publicRead({ StringEqualsIfExists: { "aws:PrincipalOrgID": ORG } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "StringNotEquals aws:PrincipalOrgID in an Allow: everyone outside the org, anonymous included",
      { resource: "bucket", policy: publicRead({ StringNotEquals: { "aws:PrincipalOrgID": ORG } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "ForAllValues:StringEquals aws:PrincipalOrgID is true on an absent key",
      {
        resource: "bucket",
        policy: publicRead({ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": ORG } }),
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "ForAllValues:StringLike aws:PrincipalOrgPaths o-a1b2c3d4e5/r-a1b2/* is true on an absent key",
      {
        resource: "bucket",
        policy: publicRead({ "ForAllValues:StringLike": { "aws:PrincipalOrgPaths": `${ORG}/r-a1b2/*` } }),
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "aws:PrincipalArn with a wildcard account",
      {
        resource: "role",
        policy: publicTrust({
          ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/OrganizationAccountAccessRole" },
        }),
      },
      { expected: { isPublic: true, severity: "critical" } },
    ),
    ...inBothZones(
      "ArnNotLike aws:PrincipalArn (a negated operator) in an Allow",
      {
        resource: "role",
        policy: publicTrust({ ArnNotLike: { "aws:PrincipalArn": `arn:aws:iam::${OUTSIDE}:role/*` } }),
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      'Null aws:PrincipalOrgID "false": any principal of any organization',
      { resource: "bucket", policy: publicRead({ Null: { "aws:PrincipalOrgID": "false" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      'aws:PrincipalIsAWSService "false": every caller that is not a service',
      { resource: "bucket", policy: publicRead({ Bool: { "aws:PrincipalIsAWSService": "false" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      'aws:PrincipalAccount under StringLike "*"',
      { resource: "role", policy: publicTrust({ StringLike: { "aws:PrincipalAccount": "*" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      'aws:SourceAccount with IfExists on Principal "*": direct callers carry no source account',
      { resource: "bucket", policy: publicRead({ StringEqualsIfExists: { "aws:SourceAccount": OWNER } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "a policy variable in a confining key value is not a fixed value",
      {
        resource: "bucket",
        policy: publicRead({ StringEquals: { "aws:PrincipalAccount": "${aws:PrincipalTag/account-id}" } }),
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "aws:userid with an AROA…:* pattern does not confine",
      { resource: "bucket", policy: publicRead({ StringLike: { "aws:userid": "AROAEXAMPLEID123456:*" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "aws:SourceIp 0.0.0.0/0 alone",
      { resource: "bucket", policy: publicRead({ IpAddress: { "aws:SourceIp": "0.0.0.0/0" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "aws:SourceIp /7 is wider than /8 and confines nothing",
      { resource: "bucket", policy: publicRead({ IpAddress: { "aws:SourceIp": "12.0.0.0/7" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "aws:SourceIp IPv6 /31 is wider than /32 and confines nothing",
      { resource: "bucket", policy: publicRead({ IpAddress: { "aws:SourceIp": "2001:db8::/31" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "OR across values: a narrow range OR a /7 range is as wide as the /7",
      {
        resource: "bucket",
        policy: publicRead({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "12.0.0.0/7"] } }),
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "IpAddressIfExists on aws:SourceIp: requests through any VPC endpoint carry no source IP",
      { resource: "bucket", policy: publicRead({ IpAddressIfExists: { "aws:SourceIp": "203.0.113.0/24" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "StringEqualsIfExists on aws:SourceVpce: requests from the internet carry no endpoint",
      {
        resource: "bucket",
        policy: publicRead({ StringEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c4d" } }),
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "NotIpAddress aws:SourceIp (a negated operator) confines nothing",
      { resource: "bucket", policy: publicRead({ NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "aws:SourceVpce with a wildcard value confines nothing",
      { resource: "bucket", policy: publicRead({ StringLike: { "aws:SourceVpce": "vpce-*" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "aws:SourceVpc with a wildcard value confines nothing",
      { resource: "bucket", policy: publicRead({ StringLike: { "aws:SourceVpc": "vpc-*" } }) },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "Allow with NotPrincipal: everyone except the listed principal",
      {
        resource: "bucket",
        policy: policy({
          Effect: "Allow",
          NotPrincipal: { AWS: `arn:aws:iam::${OUTSIDE}:root` },
          Action: "s3:GetObject",
          Resource: OBJECTS_ARN,
        }),
      },
      { expected: { isPublic: true, judged: "anyone" } },
    ),
    ...inBothZones(
      'Principal "*" listed beside a named account is still anyone',
      {
        resource: "role",
        policy: policy(assumeRole({ AWS: ["*", `arn:aws:iam::${OWNER}:root`] })),
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      'Principal "*" listed beside a named outside account: public-access only, not external-access beside it',
      {
        resource: "role",
        policy: policy(assumeRole({ AWS: ["*", `arn:aws:iam::${OUTSIDE}:root`] })),
      },
      { expected: { isPublic: true }, activeRules: ["public-access"] },
    ),
    ...inBothZones(
      "Allow with NotAction for anyone",
      {
        resource: "bucket",
        policy: policy({
          Effect: "Allow",
          Principal: "*",
          NotAction: "s3:DeleteBucket",
          Resource: [BUCKET_ARN, OBJECTS_ARN],
        }),
      },
      { expected: { isPublic: true, severity: "critical" } },
    ),
    ...inBothZones(
      "aws:PrincipalOrgPaths with a wildcard organization",
      {
        resource: "bucket",
        policy: publicRead({ "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": "o-*/r-*/ou-*" } }),
      },
      { expected: { isPublic: true } },
    ),
    ...inBothZones(
      "ACL grant READ to AllUsers",
      {
        resource: "bucket",
        policy: null,
        acl: { grants: [{ grantee: { type: "Group", uri: ALL_USERS }, permission: "READ" }] },
      },
      { expected: { isPublic: true, severity: "high", message: "ACL" } },
    ),
    ...inBothZones(
      "ACL grant WRITE to AuthenticatedUsers (any AWS account)",
      {
        resource: "bucket",
        policy: null,
        acl: { grants: [{ grantee: { type: "Group", uri: AUTHENTICATED_USERS }, permission: "WRITE" }] },
      },
      { expected: { isPublic: true, severity: "critical" } },
    ),
    ...inBothZones(
      "two public statements: one finding each",
      {
        resource: "bucket",
        policy: policy(getObject("*", undefined, "PublicRead"), {
          Sid: "PublicList",
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: "s3:ListBucket",
          Resource: BUCKET_ARN,
        }),
      },
      { expected: { count: 2, isPublic: true } },
    ),
  ],
});
