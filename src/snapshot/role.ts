import type { RoleResource } from "../model/resource.js";
import type { ReadProblem } from "../model/snapshot.js";
import { accountOfRoleArn } from "./arn.js";
import type { JsonNode } from "./json-node.js";
import { EXPECTED_POLICY_DOCUMENT, readPolicyDocument } from "./policy-document.js";

/**
 * One entry of `RoleDetailList` (GetAccountAuthorizationDetails). The account is the one in its ARN. Grammar
 * problems of its trust policy go to `problems`.
 */
export function readRole(node: JsonNode, problems: ReadProblem[]): RoleResource {
  const role = node.object("a role object");
  const arnNode = role.require("Arn", "a role ARN");
  const arn = arnNode.string("a role ARN");
  const accountId =
    accountOfRoleArn(arn) ?? arnNode.fail("a role ARN such as arn:aws:iam::123456789012:role/name");
  return {
    type: "AWS::IAM::Role",
    arn,
    name: role.requireString("RoleName"),
    accountId,
    path: role.optionalString("Path") ?? "/",
    trustPolicy: readPolicyDocument(role.require("AssumeRolePolicyDocument", EXPECTED_POLICY_DOCUMENT), {
      kind: "trust-policy",
      problems,
    }),
    location: node.deferredLocation(),
  };
}
