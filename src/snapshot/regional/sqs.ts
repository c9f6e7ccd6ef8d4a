import { plainPolicyResourceReader } from "./plain-policy-resource.js";

/** `sqs.Queues`: ListQueues and GetQueueAttributes (QueueArn, Policy). ARN: `arn:aws:sqs:<region>:<account>:<queue name>`. */
export const readQueue = plainPolicyResourceReader({
  type: "AWS::SQS::Queue",
  entry: 'a queue object such as {"QueueArn": "...", "Policy": {...}}',
  arnKey: "QueueArn",
  arn: { what: "an SQS queue ARN", service: "sqs", resource: /^([^:/]+)$/, example: "<queue name>" },
  policyKey: "Policy",
});
