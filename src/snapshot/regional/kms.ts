import type { KmsGrant, KmsKeyResource } from "../../model/resource.js";
import type { ReadProblem } from "../../model/snapshot.js";
import type { JsonNode } from "../json-node.js";
import { optionalList, readOneOf } from "./fields.js";
import { readArn, type ArnShape } from "./regional-arn.js";
import type { RegionalContext } from "./regional-reader.js";
import { readResourcePolicy } from "./resource-policy.js";

const KEY_ARN: ArnShape = {
  what: "a KMS key ARN",
  service: "kms",
  resource: /^key\/(.+)$/,
  example: "key/<key id>",
};

/**
 * `kms.Keys`: ListKeys, DescribeKey (Arn, KeyManager), GetKeyPolicy and, for customer managed keys, ListGrants.
 * ARN: `arn:aws:kms:<region>:<account>:key/<key id>`.
 */
export function readKmsKey(
  node: JsonNode,
  context: RegionalContext,
  problems: ReadProblem[],
): KmsKeyResource {
  const key = node.object(
    'a KMS key object such as {"KeyId": "...", "Arn": "...", "KeyManager": "CUSTOMER"}',
  );
  const { arn, name } = readArn(key, "Arn", KEY_ARN, context);
  const grantNodes = optionalList(key, "Grants", "an array of grants (ListGrants)");
  return {
    type: "AWS::KMS::Key",
    arn,
    name: key.optionalString("KeyId") ?? name,
    accountId: context.accountId,
    region: context.region,
    policy: readResourcePolicy(key, "Policy", problems),
    keyManager: readOneOf(key, "KeyManager", ["CUSTOMER", "AWS"] as const),
    grants: grantNodes?.map(readGrant),
    location: node.deferredLocation(),
  };
}

/** One entry of ListGrants' Grants. */
function readGrant(node: JsonNode): KmsGrant {
  const grant = node.object(
    'a grant object such as {"GrantId": "...", "GranteePrincipal": "...", "Operations": ["Decrypt"]}',
  );
  const retiringPrincipal = grant.optionalString("RetiringPrincipal");
  const operations = grant
    .require("Operations", "an array of KMS operation names such as Decrypt")
    .array("an array of KMS operation names such as Decrypt")
    .map((operation) => operation.string("a KMS operation name such as Decrypt"));
  return {
    grantId: grant.requireString("GrantId"),
    granteePrincipal: grant.requireString("GranteePrincipal"),
    ...(retiringPrincipal !== undefined ? { retiringPrincipal } : {}),
    operations,
    hasConstraints: hasConstraints(grant.get("Constraints")),
    location: node.deferredLocation(),
  };
}

/**
 * Does the grant constrain the encryption context (KMS API Reference, GrantConstraints)? An EncryptionContextEquals,
 * even an empty one, admits only that context; an empty EncryptionContextSubset admits every context.
 */
function hasConstraints(node: JsonNode | undefined): boolean {
  if (node === undefined || node.isNull()) return false;
  const constraints = node.object(
    'a constraints object such as {"EncryptionContextSubset": {...}} or {"EncryptionContextEquals": {...}}',
  );
  const context = (key: string) => {
    const value = constraints.get(key);
    return value === undefined || value.isNull() ? undefined : value.object("an encryption context object");
  };
  const equals = context("EncryptionContextEquals");
  const subset = context("EncryptionContextSubset");
  return equals !== undefined || (subset !== undefined && subset.keys().length > 0);
}
