/**
 * confused-deputy [beyond] (docs/semantics.md#rules): a service principal is granted access with no source confinement
 * (aws:SourceArn / aws:SourceAccount / aws:SourceOrgID / aws:SourceOrgPaths, fixed values), or with a wildcard
 * account in it. Exempt: ec2.amazonaws.com (and the other documented services that act only for the role's own
 * account) and service-linked roles (path /aws-service-role/). A service whose support is undocumented is reported.
 * Severity (docs/semantics.md#rules, rules/data/service-principal-facts.ts): medium on a bucket; on a role trust policy low when
 * AWS documents that the service takes a role only through iam:PassRole by the role's own account, high otherwise.
 */
import { inBothZones, ruleTester } from "./rule-tester.js";
import {
  BUCKET,
  ORG,
  OUTSIDE,
  OWNER,
  ROOT_ID,
  assumeRole,
  policy,
  publicRead,
  publicTrust,
} from "./policies.js";

const SCHEDULER = { Service: "scheduler.amazonaws.com" };
const SCHEDULE_ARN = `arn:aws:scheduler:us-east-1:${OWNER}:schedule/default/nightly-export`;

/** The trust policy of an EventBridge Scheduler execution role, as in the Scheduler user guide. */
function schedulerTrust(condition?: Record<string, unknown>) {
  return policy(assumeRole(SCHEDULER, condition, "SchedulerAssume"));
}

/** The CloudTrail bucket policy statement that lets the trail write its logs. */
function cloudTrailWrite(condition?: Record<string, unknown>) {
  return policy({
    Sid: "AWSCloudTrailWrite",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: `arn:aws:s3:::${BUCKET}/AWSLogs/${OWNER}/*`,
    ...(condition ? { Condition: condition } : {}),
  });
}

