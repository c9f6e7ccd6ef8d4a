import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  paginateListGrants,
  paginateListKeys,
  type GrantListEntry,
  type KeyListEntry,
} from "@aws-sdk/client-kms";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import { normalizeApiObject, type Json, type JsonObject } from "../normalize.js";
import {
  decodedPolicy,
  GONE,
  isRead,
  readAllPages,
  readPagesOf,
  readResource,
  regionalSite,
  wasDeleted,
} from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";

// KMS answers NotFoundException for a key that no longer exists (a key pending deletion still exists).
const KEY_GONE = ["NotFoundException"];

/**
 * Every KMS key of the region: its metadata (DescribeKey), its key policy (GetKeyPolicy, the `default` policy, the
 * only one KMS has) and, for customer managed keys, its grants (ListGrants). A key deleted since it was listed is
 * left out.
 */
export async function collectKms(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const kms = clients.kms();
  const pages = await readAllPages(
    scope,
    regionalSite(target, "kms", "ListKeys"),
    paginateListKeys,
    kms,
    {},
    1000,
  );
  if (!pages) return undefined;
  const listed = pages.flatMap((page) => page.Keys ?? []).filter((key) => key.KeyId && key.KeyArn);
  const keys = await Promise.all(listed.map((key) => collectKey(scope, clients, target, key)));
  return {
    Keys: keys.filter((key) => key !== undefined).sort((a, b) => compareText(String(a.Arn), String(b.Arn))),
  };
}

async function collectKey(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  key: KeyListEntry,
): Promise<JsonObject | undefined> {
  const kms = clients.kms();
  const arn = key.KeyArn as string;
  const [described, policy] = await Promise.all([
    readResource(
      scope,
      regionalSite(target, "kms", "DescribeKey", arn),
      (abortSignal) => kms.send(new DescribeKeyCommand({ KeyId: arn }), { abortSignal }),
      { gone: KEY_GONE },
    ),
    readResource(
      scope,
      regionalSite(target, "kms", "GetKeyPolicy", arn),
      (abortSignal) =>
        kms.send(new GetKeyPolicyCommand({ KeyId: arn, PolicyName: "default" }), { abortSignal }),
      { gone: KEY_GONE },
    ),
  ]);
  const metadata = isRead(described) ? described.KeyMetadata : undefined;
  // Grants are read unless the key is known to be AWS managed: a key whose metadata could not be read may be
  // customer managed, and its grants may be the access that matters.
  const grants = metadata?.KeyManager === "AWS" ? undefined : await readGrants(scope, clients, target, arn);
  if (wasDeleted(scope, described, policy, grants)) return undefined;

  const entry: JsonObject = {
    ...(metadata ? normalizeApiObject(metadata) : {}),
    KeyId: key.KeyId as string,
    Arn: arn,
  };
  if (isRead(policy)) {
    entry.Policy = decodedPolicy(scope, regionalSite(target, "kms", "GetKeyPolicy", arn), policy.Policy);
  }
  if (isRead(grants)) entry.Grants = grants;
  return entry;
}

async function readGrants(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
  arn: string,
): Promise<Json[] | undefined | typeof GONE> {
  const site = regionalSite(target, "kms", "ListGrants", arn);
  const pages = await readPagesOf(
    scope,
    site,
    paginateListGrants,
    clients.kms(),
    { KeyId: arn },
    {
      pageSize: 100,
      gone: KEY_GONE,
    },
  );
  if (pages === GONE || pages === undefined) return pages;
  return pages
    .flatMap((page) => page.Grants ?? [])
    .map((grant: GrantListEntry) => normalizeApiObject(grant))
    .sort((a, b) => compareText(String(a.GrantId), String(b.GrantId)));
}
