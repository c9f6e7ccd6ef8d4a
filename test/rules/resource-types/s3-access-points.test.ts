/**
 * S3 access points, Multi-Region Access Points and directory buckets (docs/semantics.md#s3-access-points): their own
 * Block Public Access and the account's, network origin VPC, object and bucket ARN forms; RCPs cover Amazon S3 but
 * not S3 Express.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import { ORG, ORG_WITH_RCP, OUTSIDE, OWNER, byBpa, byRcp, policy, type Statement } from "./support.js";

const ACCESS_POINT = "AWS::S3::AccessPoint" as const;
const MRAP = "AWS::S3::MultiRegionAccessPoint" as const;
const DIRECTORY_BUCKET = "AWS::S3Express::DirectoryBucket" as const;
const AP_ARN = `arn:aws:s3:us-west-2:${OWNER}:accesspoint/my-access-point`;
const ap = { arn: AP_ARN, name: "my-access-point", bucket: "amzn-s3-demo-bucket", bucketAccountId: OWNER };
const MRAP_ARN = `arn:aws:s3::${OWNER}:accesspoint/mfzwi23gnjvgw.mrap`;
const DIRECTORY_BUCKET_ARN = `arn:aws:s3express:us-west-2:${OWNER}:bucket/bucket-base-name--usw2-az1--x-s3`;
const directoryBucket = { arn: DIRECTORY_BUCKET_ARN, name: "bucket-base-name--usw2-az1--x-s3" };
const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

/** S3 User Guide, "Configuring IAM policies for using access points": Jane's objects through the access point. */
function janesObjects(principal: unknown, resource = `${AP_ARN}/object/Jane/*`): Statement {
  return {
    Effect: "Allow",
    Principal: principal,
    Action: ["s3:GetObject", "s3:PutObject"],
    Resource: resource,
  };
}