ruleTester("confused-deputy", {
  valid: [
    ...inBothZones(
      "ec2.amazonaws.com is exempt (acts only for the role's own account)",
      { resource: "role", policy: policy(assumeRole({ Service: "ec2.amazonaws.com" })) },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "a service-linked role (path /aws-service-role/) is exempt",
      {
        resource: "role",
        rolePath: "/aws-service-role/ecs.amazonaws.com/",
        roleName: "AWSServiceRoleForECS",
        policy: policy(assumeRole({ Service: "ecs.amazonaws.com" })),
      },
      { activeRules: [], cancelled: 0 },
    ),
    ...inBothZones(
      "a service-linked role is exempt whatever the service",
      {
        resource: "role",
        rolePath: "/aws-service-role/scheduler.amazonaws.com/",
        roleName: "AWSServiceRoleForScheduler",
        policy: schedulerTrust(),
      },
      { cancelled: 0 },
    ),
    ...inBothZones(
      "aws:SourceAccount pinned to the owner's account",
      { resource: "role", policy: schedulerTrust({ StringEquals: { "aws:SourceAccount": OWNER } }) },
      { activeRules: [] },
    ),
    ...inBothZones("aws:SourceArn (ArnEquals) in the owner's account", {
      resource: "role",
      policy: schedulerTrust({ ArnEquals: { "aws:SourceArn": SCHEDULE_ARN } }),
    }),
    ...inBothZones("aws:SourceArn (ArnLike) with a wildcard only in the resource part", {
      resource: "role",
      policy: schedulerTrust({
        ArnLike: { "aws:SourceArn": `arn:aws:scheduler:us-east-1:${OWNER}:schedule/*` },
      }),
    }),
    ...inBothZones("aws:SourceAccount AND aws:SourceArn, as the AWS documentation recommends", {
      resource: "role",
      policy: schedulerTrust({
        StringEquals: { "aws:SourceAccount": OWNER },
        ArnLike: { "aws:SourceArn": `arn:aws:scheduler:*:${OWNER}:schedule/*` },
      }),
    }),
    ...inBothZones("aws:SourceAccount of the owner AND a wildcard-account aws:SourceArn: one pin is enough", {
      resource: "role",
      policy: schedulerTrust({
        StringEquals: { "aws:SourceAccount": OWNER },
        ArnLike: { "aws:SourceArn": "arn:aws:scheduler:*:*:schedule/*" },
      }),
    }),
    ...inBothZones("aws:SourceOrgID of the zone's organization", {
      resource: "role",
      policy: schedulerTrust({ StringEquals: { "aws:SourceOrgID": ORG } }),
    }),
    ...inBothZones("aws:SourceOrgPaths under the zone's organization", {
      resource: "role",
      policy: schedulerTrust({ "ForAnyValue:StringLike": { "aws:SourceOrgPaths": `${ORG}/${ROOT_ID}/*` } }),
    }),
    ...inBothZones(
      "aws:SourceAccount of an outside account is external-access, not confused-deputy",
      { resource: "role", policy: schedulerTrust({ StringEquals: { "aws:SourceAccount": OUTSIDE } }) },
      { activeRules: ["external-access"] },
    ),
    ...inBothZones(
      "CloudTrail bucket policy with aws:SourceArn of the owner's trail",
      {
        resource: "bucket",
        policy: cloudTrailWrite({
          StringEquals: {
            "s3:x-amz-acl": "bucket-owner-full-control",
            "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${OWNER}:trail/management-events`,
          },
        }),
      },
      { activeRules: [] },
    ),
    ...inBothZones("S3 server access logging with aws:SourceAccount of the owner", {
      resource: "bucket",
      policy: policy({
        Sid: "S3ServerAccessLogsPolicy",
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::${BUCKET}/logs/*`,
        Condition: {
          ArnLike: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-source-bucket" },
          StringEquals: { "aws:SourceAccount": OWNER },
        },
      }),
    }),
    ...inBothZones('Principal "*" limited to AWS services acting for the owner', {
      resource: "bucket",
      policy: publicRead({
        Bool: { "aws:PrincipalIsAWSService": "true" },
        StringEquals: { "aws:SourceAccount": OWNER },
      }),
    }),
    ...inBothZones('Principal "*" limited by aws:PrincipalServiceName, acting for the owner', {
      resource: "bucket",
      policy: publicRead({
        StringEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com", "aws:SourceAccount": OWNER },
      }),
    }),
    ...inBothZones(
      'Principal "*" without condition is public-access, not confused-deputy',
      { resource: "role", policy: publicTrust() },
      { activeRules: ["public-access"] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "EventBridge Scheduler role with no source condition: passed only with iam:PassRole, so low",
      { resource: "role", policy: schedulerTrust() },
      {
        expected: {
          severity: "low",
          isPublic: false,
          judged: "scheduler.amazonaws.com",
          message: "add aws:SourceAccount and aws:SourceArn, which scheduler.amazonaws.com documents",
        },
        activeRules: ["confused-deputy"],
      },
    ),
    ...inBothZones(
      "Lambda execution role: passed only with iam:PassRole, so low, naming the key Lambda documents",
      { resource: "role", policy: policy(assumeRole({ Service: "lambda.amazonaws.com" })) },
      {
        expected: {
          severity: "low",
          judged: "passed the role only from the role's own account",
          message:
            "iam:PassRole, so no other account can make it assume this role; as defence in depth, add aws:SourceAccount, which lambda.amazonaws.com documents",
        },
        activeRules: ["confused-deputy"],
      },
    ),
    ...inBothZones(
      "Glue role: passed only with iam:PassRole, so low; Glue documents no source key, so none is asked for blindly",
      { resource: "role", policy: policy(assumeRole({ Service: "glue.amazonaws.com" })) },
      {
        expected: {
          severity: "low",
          message: "only once you have confirmed that glue.amazonaws.com sends them",
        },
      },
    ),
    ...inBothZones(
      "a regional form of a PassRole-gated service (states.us-east-1.amazonaws.com) is low too",
      { resource: "role", policy: policy(assumeRole({ Service: "states.us-east-1.amazonaws.com" })) },
      { expected: { severity: "low", message: "add aws:SourceAccount and aws:SourceArn" } },
    ),
    ...inBothZones(
      "CloudFormation: AWS documents it assuming a StackSets role nobody passed, so high, naming its keys",
      { resource: "role", policy: policy(assumeRole({ Service: "cloudformation.amazonaws.com" })) },
      {
        expected: {
          severity: "high",
          judged: "acting for any account",
          message:
            "without iam:PassRole; add aws:SourceAccount and aws:SourceArn, which cloudformation.amazonaws.com documents",
        },
      },
    ),
    ...inBothZones(
      "SNS: no documented answer on how it comes to assume a role, so high, and the message says so",
      { resource: "role", policy: policy(assumeRole({ Service: "sns.amazonaws.com" })) },
      {
        expected: {
          severity: "high",
          message:
            "no documented answer on whether sns.amazonaws.com assumes a role only when a principal of the role's own account passes it with iam:PassRole",
        },
      },
    ),
    ...inBothZones(
      "a role named like AWS Quick Setup's (AWS-QuickSetup-…) trusted by SSM: low, and the message says who creates it",
      {
        resource: "role",
        roleName: "AWS-QuickSetup-EnableCRecording-1clff_us-east-1",
        policy: policy(assumeRole({ Service: "ssm.amazonaws.com" })),
      },
      {
        expected: {
          severity: "low",
          message:
            "Its name (AWS-QuickSetup-…) is that of the roles AWS Systems Manager Quick Setup creates on your behalf.",
        },
      },
    ),
    ...inBothZones(
      "Quick Setup's StackSet administration role trusted by CloudFormation: high, and says who creates it",
      {
        resource: "role",
        roleName: "AWS-QuickSetup-StackSet-Local-AdministrationRole",
        policy: policy(assumeRole({ Service: "cloudformation.amazonaws.com" })),
      },
      { expected: { severity: "high", message: "AWS Systems Manager Quick Setup creates on your behalf" } },
    ),
    ...inBothZones(
      "a bucket policy keeps medium even for a PassRole-gated service (SSM resource data sync)",
      {
        resource: "bucket",
        policy: policy({
          Sid: "SSMBucketDelivery",
          Effect: "Allow",
          Principal: { Service: "ssm.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${BUCKET}/*/accountid=${OWNER}/*`,
          Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } },
        }),
      },
      { expected: { severity: "medium", judged: "acting for any account" } },
    ),
    ...inBothZones(
      'Principal "*" limited to Lambda and SNS on a role trust: low only when every service is PassRole-gated, so high',
      {
        resource: "role",
        policy: publicTrust({
          StringEquals: { "aws:PrincipalServiceName": ["lambda.amazonaws.com", "sns.amazonaws.com"] },
        }),
      },
      {
        expected: {
          severity: "high",
          judged: "lambda.amazonaws.com, sns.amazonaws.com",
          message: "no documented answer on whether sns.amazonaws.com assumes a role",
        },
        activeRules: ["confused-deputy"],
      },
    ),
    ...inBothZones(
      'Principal "*" limited to AWS services on a role trust: which service is unknown, so high',
      { resource: "role", policy: publicTrust({ Bool: { "aws:PrincipalIsAWSService": "true" } }) },
      { expected: { severity: "high", judged: "any AWS service" }, activeRules: ["confused-deputy"] },
    ),
    ...inBothZones(
      "a service principal with no source condition (bucket policy) is medium",
      { resource: "bucket", policy: cloudTrailWrite() },
      {
        expected: { severity: "medium", judged: "cloudtrail.amazonaws.com" },
        activeRules: ["confused-deputy"],
      },
    ),
    ...inBothZones(
      "a regional service principal (logs.us-east-1.amazonaws.com) without source condition",
      {
        resource: "bucket",
        policy: policy({
          Effect: "Allow",
          Principal: { Service: "logs.us-east-1.amazonaws.com" },
          Action: "s3:PutObject",
          Resource: `arn:aws:s3:::${BUCKET}/exports/*`,
        }),
      },
      { expected: { severity: "medium" } },
    ),
    ...inBothZones(
      "aws:SourceArn with a wildcard account",
      {
        resource: "role",
        policy: schedulerTrust({
          ArnLike: { "aws:SourceArn": "arn:aws:scheduler:us-east-1:*:schedule/default/*" },
        }),
      },
      { expected: { severity: "low" } },
    ),
    ...inBothZones(
      'aws:SourceAccount under StringLike "*"',
      { resource: "role", policy: schedulerTrust({ StringLike: { "aws:SourceAccount": "*" } }) },
      { expected: { severity: "low" } },
    ),
    ...inBothZones(
      'aws:SourceAccount with a partial wildcard ("1111222233*")',
      { resource: "role", policy: schedulerTrust({ StringLike: { "aws:SourceAccount": "1111222233*" } }) },
      { expected: { severity: "low" } },
    ),
    ...inBothZones(
      "aws:SourceAccount under StringEqualsIfExists: a request without source passes",
      { resource: "role", policy: schedulerTrust({ StringEqualsIfExists: { "aws:SourceAccount": OWNER } }) },
      { expected: { severity: "low" } },
    ),
    ...inBothZones(
      "aws:SourceArn under ArnLikeIfExists: a request without source passes",
      { resource: "role", policy: schedulerTrust({ ArnLikeIfExists: { "aws:SourceArn": SCHEDULE_ARN } }) },
      { expected: { severity: "low" } },
    ),
    ...inBothZones(
      "ForAllValues:StringEquals aws:SourceAccount is true on an absent key",
      {
        resource: "role",
        policy: schedulerTrust({ "ForAllValues:StringEquals": { "aws:SourceAccount": OWNER } }),
      },
      { expected: { severity: "low" } },
    ),
    ...inBothZones(
      "StringNotEquals aws:SourceAccount (negated) confines nothing",
      { resource: "role", policy: schedulerTrust({ StringNotEquals: { "aws:SourceAccount": OUTSIDE } }) },
      { expected: { severity: "low" } },
    ),
    ...inBothZones(
      "a policy variable in aws:SourceAccount is not a fixed value",
      {
        resource: "role",
        policy: schedulerTrust({
          StringEquals: { "aws:SourceAccount": "${aws:PrincipalTag/source-account}" },
        }),
      },
      { expected: { severity: "low" } },
    ),
    ...inBothZones(
      "only caller-chosen conditions (aws:SecureTransport) do not confine the source",
      { resource: "bucket", policy: cloudTrailWrite({ Bool: { "aws:SecureTransport": "true" } }) },
      { expected: { severity: "medium" } },
    ),
    ...inBothZones(
      "a service whose support for the source keys is not documented is reported",
      { resource: "role", policy: policy(assumeRole({ Service: "mediaconvert.amazonaws.com" })) },
      {
        expected: { severity: "high", judged: "mediaconvert.amazonaws.com", message: "no documented answer" },
      },
    ),
    ...inBothZones(
      "ec2 and lambda in one statement: only lambda is reported",
      {
        resource: "role",
        policy: policy(assumeRole({ Service: ["ec2.amazonaws.com", "lambda.amazonaws.com"] })),
      },
      { expected: { count: 1, judged: "lambda.amazonaws.com" } },
    ),
    ...inBothZones(
      'Principal "*" limited to AWS services by aws:PrincipalIsAWSService, no source',
      { resource: "bucket", policy: publicRead({ Bool: { "aws:PrincipalIsAWSService": "true" } }) },
      { expected: { severity: "medium", judged: "any AWS service" }, activeRules: ["confused-deputy"] },
    ),
    ...inBothZones(
      'Principal "*" limited to one service by aws:PrincipalServiceName, no source',
      {
        resource: "bucket",
        policy: publicRead({ StringEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com" } }),
      },
      {
        expected: { severity: "medium", judged: "cloudtrail.amazonaws.com" },
        activeRules: ["confused-deputy"],
      },
    ),
  ],
});
