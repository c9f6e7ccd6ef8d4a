import type { PlainPolicyResource } from "../../model/resource.js";
import { readArn, type ArnShape } from "./regional-arn.js";
import type { RegionalReader } from "./regional-reader.js";
import { readResourcePolicy } from "./resource-policy.js";

/** A resource that is an ARN, a name and a resource-based policy, under the keys its API uses. */
export interface PlainResourceShape {
  type: PlainPolicyResource["type"];
  /** What the entry is, for messages: `a queue object`. */
  entry: string;
  arnKey: string;
  arn: ArnShape;
  /** The key of its name, when the API gives one; else the name is the one in the ARN. */
  nameKey?: string;
  policyKey: string;
  /** ECR's repository policies may leave Resource out. */
  policyKind?: "repository-policy";
}

export function plainPolicyResourceReader(shape: PlainResourceShape): RegionalReader {
  return (node, context, problems): PlainPolicyResource => {
    const entry = node.object(shape.entry);
    const { arn, name } = readArn(entry, shape.arnKey, shape.arn, context);
    const givenName = shape.nameKey === undefined ? undefined : entry.optionalString(shape.nameKey);
    return {
      type: shape.type,
      arn,
      name: givenName ?? name,
      accountId: context.accountId,
      region: context.region,
      policy: readResourcePolicy(entry, shape.policyKey, problems, shape.policyKind),
      location: node.deferredLocation(),
    };
  };
}
