import type { RoleResource } from "../model/resource.js";
import { accountOfRoleArn } from "./arn.js";
import type { JsonNode } from "./json-node.js";
import { EXPECTED_POLICY_DOCUMENT, readPolicyDocument } from "./policy-document.js";

/** One entry of `RoleDetailList` (GetAccountAuthorizationDetails). The account is the one in its ARN. */
export function readRole(node: JsonNode): RoleResource {
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
    trustPolicy: readPolicyDocument(role.require("AssumeRolePolicyDocument", EXPECTED_POLICY_DOCUMENT)),
    location: node.location,
  };
}
