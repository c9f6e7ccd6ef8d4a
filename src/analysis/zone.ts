import type { ZoneDescription, ZoneKind } from "../findings/scan-result.js";
import type { Organization } from "../model/snapshot.js";

/**
 * The zone of trust (docs/semantics.md#zone) and what the organization tells us about accounts: membership and the
 * `o-…/r-…/ou-…/` path that aws:PrincipalOrgPaths compares against.
 */
export class Zone {
  readonly kind: ZoneKind;
  readonly organization: Organization | undefined;
  readonly trustedAccounts: ReadonlySet<string>;
  private readonly paths = new Map<string, string>();
  /** Per org path, its members, computed once: a scan asks for every path of every resource. */
  private readonly members = new Map<string, string[]>();
  private readonly sortedPaths: string[];

  constructor(
    kind: ZoneKind,
    organization: Organization | undefined,
    trustedAccounts: Iterable<string> = [],
  ) {
    this.kind = kind;
    this.organization = organization;
    this.trustedAccounts = new Set(trustedAccounts);
    // Paths are computed once per OU, not once per account: an organization has far fewer OUs than accounts.
    const pathOfParent = new Map<string | undefined, string>();
    if (organization) {
      for (const account of organization.accounts.values()) {
        let path = pathOfParent.get(account.parentId);
        if (path === undefined) {
          path = this.pathOf(organization, account.parentId);
          pathOfParent.set(account.parentId, path);
        }
        this.paths.set(account.id, path);
        const atPath = this.members.get(path);
        if (atPath) atPath.push(account.id);
        else this.members.set(path, [account.id]);
      }
    }
    this.sortedPaths = [...this.members.keys()].sort();
  }

  get organizationId(): string | undefined {
    return this.organization?.id;
  }

  describe(): ZoneDescription {
    return {
      kind: this.kind,
      ...(this.kind === "organization" && this.organization ? { organizationId: this.organization.id } : {}),
      trustedAccounts: [...this.trustedAccounts].sort(),
    };
  }

  /** Is `account` inside the zone of trust of a resource owned by `owner`? */
  isInside(account: string, owner: string): boolean {
    if (account === owner || this.trustedAccounts.has(account)) return true;
    return this.kind === "organization" && this.isOrgMember(account);
  }

  /** Is every member of organization `orgId` inside the zone? */
  isOrgInside(orgId: string): boolean {
    return this.kind === "organization" && this.organization?.id === orgId;
  }

  isOrgMember(account: string): boolean {
    return this.organization?.accounts.has(account) ?? false;
  }

  /** The org path of a member account, e.g. `o-a1b2c3d4e5/r-a1b2/ou-a1b2-prod1234/`. */
  orgPathOf(account: string): string | undefined {
    return this.paths.get(account);
  }

  /** Distinct org paths of the organization's accounts. */
  memberPaths(): readonly string[] {
    return this.sortedPaths;
  }

  membersAt(path: string): readonly string[] {
    return this.members.get(path) ?? [];
  }

  /** Is some member at `path` outside the zone of a resource owned by `owner`? Stops at the first one. */
  hasMemberOutsideAt(path: string, owner: string): boolean {
    return this.membersAt(path).some((id) => !this.isInside(id, owner));
  }

  /** Ancestors of an account, nearest first: its OUs, then the root. */
  ancestorsOf(account: string): string[] {
    const org = this.organization;
    const parent = org?.accounts.get(account)?.parentId;
    if (!org || !parent) return [];
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let id: string | undefined = parent; id && !seen.has(id); id = org.ouParents.get(id)) {
      seen.add(id);
      chain.push(id);
    }
    return chain;
  }

  private pathOf(org: Organization, parentId: string | undefined): string {
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let id = parentId; id && !seen.has(id); id = org.ouParents.get(id)) {
      seen.add(id);
      chain.unshift(id);
    }
    return `${[org.id, ...chain].join("/")}/`;
  }
}
