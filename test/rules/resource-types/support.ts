/**
 * What the rule tables of the policy-based resource types share: the accounts of policies.ts, an organization whose
 * RCP is the AWS data perimeter (the owner is a member, not the management account), and the controls named in
 * `cancelledBy` expectations.
 */
import type { OrganizationCase } from "../../helpers/scan-policy.js";
import { ORG, ORG_MEMBER, OWNER, ROOT_ID } from "../policies.js";

export { ORG, ORG_MEMBER, OUTSIDE, OWNER, policy, type Statement } from "../policies.js";

/** The identity perimeter RCP of the AWS data perimeter examples: outside principals are denied, services are not. */
export const PERIMETER_RCP = {
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "EnforceOrgIdentities",
      Effect: "Deny",
      Principal: "*",
      Action: "*",
      Resource: "*",
      Condition: {
        StringNotEqualsIfExists: { "aws:PrincipalOrgID": ORG },
        BoolIfExists: { "aws:PrincipalIsAWSService": "false" },
      },
    },
  ],
};

/** The organization with the perimeter RCP on its root; ORG_MEMBER is the management account. */
export const ORG_WITH_RCP: OrganizationCase = {
  id: ORG,
  accounts: [OWNER, ORG_MEMBER],
  managementAccount: ORG_MEMBER,
  rcps: [{ id: "p-perimeter1", name: "data-perimeter", targets: [ROOT_ID], policy: PERIMETER_RCP }],
};

export const byRcp = { kind: "resource-control-policy" as const, name: "data-perimeter" };
export const byDeny = (name: string) => ({ kind: "deny-statement" as const, name });
export const byBpa = (name: string) => ({ kind: "block-public-access" as const, name });

/** `{"AWS": "arn:aws:iam::<account>:root"}` */
export function rootOf(account: string): { AWS: string } {
  return { AWS: `arn:aws:iam::${account}:root` };
}
