import {
  GetAccountAuthorizationDetailsCommand,
  GetOpenIDConnectProviderCommand,
  ListOpenIDConnectProvidersCommand,
  ListSAMLProvidersCommand,
  type EntityType,
  type IAMClient,
} from "@aws-sdk/client-iam";
import type { CallScope } from "./calls.js";
import { errorCode } from "./errors.js";
import {
  normalizeApiObject,
  normalizeApiValue,
  parsePolicyDocument,
  type Json,
  type JsonObject,
} from "./normalize.js";

// Every entity type: without AWSManagedPolicy the AWS managed policies attached in the account are missing.
const ALL_ENTITY_TYPES: EntityType[] = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"];
const DETAIL_LISTS = ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"] as const;

/** The `iam` section of an account file; a list that could not be read is absent. */
export type IamSection = JsonObject;

/** Reads one account's IAM data: authorization details (all pages), OIDC and SAML providers. */
export async function collectIam(scope: CallScope, iam: IAMClient): Promise<IamSection | undefined> {
  const [details, oidc, saml] = await Promise.all([
    readAuthorizationDetails(scope, iam),
    readOidcProviders(scope, iam),
    readSamlProviders(scope, iam),
  ]);
  const section: IamSection = { ...details };
  if (oidc) section.OpenIDConnectProviders = oidc;
  if (saml) section.SAMLProviders = saml;
  return Object.keys(section).length > 0 ? section : undefined;
}

async function readAuthorizationDetails(scope: CallScope, iam: IAMClient): Promise<JsonObject | undefined> {
  const merged: Record<(typeof DETAIL_LISTS)[number], unknown[]> = {
    UserDetailList: [],
    GroupDetailList: [],
    RoleDetailList: [],
    Policies: [],
  };
  let marker: string | undefined;
  do {
    const page = await scope.read(
      { service: "iam", operation: "GetAccountAuthorizationDetails" },
      (abortSignal) =>
        iam.send(
          new GetAccountAuthorizationDetailsCommand({
            Filter: ALL_ENTITY_TYPES,
            MaxItems: 1000,
            ...(marker ? { Marker: marker } : {}),
          }),
          { abortSignal },
        ),
    );
    // A page that could not be read makes every list incomplete: leave them all out rather than pass
    // a partial list off as the whole account.
    if (!page) return undefined;
    for (const list of DETAIL_LISTS) merged[list].push(...(page[list] ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);

  const out: JsonObject = {};
  for (const list of DETAIL_LISTS) out[list] = normalizeApiValue(merged[list]);
  decodeDocuments(scope, out);
  return out;
}

/** Replaces every URL-encoded policy document in the authorization details with the decoded object. */
function decodeDocuments(scope: CallScope, details: JsonObject): void {
  const decode = (holder: JsonObject, key: string, resource: string) => {
    const text = holder[key];
    if (typeof text !== "string") return;
    try {
      holder[key] = parsePolicyDocument(text);
    } catch (error) {
      scope.record({
        service: "iam",
        operation: "GetAccountAuthorizationDetails",
        resource,
        code: errorCode(error),
        message: `${key}: ${(error as Error).message}`,
      });
    }
  };
  const each = (list: Json | undefined, visit: (item: JsonObject) => void) => {
    if (Array.isArray(list))
      for (const item of list) if (item && typeof item === "object" && !Array.isArray(item)) visit(item);
  };
  const arnOf = (item: JsonObject) => (typeof item.Arn === "string" ? item.Arn : "");

  each(details.RoleDetailList, (role) => {
    decode(role, "AssumeRolePolicyDocument", arnOf(role));
    each(role.RolePolicyList, (inline) => decode(inline, "PolicyDocument", arnOf(role)));
    each(role.InstanceProfileList, (profile) =>
      each(profile.Roles, (member) => decode(member, "AssumeRolePolicyDocument", arnOf(member))),
    );
  });
  each(details.UserDetailList, (user) =>
    each(user.UserPolicyList, (inline) => decode(inline, "PolicyDocument", arnOf(user))),
  );
  each(details.GroupDetailList, (group) =>
    each(group.GroupPolicyList, (inline) => decode(inline, "PolicyDocument", arnOf(group))),
  );
  each(details.Policies, (policy) =>
    each(policy.PolicyVersionList, (version) => decode(version, "Document", arnOf(policy))),
  );
}

async function readOidcProviders(scope: CallScope, iam: IAMClient): Promise<Json[] | undefined> {
  const list = await scope.read({ service: "iam", operation: "ListOpenIDConnectProviders" }, (abortSignal) =>
    iam.send(new ListOpenIDConnectProvidersCommand({}), { abortSignal }),
  );
  if (!list) return undefined;
  const providers = await Promise.all(
    (list.OpenIDConnectProviderList ?? []).map(async ({ Arn }) => {
      if (!Arn) return undefined;
      const provider = await scope.read(
        { service: "iam", operation: "GetOpenIDConnectProvider", resource: Arn },
        (abortSignal) =>
          iam.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: Arn }), { abortSignal }),
      );
      // Unreadable details: keep the provider by its ARN (the error says why the rest is missing).
      return normalizeApiObject({ Arn, ...(provider ?? {}) });
    }),
  );
  return normalizeApiValue(providers.filter((p) => p !== undefined)) as Json[];
}

async function readSamlProviders(scope: CallScope, iam: IAMClient): Promise<Json[] | undefined> {
  const list = await scope.read({ service: "iam", operation: "ListSAMLProviders" }, (abortSignal) =>
    iam.send(new ListSAMLProvidersCommand({}), { abortSignal }),
  );
  return list ? (normalizeApiValue(list.SAMLProviderList ?? []) as Json[]) : undefined;
}
