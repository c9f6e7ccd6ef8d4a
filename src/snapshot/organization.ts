import type { OrgAccount, OrgPolicy, OrgPolicyType, Organization, ReadProblem } from "../model/snapshot.js";
import { ACCOUNT_ID } from "./arn.js";
import type { JsonNode } from "./json-node.js";
import { readPolicyDocument } from "./policy-document.js";

const POLICY_TYPES: readonly string[] = [
  "SERVICE_CONTROL_POLICY",
  "RESOURCE_CONTROL_POLICY",
] satisfies OrgPolicyType[];

/**
 * `organization.json` (docs/snapshot-format.md). Any wrong shape throws: a wrong organization gives wrong findings.
 * A policy outside IAM's grammar is judged as docs/policy-grammar.md says, its problems recorded in `problems`.
 */
export function readOrganization(root: JsonNode, problems: ReadProblem[]): Organization {
  const file = root.object("an organization.json object");
  const orgNode = file.require("Organization", "the DescribeOrganization object");
  const organization = orgNode.object("the DescribeOrganization object");
  const ouParents = new Map<string, string>();
  for (const ou of file.get("OrganizationalUnits")?.array("an array of organizational units") ?? []) {
    const unit = ou.object("an organizational unit object");
    ouParents.set(
      unit.requireString("Id"),
      unit.requireString("ParentId", "the id of the parent root or OU"),
    );
  }
  const accounts = new Map<string, OrgAccount>();
  for (const accountNode of file.get("Accounts")?.array("an array of accounts") ?? []) {
    const account = readOrgAccount(accountNode);
    accounts.set(account.id, account);
  }
  const result: Organization = {
    id: organization.requireString("Id"),
    masterAccountId: accountId(organization.require("MasterAccountId", "a 12-digit account id")),
    rootIds: (file.get("Roots")?.array("an array of roots") ?? []).map((root) =>
      root.object("a root object").requireString("Id"),
    ),
    ouParents,
    accounts,
    policies: (file.get("Policies")?.array("an array of policies") ?? []).flatMap((policy) =>
      readOrgPolicy(policy, problems),
    ),
    file: root.file,
    location: orgNode.deferredLocation(),
  };
  root.source.resolveLocations();
  return result;
}

function readOrgAccount(node: JsonNode): OrgAccount {
  const account = node.object("an account object");
  const name = account.optionalString("Name");
  const status = account.optionalString("Status");
  const parentId = account.optionalString("ParentId");
  return {
    id: accountId(account.require("Id", "a 12-digit account id")),
    ...(name !== undefined ? { name } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(parentId !== undefined ? { parentId } : {}),
  };
}

/** SCPs and RCPs; other policy types (tag, backup, AI opt-out) are not IAM policies and are skipped. */
function readOrgPolicy(node: JsonNode, problems: ReadProblem[]): OrgPolicy[] {
  const policy = node.object(
    'a policy object such as {"PolicySummary": {...}, "Content": {...}, "Targets": [...]}',
  );
  const summary = policy
    .require("PolicySummary", "a policy summary object")
    .object("a policy summary object");
  const type = summary.requireString("Type");
  if (!POLICY_TYPES.includes(type)) return [];
  return [
    {
      id: summary.requireString("Id"),
      name: summary.requireString("Name"),
      type: type as OrgPolicyType,
      awsManaged: summary.get("AwsManaged")?.boolean() ?? false,
      content: readPolicyDocument(policy.require("Content", "the policy document"), {
        kind: "control-policy",
        problems,
      }),
      targetIds: (policy.get("Targets")?.array("an array of targets") ?? []).map((target) =>
        target.object("a target object").requireString("TargetId"),
      ),
    },
  ];
}

function accountId(node: JsonNode): string {
  const id = node.string("a 12-digit account id");
  if (!ACCOUNT_ID.test(id)) node.fail("a 12-digit account id");
  return id;
}
