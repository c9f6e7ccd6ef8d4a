import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  type Account,
  type OrganizationalUnit,
  type OrganizationsClient,
  type PolicySummary,
  type PolicyType,
  type Root,
} from "@aws-sdk/client-organizations";
import type { CallScope } from "./calls.js";
import type { CallSite } from "./errors.js";
import { compareText, errorCode } from "./errors.js";
import {
  normalizeApiObject,
  normalizeApiValue,
  parsePolicyDocument,
  type Json,
  type JsonObject,
} from "./normalize.js";

const POLICY_TYPES: PolicyType[] = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

/** An account found in the organization, with what the selection needs. */
export interface MemberAccount {
  id: string;
  /** `State`, or the older `Status` (retired by AWS in 2026) when `State` is absent. */
  state: string | undefined;
}

export interface OrganizationTree {
  organization: JsonObject;
  roots: JsonObject[];
  organizationalUnits: JsonObject[];
  accounts: JsonObject[];
  members: MemberAccount[];
}

/** Reads the pages of a NextToken-paginated list; undefined when a page failed (the error is recorded). */
async function readPages<P extends { NextToken?: string }>(
  scope: CallScope,
  site: CallSite,
  fetch: (token: string | undefined) => Promise<P>,
): Promise<P[] | undefined> {
  const pages: P[] = [];
  let token: string | undefined;
  do {
    const page = await scope.read(site, () => fetch(token));
    if (!page) return undefined;
    pages.push(page);
    token = page.NextToken;
  } while (token);
  return pages;
}

// Email addresses are personal data the analysis never needs, and snapshots tend to be committed to git.
function withoutEmail<T extends object>(value: T): Omit<T, "Email" | "MasterAccountEmail"> {
  const {
    Email: _e,
    MasterAccountEmail: _m,
    ...rest
  } = value as T & { Email?: unknown; MasterAccountEmail?: unknown };
  return rest;
}

function memberOf(account: Account): MemberAccount {
  return { id: account.Id as string, state: account.State ?? account.Status };
}

// docs/snapshot-format.md names the account's `Status`; AWS retires it for `State` in September 2026. Once only
// `State` comes back, it is also written as `Status` so that snapshots keep the documented shape.
function withStatus<T extends { Status?: string; State?: string }>(account: T): T {
  return account.Status === undefined && account.State !== undefined
    ? { ...account, Status: account.State }
    : account;
}

/**
 * The organization, its roots and the whole OU tree with every account and its parent; `onAccount` hears of
 * each account as soon as it is listed. Undefined when the organization cannot be described (not in one,
 * access denied); parts that fail are recorded and left out.
 */
