/**
 * One entry of a share attribute, said the way the engine judges a policy grant: a principal and the conditions
 * that pick out who it is. An organization is every principal whose aws:PrincipalOrgID is its id, an OU every
 * principal whose aws:PrincipalOrgPaths runs through it; the engine's callers and zone of trust then decide who of
 * them is outside (docs/semantics.md#shares), exactly as for a policy that says the same.
 */
import type { ConditionClause } from "../model/policy.js";
import type { Share, SharedResourceType } from "../model/resource.js";
import { isAccountId, parseArn } from "./arn.js";
import type { Mentions } from "./mentions.js";
import type { JudgedPrincipal } from "./principals.js";

export interface ShareGrantee {
  /** As the attribute writes it, e.g. `{"UserId":"444455556666"}` (EC2) or `"444455556666"` (RDS `restore`). */
  written: string;
  /** Stable across re-export: `share:all`, `share:<account>`, `share:<organization or OU ARN>`. */
  identity: string;
  /** `all`: every AWS account. */
  isPublic: boolean;
  principals: JudgedPrincipal[];
  /** Who the grantee is, as conditions on the caller: an organization id, or an OU in the caller's org path. */
  conditions: ConditionClause[];
}

// AWS Organizations API Reference, Organization and OrganizationalUnit: the id patterns.
const ORGANIZATION_ID = /^o-[a-z0-9]{10,32}$/;
const OU_ID = /^ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;

/** Any signed request: EC2 and RDS take no anonymous calls, so `all` is every AWS account. */
const EVERY_AWS_ACCOUNT: JudgedPrincipal = { kind: "any-aws-account" };

function clause(operator: string, key: string, value: string): ConditionClause {
  return {
    operator,
    operatorLower: operator.toLowerCase(),
    key,
    keyLower: key.toLowerCase(),
    values: [value],
  };
}

/** `{"UserId":"…"}` for EC2's permission lists; the attribute value for RDS's `restore`. */
function written(share: Share, type: SharedResourceType): string {
  const isRds = type === "AWS::RDS::DBSnapshot" || type === "AWS::RDS::DBClusterSnapshot";
  switch (share.kind) {
    case "public":
      return JSON.stringify(isRds ? "all" : { Group: "all" });
    case "account":
      return JSON.stringify(isRds ? share.accountId : { UserId: share.accountId });
    case "organization":
      return JSON.stringify({ OrganizationArn: share.arn });
    case "organizational-unit":
      return JSON.stringify({ OrganizationalUnitArn: share.arn });
  }
}

/** The organization id of `arn:<partition>:organizations::<management account>:organization/o-…`. */
function organizationIdOf(arn: string): string | undefined {
  const parts = parseArn(arn);
  if (parts?.service !== "organizations") return undefined;
  const [kind, id, ...rest] = parts.resource.split("/");
  return kind === "organization" && id && rest.length === 0 && ORGANIZATION_ID.test(id) ? id : undefined;
}

/** The organization and OU ids of `arn:<partition>:organizations::<management account>:ou/o-…/ou-…`. */
function organizationalUnitOf(arn: string): { orgId: string; ouId: string } | undefined {
  const parts = parseArn(arn);
  if (parts?.service !== "organizations") return undefined;
  const [kind, orgId, ouId, ...rest] = parts.resource.split("/");
  if (kind !== "ou" || !orgId || !ouId || rest.length > 0) return undefined;
  return ORGANIZATION_ID.test(orgId) && OU_ID.test(ouId) ? { orgId, ouId } : undefined;
}

/** A value no account or organization id can be: an outside party of its own, named by the value. */
function unresolved(value: string, into: Mentions): Pick<ShareGrantee, "principals" | "conditions"> {
  into.unknownPrincipals.add(value);
  return { principals: [{ kind: "unknown-principal", id: value }], conditions: [] };
}

/** The grantee of one share entry; the parties it names are added to `into`, so that they get callers. */
export function shareGrantee(share: Share, type: SharedResourceType, into: Mentions): ShareGrantee {
  const base = { written: written(share, type), isPublic: share.kind === "public" };
  switch (share.kind) {
    case "public":
      return { ...base, identity: "share:all", principals: [EVERY_AWS_ACCOUNT], conditions: [] };
    case "account": {
      const identity = `share:${share.accountId}`;
      if (!isAccountId(share.accountId)) return { ...base, identity, ...unresolved(share.accountId, into) };
      into.accounts.add(share.accountId);
      return {
        ...base,
        identity,
        principals: [{ kind: "account", account: share.accountId, whole: true }],
        conditions: [],
      };
    }
    case "organization": {
      const identity = `share:${share.arn}`;
      const orgId = organizationIdOf(share.arn);
      if (!orgId) return { ...base, identity, ...unresolved(share.arn, into) };
      into.orgs.add(orgId);
      return {
        ...base,
        identity,
        principals: [EVERY_AWS_ACCOUNT],
        conditions: [clause("StringEquals", "aws:PrincipalOrgID", orgId)],
      };
    }
    case "organizational-unit": {
      const identity = `share:${share.arn}`;
      const unit = organizationalUnitOf(share.arn);
      if (!unit) return { ...base, identity, ...unresolved(share.arn, into) };
      into.orgs.add(unit.orgId);
      // The OU and every OU nested under it (EC2 User Guide, "Share an AMI with organizations and OUs"): the
      // ids are checked above, so the pattern holds no wildcard but the two it is built with.
      return {
        ...base,
        identity,
        principals: [EVERY_AWS_ACCOUNT],
        conditions: [
          clause("ForAnyValue:StringLike", "aws:PrincipalOrgPaths", `${unit.orgId}/*/${unit.ouId}/*`),
        ],
      };
    }
  }
}
