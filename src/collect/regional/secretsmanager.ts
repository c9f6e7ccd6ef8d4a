import { GetResourcePolicyCommand, paginateListSecrets } from "@aws-sdk/client-secrets-manager";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import type { JsonObject } from "../normalize.js";
import { decodedPolicy, isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";

const SECRET_GONE = ["ResourceNotFoundException"];

/**
 * Every Secrets Manager secret of the region (its ARN and name: never its value, nor its description or tags)
 * with its resource policy (GetResourcePolicy). ListSecrets leaves out secrets scheduled for deletion, which
 * cannot be used until restored.
 */
export async function collectSecretsManager(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const secretsManager = clients.secretsManager();
  const pages = await readAllPages(
    scope,
    regionalSite(target, "secretsmanager", "ListSecrets"),
    paginateListSecrets,
    secretsManager,
    {},
    100,
  );
  if (!pages) return undefined;
  const listed = pages.flatMap((page) => page.SecretList ?? []).filter((secret) => secret.ARN);
  const secrets = await Promise.all(
    listed.map(async (secret): Promise<JsonObject | undefined> => {
      const arn = secret.ARN as string;
      const site = regionalSite(target, "secretsmanager", "GetResourcePolicy", arn);
      const answer = await readResource(
        scope,
        site,
        (abortSignal) =>
          secretsManager.send(new GetResourcePolicyCommand({ SecretId: arn }), { abortSignal }),
        { gone: SECRET_GONE },
      );
      if (wasDeleted(scope, answer)) return undefined;
      const entry: JsonObject = { ARN: arn, ...(secret.Name ? { Name: secret.Name } : {}) };
      if (isRead(answer)) entry.ResourcePolicy = decodedPolicy(scope, site, answer.ResourcePolicy);
      return entry;
    }),
  );
  return {
    Secrets: secrets
      .filter((secret) => secret !== undefined)
      .sort((a, b) => compareText(String(a.ARN), String(b.ARN))),
  };
}