export async function walkOrganization(
  scope: CallScope,
  org: OrganizationsClient,
  onAccount: (account: MemberAccount) => void = () => {},
): Promise<OrganizationTree | undefined> {
  const described = await scope.read({ service: "organizations", operation: "DescribeOrganization" }, () =>
    org.send(new DescribeOrganizationCommand({})),
  );
  if (!described?.Organization) return undefined;

  const roots: Root[] = [];
  const units: (OrganizationalUnit & { ParentId: string })[] = [];
  const accounts: (Account & { ParentId: string })[] = [];

  // Each parent's OUs and accounts are listed in parallel, and each child OU is walked in parallel.
  const walk = async (parentId: string): Promise<void> => {
    const [unitPages, accountPages] = await Promise.all([
      readPages(
        scope,
        { service: "organizations", operation: "ListOrganizationalUnitsForParent", resource: parentId },
        (token) =>
          org.send(
            new ListOrganizationalUnitsForParentCommand({
              ParentId: parentId,
              ...(token ? { NextToken: token } : {}),
            }),
          ),
      ),
      readPages(
        scope,
        { service: "organizations", operation: "ListAccountsForParent", resource: parentId },
        (token) =>
          org.send(
            new ListAccountsForParentCommand({ ParentId: parentId, ...(token ? { NextToken: token } : {}) }),
          ),
      ),
    ]);
    for (const account of (accountPages ?? []).flatMap((p) => p.Accounts ?? [])) {
      accounts.push({ ...account, ParentId: parentId });
      // Announced at once, so that collecting an account need not wait for the whole tree.
      if (account.Id) onAccount(memberOf(account));
    }
    const children = (unitPages ?? []).flatMap((p) => p.OrganizationalUnits ?? []);
    for (const unit of children) units.push({ ...unit, ParentId: parentId });
    await Promise.all(children.filter((unit) => unit.Id).map((unit) => walk(unit.Id as string)));
  };

  const rootPages = await readPages(scope, { service: "organizations", operation: "ListRoots" }, (token) =>
    org.send(new ListRootsCommand(token ? { NextToken: token } : {})),
  );
  for (const root of (rootPages ?? []).flatMap((p) => p.Roots ?? [])) roots.push(root);
  await Promise.all(roots.filter((root) => root.Id).map((root) => walk(root.Id as string)));

  return {
    organization: normalizeApiObject(withoutEmail(described.Organization)),
    roots: normalizeApiValue(roots) as JsonObject[],
    organizationalUnits: normalizeApiValue(units) as JsonObject[],
    accounts: normalizeApiValue(accounts.map((a) => withStatus(withoutEmail(a)))) as JsonObject[],
    members: accounts
      .filter((a) => a.Id)
      .map(memberOf)
      .sort((a, b) => compareText(a.id, b.id)),
  };
}

/** Every SCP and RCP with its content and targets, ordered by ARN. */
export async function collectOrganizationPolicies(
  scope: CallScope,
  org: OrganizationsClient,
): Promise<JsonObject[]> {
  const perType = await Promise.all(
    POLICY_TYPES.map(async (type) => {
      const pages = await readPages(
        scope,
        { service: "organizations", operation: "ListPolicies", resource: type },
        (token) =>
          org.send(new ListPoliciesCommand({ Filter: type, ...(token ? { NextToken: token } : {}) })),
      );
      const summaries = (pages ?? []).flatMap((p) => p.Policies ?? []).filter((s) => s.Id);
      return Promise.all(summaries.map((summary) => collectPolicy(scope, org, summary)));
    }),
  );
  const policies = perType.flat();
  const arnOf = (p: JsonObject) =>
    String((p.PolicySummary as JsonObject).Arn ?? (p.PolicySummary as JsonObject).Id);
  return policies.sort((a, b) => compareText(arnOf(a), arnOf(b)));
}

async function collectPolicy(
  scope: CallScope,
  org: OrganizationsClient,
  summary: PolicySummary,
): Promise<JsonObject> {
  const id = summary.Id as string;
  const resource = summary.Arn ?? id;
  const [described, targetPages] = await Promise.all([
    scope.read({ service: "organizations", operation: "DescribePolicy", resource }, () =>
      org.send(new DescribePolicyCommand({ PolicyId: id })),
    ),
    readPages(scope, { service: "organizations", operation: "ListTargetsForPolicy", resource }, (token) =>
      org.send(new ListTargetsForPolicyCommand({ PolicyId: id, ...(token ? { NextToken: token } : {}) })),
    ),
  ]);
  // Content or Targets that could not be read are absent (and recorded), never guessed.
  const policy: JsonObject = { PolicySummary: normalizeApiObject(summary) };
  if (described) {
    const content = described.Policy?.Content;
    policy.Content = content === undefined ? null : policyContent(scope, content, resource);
  }
  if (targetPages) policy.Targets = normalizeApiValue(targetPages.flatMap((p) => p.Targets ?? [])) as Json[];
  return policy;
}

function policyContent(scope: CallScope, content: string, resource: string): Json {
  try {
    return parsePolicyDocument(content);
  } catch (error) {
    scope.record({
      service: "organizations",
      operation: "DescribePolicy",
      resource,
      code: errorCode(error),
      message: (error as Error).message,
    });
    return content;
  }
}
