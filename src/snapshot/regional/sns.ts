import { plainPolicyResourceReader } from "./plain-policy-resource.js";

/** `sns.Topics`: ListTopics and GetTopicAttributes (Policy). ARN: `arn:aws:sns:<region>:<account>:<topic name>`. */
export const readTopic = plainPolicyResourceReader({
  type: "AWS::SNS::Topic",
  entry: 'a topic object such as {"TopicArn": "...", "Policy": {...}}',
  arnKey: "TopicArn",
  arn: { what: "an SNS topic ARN", service: "sns", resource: /^([^:/]+)$/, example: "<topic name>" },
  policyKey: "Policy",
});
