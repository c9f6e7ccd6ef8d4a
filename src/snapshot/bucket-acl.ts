import type { AclGrant, BucketAcl } from "../model/resource.js";
import type { JsonNode } from "./json-node.js";

const GRANTEE_TYPES = ["CanonicalUser", "Group", "AmazonCustomerByEmail"] as const;
type GranteeType = (typeof GRANTEE_TYPES)[number];
/** The field that names the grantee, per type (GetBucketAcl's shape). */
const IDENTIFYING_FIELD: Record<GranteeType, string> = {
  CanonicalUser: "ID",
  Group: "URI",
  AmazonCustomerByEmail: "EmailAddress",
};
const PERMISSIONS = new Set(["FULL_CONTROL", "WRITE", "WRITE_ACP", "READ", "READ_ACP"]);

/** An `Acl` element: absent (could not be read) → undefined, null → null, else the ACL with each grant located. */
export function readBucketAcl(node: JsonNode | undefined): BucketAcl | null | undefined {
  if (node === undefined) return undefined;
  if (node.isNull()) return null;
  const acl = node.object('an ACL object such as {"Owner": {...}, "Grants": [...]}, or null');
  const ownerId = acl.get("Owner")?.object('an owner object such as {"ID": "..."}').optionalString("ID");
  const grants = (acl.get("Grants")?.array("an array of grants") ?? []).map(readGrant);
  return { ...(ownerId !== undefined ? { ownerId } : {}), grants, location: node.deferredLocation() };
}

function readGrant(node: JsonNode, index: number): AclGrant {
  const grant = node.object('a grant object such as {"Grantee": {...}, "Permission": "READ"}');
  const grantee = grant.require("Grantee", "a grantee object").object("a grantee object");
  const typeNode = grantee.require("Type", "CanonicalUser, Group or AmazonCustomerByEmail");
  const typeText = typeNode.string("CanonicalUser, Group or AmazonCustomerByEmail");
  const type = isGranteeType(typeText)
    ? typeText
    : typeNode.fail("CanonicalUser, Group or AmazonCustomerByEmail");
  grantee.requireString(
    IDENTIFYING_FIELD[type],
    `a string (a ${type} grantee is named by ${IDENTIFYING_FIELD[type]})`,
  );
  const id = grantee.optionalString("ID");
  const uri = grantee.optionalString("URI");
  const email = grantee.optionalString("EmailAddress");
  const displayName = grantee.optionalString("DisplayName");
  const permissionNode = grant.require("Permission", "an ACL permission");
  const permission = permissionNode.string("an ACL permission");
  if (!PERMISSIONS.has(permission)) permissionNode.fail("FULL_CONTROL, WRITE, WRITE_ACP, READ or READ_ACP");
  return {
    grantee: {
      type,
      ...(id !== undefined ? { id } : {}),
      ...(uri !== undefined ? { uri } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(displayName !== undefined ? { displayName } : {}),
    },
    permission,
    index,
    location: node.deferredLocation(),
  };
}

function isGranteeType(type: string): type is GranteeType {
  return (GRANTEE_TYPES as readonly string[]).includes(type);
}
