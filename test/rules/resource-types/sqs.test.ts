/**
 * SQS queues (docs/semantics.md#sqs-sns): Principal "*" confined by the source keys, service principals that deliver
 * to a queue (SNS, EventBridge, S3), and RCPs, which cover Amazon SQS.
 */
import { inBothZones, inZones, ruleTester } from "../rule-tester.js";
import { ORG_MEMBER, ORG_WITH_RCP, OUTSIDE, OWNER, byRcp, policy, type Statement } from "./support.js";

const QUEUE = "AWS::SQS::Queue" as const;
const QUEUE_ARN = `arn:aws:sqs:us-east-1:${OWNER}:case-queue`;
const OWN_TOPIC = `arn:aws:sns:us-east-1:${OWNER}:MyTopic`;
const OUTSIDE_TOPIC = `arn:aws:sns:us-east-1:${OUTSIDE}:MyTopic`;

function sendMessage(
  principal: unknown,
  condition?: Record<string, unknown>,
  action: unknown = "sqs:SendMessage",
): Statement {
  return {
    Effect: "Allow",
    Principal: principal,
    Action: action,
    Resource: QUEUE_ARN,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** SQS Developer Guide, "Subscribing an Amazon SQS queue to an Amazon SNS topic": the queue policy. */
function snsDelivery(topicArn: string): Statement {
  return sendMessage({ Service: "sns.amazonaws.com" }, { ArnEquals: { "aws:SourceArn": topicArn } });
}

ruleTester("public-access", {
  valid: [
    ...inBothZones(
      'Principal "*" with ArnEquals aws:SourceArn of an own topic: absent from direct requests, so it confines',
      { resource: QUEUE, policy: policy(sendMessage("*", { ArnEquals: { "aws:SourceArn": OWN_TOPIC } })) },
      { activeRules: [] },
    ),
    ...inBothZones(
      'Principal "*" with StringEquals aws:SourceAccount of the owner',
      { resource: QUEUE, policy: policy(sendMessage("*", { StringEquals: { "aws:SourceAccount": OWNER } })) },
      { activeRules: [] },
    ),
    ...inBothZones(
      'Principal "*" with StringEquals aws:SourceOwner of the owner',
      { resource: QUEUE, policy: policy(sendMessage("*", { StringEquals: { "aws:SourceOwner": OWNER } })) },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      'SQS "Basic examples of Amazon SQS policies": grant all permissions to all users',
      { resource: QUEUE, policy: policy(sendMessage("*", undefined, "sqs:*")) },
      {
        expected: { severity: "critical", message: "SQS queue case-queue can be accessed by anyone" },
        activeRules: ["public-access"],
      },
    ),
    ...inBothZones(
      "receiving messages only is read: high",
      {
        resource: QUEUE,
        policy: policy(sendMessage("*", undefined, ["sqs:ReceiveMessage", "sqs:GetQueueAttributes"])),
      },
      { expected: { severity: "high" } },
    ),
    ...inBothZones(
      "aws:SourceAccount under …IfExists lets every direct caller in",
      {
        resource: QUEUE,
        policy: policy(sendMessage("*", { StringEqualsIfExists: { "aws:SourceAccount": OWNER } })),
      },
      { expected: { severity: "critical" } },
    ),
    ...inZones(
      ["organization"],
      "an RCP narrows a public queue to the organization and AWS services",
      { resource: QUEUE, policy: policy(sendMessage("*")), organization: ORG_WITH_RCP },
      { expected: { active: false, cancelledBy: [byRcp] } },
    ),
  ],
});

ruleTester("external-access", {
  valid: [
    ...inZones(["organization"], "a member account, in the organization zone", {
      resource: QUEUE,
      policy: policy(sendMessage({ AWS: ORG_MEMBER })),
    }),
    ...inBothZones(
      "SNS delivering from an own topic (aws:SourceArn)",
      { resource: QUEUE, policy: policy(snsDelivery(OWN_TOPIC)) },
      { activeRules: [] },
    ),
  ],
  invalid: [
    ...inBothZones(
      'SQS "Basic examples of Amazon SQS policies": grant one permission to one AWS account',
      { resource: QUEUE, policy: policy(sendMessage({ AWS: [OUTSIDE] })) },
      {
        expected: {
          accounts: [OUTSIDE],
          severity: "high",
          message: "SQS queue case-queue can be accessed by account",
        },
      },
    ),
    ...inZones(["account"], "a member account, in the account zone", {
      resource: QUEUE,
      policy: policy(sendMessage({ AWS: ORG_MEMBER })),
    }),
    ...inBothZones(
      "SNS delivering from a topic of an outside account: the service acts for that account",
      { resource: QUEUE, policy: policy(snsDelivery(OUTSIDE_TOPIC)) },
      { expected: { accounts: [OUTSIDE], judged: "service sns.amazonaws.com acting for account" } },
    ),
    ...inBothZones(
      'Principal "*" with aws:SourceArn of an outside topic',
      {
        resource: QUEUE,
        policy: policy(sendMessage("*", { ArnEquals: { "aws:SourceArn": OUTSIDE_TOPIC } })),
      },
      { expected: { accounts: [OUTSIDE] } },
    ),
    ...inBothZones(
      "an RCP cancels an outside account's access to a queue (RCPs cover Amazon SQS)",
      { resource: QUEUE, policy: policy(sendMessage({ AWS: OUTSIDE })), organization: ORG_WITH_RCP },
      { expected: { active: false, cancelledBy: [byRcp] } },
    ),
  ],
});

ruleTester("confused-deputy", {
  valid: [
    ...inBothZones("SNS with aws:SourceArn of an own topic", {
      resource: QUEUE,
      policy: policy(snsDelivery(OWN_TOPIC)),
    }),
    ...inBothZones("EventBridge with aws:SourceAccount of the owner", {
      resource: QUEUE,
      policy: policy(
        sendMessage({ Service: "events.amazonaws.com" }, { StringEquals: { "aws:SourceAccount": OWNER } }),
      ),
    }),
  ],
  invalid: [
    ...inBothZones(
      "EventBridge with no source condition: any account's rule can target the queue",
      { resource: QUEUE, policy: policy(sendMessage({ Service: "events.amazonaws.com" })) },
      { expected: { severity: "medium", message: "SQS queue case-queue trusts events.amazonaws.com" } },
    ),
    ...inBothZones(
      "a service with its source keys only under …IfExists",
      {
        resource: QUEUE,
        policy: policy(
          sendMessage(
            { Service: "s3.amazonaws.com" },
            { ArnLikeIfExists: { "aws:SourceArn": "arn:aws:s3:::amzn-s3-demo-bucket" } },
          ),
        ),
      },
      { expected: { severity: "medium" } },
    ),
  ],
});
