/**
 * One concrete request, as AWS would see it: who makes it, the action, the resource and the request context. The
 * oracle derives the principal's own context keys (aws:PrincipalAccount, aws:PrincipalArn, aws:SourceAccount, …)
 * from the principal, so a request cannot carry contradictory ones.
 */
export type OraclePrincipal = AnonymousCaller | IamCaller | ServiceCaller | FederatedCaller;

/** An unsigned request (S3 allows them; STS AssumeRole does not). */
export interface AnonymousCaller {
  kind: "anonymous";
}

/** The root user, an IAM user or a session of an IAM role of `account`. */
export interface IamCaller {
  kind: "iam";
  account: string;
  /** aws:PrincipalArn: `arn:aws:iam::A:root`, `arn:aws:iam::A:user/…` or `arn:aws:iam::A:role/…`. */
  arn: string;
  /** For a role: the session name in `arn:aws:sts::A:assumed-role/<role>/<session>`. Default "session". */
  sessionName?: string;
  /** The AIDA…/AROA… id of the user or role (aws:userid, and unique ids left in policies). */
  uniqueId?: string;
  /** The S3 canonical user id of the account, for `CanonicalUser` principals and ACL grants. */
  canonicalUserId?: string;
  orgId?: string;
  /** `o-…/r-…/ou-…/`, the one path of the account in its organization. */
  orgPath?: string;
}

/** An AWS service acting with its service principal, for the source it names (if any). */
export interface ServiceCaller {
  kind: "service";
  service: string;
  sourceAccount?: string;
  sourceArn?: string;
  sourceOrgId?: string;
  sourceOrgPath?: string;
}

/** A caller vouched for by an identity provider (sts:AssumeRoleWithWebIdentity / sts:AssumeRoleWithSAML). */
export interface FederatedCaller {
  kind: "federated";
  provider: string;
}

export interface OracleRequest {
  principal: OraclePrincipal;
  action: string;
  /** The ARN of the role, bucket or object. */
  resource: string;
  /**
   * What the caller sends or the network adds: aws:SourceIp, aws:SourceVpce, aws:SourceVpc, aws:SecureTransport,
   * sts:ExternalId, … (key names in any case). Keys that describe the principal are derived, never given here.
   */
  context?: Record<string, string | readonly string[]>;
}

export function rootOf(account: string): string {
  return `arn:aws:iam::${account}:root`;
}

/** The identity ARNs IAM checks a Principal element against, besides the account (IAM User Guide, NotPrincipal). */
export function identityArns(caller: IamCaller): string[] {
  const parsed = /^arn:([^:]*):iam::(\d{12}):(root|user\/.+|role\/.+)$/.exec(caller.arn);
  if (!parsed) throw new Error(`oracle: not an IAM principal ARN: ${caller.arn}`);
  const [, partition = "aws", account, resource = ""] = parsed;
  if (account !== caller.account)
    throw new Error(`oracle: ${caller.arn} is not in account ${caller.account}`);
  if (resource === "root") return [];
  if (resource.startsWith("user/")) return [caller.arn];
  const roleName = resource.split("/").pop() ?? "";
  const session = `arn:${partition}:sts::${account}:assumed-role/${roleName}/${caller.sessionName ?? "session"}`;
  return [caller.arn, session];
}

/** Keys the oracle derives from the principal; a request's own `context` must not set them. */
export const DERIVED_KEYS = new Set([
  "aws:principalaccount",
  "aws:principalarn",
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principaltype",
  "aws:principalisawsservice",
  "aws:principalservicename",
  "aws:userid",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:resourceaccount",
  "aws:resourceorgid",
]);

/** The request context: lower-case key → values (a single-valued key has one). Absent keys are not in the map. */
export type RequestContext = ReadonlyMap<string, readonly string[]>;

export function requestContext(
  request: OracleRequest,
  resource: { ownerAccount: string; ownerOrgId?: string },
): RequestContext {
  const context = new Map<string, readonly string[]>();
  const set = (key: string, value: string | readonly string[] | undefined) => {
    if (value !== undefined) context.set(key, typeof value === "string" ? [value] : value);
  };
  for (const [key, value] of Object.entries(request.context ?? {})) {
    const lower = key.toLowerCase();
    if (DERIVED_KEYS.has(lower)) throw new Error(`oracle: ${key} is derived from the principal, not given`);
    set(lower, value);
  }
  set("aws:resourceaccount", resource.ownerAccount);
  set("aws:resourceorgid", resource.ownerOrgId);
  const principal = request.principal;
  switch (principal.kind) {
    case "iam": {
      const arns = identityArns(principal);
      const type = arns.length === 0 ? "Account" : arns.length === 1 ? "User" : "AssumedRole";
      set("aws:principalaccount", principal.account);
      set("aws:principalarn", principal.arn);
      set("aws:principaltype", type);
      set("aws:principalisawsservice", "false");
      set("aws:principalorgid", principal.orgId);
      set("aws:principalorgpaths", principal.orgPath === undefined ? undefined : [principal.orgPath]);
      const userId =
        type === "Account"
          ? principal.account
          : type === "User"
            ? principal.uniqueId
            : principal.uniqueId && `${principal.uniqueId}:${principal.sessionName ?? "session"}`;
      set("aws:userid", userId);
      break;
    }
    case "service":
      set("aws:principalisawsservice", "true");
      set("aws:principalservicename", principal.service);
      set("aws:sourceaccount", principal.sourceAccount);
      set("aws:sourcearn", principal.sourceArn);
      set("aws:sourceorgid", principal.sourceOrgId);
      set(
        "aws:sourceorgpaths",
        principal.sourceOrgPath === undefined ? undefined : [principal.sourceOrgPath],
      );
      break;
    case "anonymous":
    case "federated":
      break;
  }
  return context;
}
