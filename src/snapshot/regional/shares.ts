import type { Share } from "../../model/resource.js";
import type { JsonNode } from "../json-node.js";
import { readAccountId } from "./fields.js";

// The identifier patterns of the Organizations API Reference (Organization, OrganizationalUnit: Arn).
const ORGANIZATION_ARN = /^arn:[a-z][a-z0-9-]*:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const OU_ARN =
  /^arn:[a-z][a-z0-9-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;

/** Which EC2 permission entries a resource type has: snapshots name accounts, AMIs organizations and OUs too. */
export type PermissionKinds = "accounts" | "accounts-and-organizations";

/**
 * EC2's CreateVolumePermissions (DescribeSnapshotAttribute) or LaunchPermissions (DescribeImageAttribute): `Group`
 * `all` is public, `UserId` an account, and for AMIs `OrganizationArn` and `OrganizationalUnitArn`. An entry
 * naming more than one is read as each of them, the reading that reports the most sharing.
 */
export function readPermissionShares(nodes: JsonNode[], kinds: PermissionKinds): Share[] {
  const expected =
    kinds === "accounts"
      ? 'a permission such as {"Group": "all"} or {"UserId": "111122223333"}'
      : 'a permission such as {"Group": "all"}, {"UserId": "111122223333"}, {"OrganizationArn": "..."} or ' +
        '{"OrganizationalUnitArn": "..."}';
  return nodes.flatMap((node) => {
    const permission = node.object(expected);
    const location = node.deferredLocation();
    const shares: Share[] = [];
    const group = permission.get("Group");
    if (group !== undefined && !group.isNull()) {
      if (group.string('"all"') !== "all") group.fail('"all" (the only group EC2 shares with)');
      shares.push({ kind: "public", location });
    }
    const user = permission.get("UserId");
    if (user !== undefined && !user.isNull())
      shares.push({ kind: "account", accountId: readAccountId(user), location });
    if (kinds === "accounts-and-organizations") {
      const organization = optionalArn(
        permission.get("OrganizationArn"),
        ORGANIZATION_ARN,
        "an organization ARN such as arn:aws:organizations::111122223333:organization/o-exampleorgid",
      );
      if (organization !== undefined) shares.push({ kind: "organization", arn: organization, location });
      const unit = optionalArn(
        permission.get("OrganizationalUnitArn"),
        OU_ARN,
        "an organizational unit ARN such as arn:aws:organizations::111122223333:ou/o-exampleorgid/ou-ab12-exampleou",
      );
      if (unit !== undefined) shares.push({ kind: "organizational-unit", arn: unit, location });
    }
    return shares.length > 0 ? shares : node.fail(expected);
  });
}

function optionalArn(node: JsonNode | undefined, shape: RegExp, expected: string): string | undefined {
  if (node === undefined || node.isNull()) return undefined;
  const text = node.string(expected);
  return shape.test(text) ? text : node.fail(expected);
}

/**
 * RDS snapshot attributes (DescribeDBSnapshotAttributes, DescribeDBClusterSnapshotAttributes): the values of the
 * `restore` attribute are `all` (public) or the accounts the snapshot is shared with; other attributes share nothing.
 */
export function readRestoreShares(nodes: JsonNode[]): Share[] {
  return nodes.flatMap((node) => {
    const attribute = node.object(
      'an attribute object such as {"AttributeName": "restore", "AttributeValues": [...]}',
    );
    if (attribute.requireString("AttributeName") !== "restore") return [];
    const values = attribute.get("AttributeValues");
    if (values === undefined || values.isNull()) return [];
    return values.array('an array of "all" or account ids').map((value): Share => {
      const location = value.deferredLocation();
      if (value.string('"all" or a 12-digit account id') === "all") return { kind: "public", location };
      return { kind: "account", accountId: readAccountId(value), location };
    });
  });
}
