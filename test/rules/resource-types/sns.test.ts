/**
 * SNS topics (docs/semantics.md#sqs-sns): the default topic policy (Principal "*" confined by AWS:SourceOwner), S3
 * event notifications (aws:SourceArn, aws:SourceAccount), and RCPs, which do not cover Amazon SNS.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import { ORG_MEMBER, ORG_WITH_RCP, OUTSIDE, OWNER, policy, type Statement } from "./support.js";

const TOPIC = "AWS::SNS::Topic" as const;
const TOPIC_ARN = `arn:aws:sns:us-east-2:${OWNER}:MyTopic`;
const policyResource = { arn: TOPIC_ARN, name: "MyTopic" };

/** The policy SNS gives a new topic (SNS Developer Guide, "Example cases for Amazon SNS access control"). */
function defaultTopicPolicy(sourceOwner: string) {
  return {
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [
      {
        Sid: "__default_statement_ID",
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: [
          "SNS:GetTopicAttributes",
          "SNS:SetTopicAttributes",
          "SNS:AddPermission",
          "SNS:RemovePermission",
          "SNS:DeleteTopic",
          "SNS:Subscribe",
          "SNS:ListSubscriptionsByTopic",
          "SNS:Publish",
        ],
        Resource: TOPIC_ARN,
        Condition: { StringEquals: { "AWS:SourceOwner": sourceOwner } },
      },
    ],
  };
}

/**
 * S3 User Guide, "Walkthrough: Configuring a bucket for notifications (SNS topic or SQS queue)": the topic policy
 * that lets S3 publish a bucket's events.
 */
function s3Notifications(condition?: Record<string, unknown>): Statement {
  return {
    Sid: "Example SNS topic policy",
    Effect: "Allow",
    Principal: { Service: "s3.amazonaws.com" },
    Action: ["SNS:Publish"],
    Resource: TOPIC_ARN,
    ...(condition ? { Condition: condition } : {}),
  };
}

function publish(principal: unknown): Statement {
  return { Effect: "Allow", Principal: principal, Action: "sns:Publish", Resource: TOPIC_ARN };
}

ruleTester("public-access", {
  valid: [
    ...inBothZones(
      'the default topic policy: AWS:SourceOwner of the owner confines Principal "*"',
      { resource: TOPIC, policy: defaultTopicPolicy(OWNER), policyResource },
      { activeRules: [], cancelled: 0 },
    ),
  ],
  invalid: [
    ...inBothZones(
      'Principal "*" may publish',
      { resource: TOPIC, policy: policy(publish("*")), policyResource },
      { expected: { severity: "critical", message: "SNS topic MyTopic can be accessed by anyone" } },
    ),
  ],
});

ruleTester("external-access", {
  valid: [
    ...inZones(["organization"], "a member account, in the organization zone", {
      resource: TOPIC,
      policy: policy(publish({ AWS: ORG_MEMBER })),
      policyResource,
    }),
  ],
  invalid: [
    ...inBothZones(
      "the default topic policy with the SourceOwner of an outside account: services acting for it",
      { resource: TOPIC, policy: defaultTopicPolicy(OUTSIDE), policyResource },
      { expected: { accounts: [OUTSIDE], severity: "high" } },
    ),
    ...inBothZones(
      "S3 notifications from a bucket the snapshot does not hold: its owner is an outside party",
      {
        resource: TOPIC,
        policy: policy(s3Notifications({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket" } })),
        policyResource,
      },
      { expected: { judged: "the owner of bucket amzn-s3-demo-bucket" } },
    ),
    ...inBothZones(
      "an outside account may publish, and an RCP does not cancel it: RCPs do not cover Amazon SNS",
      {
        resource: TOPIC,
        policy: policy(publish({ AWS: OUTSIDE })),
        policyResource,
        organization: ORG_WITH_RCP,
      },
      { expected: { accounts: [OUTSIDE], severity: "high" } },
    ),
    ...inZones(["account"], "a member account, in the account zone", {
      resource: TOPIC,
      policy: policy(publish({ AWS: ORG_MEMBER })),
      policyResource,
    }),
  ],
});

ruleTester("confused-deputy", {
  valid: [
    ...inBothZones(
      'S3 "Walkthrough: Configuring a bucket for notifications": aws:SourceArn and aws:SourceAccount of the owner',
      {
        resource: TOPIC,
        policy: policy(
          s3Notifications({
            ArnLike: { "aws:SourceArn": "arn:aws:s3:*:*:amzn-s3-demo-bucket" },
            StringEquals: { "aws:SourceAccount": OWNER },
          }),
        ),
        policyResource,
      },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      "S3 notifications with no source condition: any bucket owner can publish through S3",
      { resource: TOPIC, policy: policy(s3Notifications()), policyResource },
      { expected: { severity: "medium", message: "SNS topic MyTopic trusts s3.amazonaws.com" } },
    ),
    ...inBothZones(
      "aws:SourceArn with a wildcard account alone confines nothing",
      {
        resource: TOPIC,
        policy: policy(
          s3Notifications({ ArnLike: { "aws:SourceArn": "arn:aws:s3:*:*:amzn-s3-demo-bucket" } }),
        ),
        policyResource,
      },
      { expected: { severity: "medium" } },
    ),
  ],
});