function readThrough(principal: unknown, resource: string, condition?: Record<string, unknown>): Statement {
  return {
    Effect: "Allow",
    Principal: principal,
    Action: "s3:GetObject",
    Resource: resource,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** S3 User Guide, "Multi-Region Access Point policy examples". */
function mrapObjects(principal: unknown): Statement {
  return {
    Effect: "Allow",
    Principal: principal,
    Action: ["s3:GetObject", "s3:PutObject"],
    Resource: `${MRAP_ARN}/object/*`,
  };
}

/** S3 User Guide, "Example bucket policies for directory buckets": CreateSession for another account. */
function createSession(principal: unknown): Statement {
  return {
    Sid: "CrossAccount",
    Effect: "Allow",
    Principal: principal,
    Action: ["s3express:CreateSession"],
    Resource: DIRECTORY_BUCKET_ARN,
  };
}

ruleTester("external-access", {
  valid: [
    ...inBothZones(
      'S3 "Configuring IAM policies for using access points": user Jane of the own account',
      {
        resource: ACCESS_POINT,
        policy: policy(janesObjects({ AWS: `arn:aws:iam::${OWNER}:user/Jane` })),
        policyResource: ap,
      },
      { activeRules: [] },
    ),
    ...inBothZones(
      "an object action granted on the access point's own ARN reaches no object",
      { resource: ACCESS_POINT, policy: policy(readThrough({ AWS: OUTSIDE }, AP_ARN)), policyResource: ap },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      'S3 "Multi-Region Access Point policy examples": the own account',
      { resource: MRAP, policy: policy(mrapObjects({ AWS: OWNER })) },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "the same statement for user Jane of another account",
      {
        resource: ACCESS_POINT,
        policy: policy(janesObjects({ AWS: `arn:aws:iam::${OUTSIDE}:user/Jane` })),
        policyResource: ap,
      },
      {
        expected: {
          accounts: [OUTSIDE],
          severity: "high",
          message: "S3 access point my-access-point can be accessed by account",
        },
      },
    ),
    ...inBothZones(
      'network origin VPC: Principal "*" reaches callers from that VPC only, not the public',
      {
        resource: ACCESS_POINT,
        policy: policy(readThrough("*", `${AP_ARN}/object/*`)),
        policyResource: { ...ap, networkOrigin: "VPC", vpcId: "vpc-1a2b3c4d" },
      },
      {
        expected: { severity: "low", message: "through VPC vpc-1a2b3c4d only" },
        activeRules: ["external-access"],
      },
    ),
    ...inBothZones(
      "network origin VPC whose VPC id was not read: a Deny on another VPC id is not credited",
      {
        resource: ACCESS_POINT,
        policy: policy(readThrough("*", `${AP_ARN}/object/*`), {
          Sid: "OnlyFromVpc",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: `${AP_ARN}/object/*`,
          Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1a2b3c4d" } },
        }),
        policyResource: { ...ap, networkOrigin: "VPC" },
      },
      { expected: { severity: "low", message: "through VPC (the access point's VPC, id not read) only" } },
    ),
    ...inBothZones(
      "an RCP cancels an outside account's access through an access point (RCPs cover Amazon S3)",
      {
        resource: ACCESS_POINT,
        policy: policy(janesObjects({ AWS: `arn:aws:iam::${OUTSIDE}:user/Jane` })),
        policyResource: ap,
        organization: ORG_WITH_RCP,
      },
      { expected: { active: false, cancelledBy: [byRcp] } },
    ),
    ...inBothZones(
      "a Multi-Region Access Point shared with another account",
      { resource: MRAP, policy: policy(mrapObjects({ AWS: OUTSIDE })) },
      {
        expected: {
          accounts: [OUTSIDE],
          message: "S3 Multi-Region Access Point case-mrap can be accessed by",
        },
      },
    ),
    ...inBothZones(
      'S3 "Example bucket policies for directory buckets": CreateSession for another account',
      {
        resource: DIRECTORY_BUCKET,
        policy: policy(createSession({ AWS: OUTSIDE })),
        policyResource: directoryBucket,
      },
      {
        expected: {
          accounts: [OUTSIDE],
          severity: "high",
          message: "S3 directory bucket bucket-base-name--usw2-az1--x-s3 can be accessed by account",
        },
      },
    ),
    ...inBothZones(
      "an RCP does not cancel a directory bucket's grant: the RCP list names Amazon S3, not S3 Express",
      {
        resource: DIRECTORY_BUCKET,
        policy: policy(createSession({ AWS: OUTSIDE })),
        policyResource: directoryBucket,
        organization: ORG_WITH_RCP,
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
  ],
});

ruleTester("public-access", {
  valid: [
    ...inZones(["organization"], 'Principal "*" confined to the organization', {
      resource: ACCESS_POINT,
      policy: policy(readThrough("*", `${AP_ARN}/object/*`, { StringEquals: { "aws:PrincipalOrgID": ORG } })),
      policyResource: ap,
    }),
    ...inBothZones(
      "network origin VPC: never public",
      {
        resource: ACCESS_POINT,
        policy: policy(readThrough("*", `${AP_ARN}/object/*`)),
        policyResource: { ...ap, networkOrigin: "VPC", vpcId: "vpc-1a2b3c4d" },
      },
      { cancelled: 0 },
    ),
  ],
  invalid: [
    ...inBothZones(
      'Principal "*" may read objects through the access point',
      {
        resource: ACCESS_POINT,
        policy: policy(readThrough("*", `${AP_ARN}/object/*`)),
        policyResource: ap,
      },
      {
        expected: { severity: "high", message: "S3 access point my-access-point can be accessed by anyone" },
      },
    ),
    ...inBothZones(
      'the access point\'s own RestrictPublicBuckets cancels it (S3 "Managing public access to access points")',
      {
        resource: ACCESS_POINT,
        policy: policy(readThrough("*", `${AP_ARN}/object/*`)),
        policyResource: { ...ap, publicAccessBlock: ALL_BLOCKED },
      },
      {
        expected: {
          active: false,
          cancelledBy: [byBpa("access point Block Public Access RestrictPublicBuckets")],
        },
      },
    ),
    ...inBothZones(
      "the bucket owner account's RestrictPublicBuckets cancels it",
      {
        resource: ACCESS_POINT,
        policy: policy(readThrough("*", `${AP_ARN}/object/*`)),
        policyResource: ap,
        accountPublicAccessBlock: { RestrictPublicBuckets: true },
      },
      {
        expected: {
          active: false,
          cancelledBy: [byBpa("bucket owner's account Block Public Access RestrictPublicBuckets")],
        },
      },
    ),
    ...inBothZones(
      "BlockPublicPolicy alone stops future policies, not this one",
      {
        resource: ACCESS_POINT,
        policy: policy(readThrough("*", `${AP_ARN}/object/*`)),
        policyResource: { ...ap, publicAccessBlock: { BlockPublicPolicy: true, BlockPublicAcls: true } },
      },
      { expected: { severity: "high" } },
    ),
    ...inBothZones(
      "RestrictPublicBuckets is not credited when S3 may see the policy as non-public (a fixed aws:SourceArn)",
      {
        resource: ACCESS_POINT,
        policy: policy(
          readThrough("*", `${AP_ARN}/object/*`, {
            StringEquals: {
              "s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-west-2:111122223333:key/k",
            },
          }),
        ),
        policyResource: { ...ap, publicAccessBlock: ALL_BLOCKED },
      },
      { expected: { severity: "high" } },
    ),
    ...inBothZones(
      "a Multi-Region Access Point open to everyone",
      { resource: MRAP, policy: policy(mrapObjects("*")) },
      { expected: { severity: "critical" } },
    ),
    ...inBothZones(
      "the Multi-Region Access Point's own Block Public Access cancels it",
      {
        resource: MRAP,
        policy: policy(mrapObjects("*")),
        policyResource: { publicAccessBlock: ALL_BLOCKED },
      },
      {
        expected: {
          active: false,
          cancelledBy: [byBpa("Multi-Region Access Point Block Public Access RestrictPublicBuckets")],
        },
      },
    ),
    ...inBothZones(
      "its owner account's RestrictPublicBuckets cancels it",
      {
        resource: MRAP,
        policy: policy(mrapObjects("*")),
        accountPublicAccessBlock: { RestrictPublicBuckets: true },
      },
      {
        expected: {
          active: false,
          cancelledBy: [byBpa("account Block Public Access RestrictPublicBuckets")],
        },
      },
    ),
    ...inBothZones(
      'a directory bucket\'s Block Public Access is always on ("Security best practices for directory buckets")',
      { resource: DIRECTORY_BUCKET, policy: policy(createSession("*")), policyResource: directoryBucket },
      {
        expected: {
          active: false,
          cancelledBy: [byBpa("directory bucket (always on) Block Public Access RestrictPublicBuckets")],
        },
      },
    ),
  ],
});
