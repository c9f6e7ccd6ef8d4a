import type { CollectionError } from "../model/snapshot.js";
import type { JsonNode } from "./json-node.js";

/** One entry of an `errors` array: a call the collector could not make. */
export function readCollectionError(node: JsonNode, accountId?: string): CollectionError {
  const entry = node.object(
    'an error object such as {"service": "s3", "operation": "GetBucketPolicy", "code": "AccessDenied"}',
  );
  const account = accountId ?? entry.optionalString("accountId");
  const region = entry.optionalString("region");
  const resource = entry.optionalString("resource");
  const message = entry.optionalString("message");
  return {
    ...(account !== undefined ? { accountId: account } : {}),
    ...(region !== undefined ? { region } : {}),
    service: entry.requireString("service"),
    operation: entry.requireString("operation"),
    ...(resource !== undefined ? { resource } : {}),
    code: entry.requireString("code"),
    ...(message !== undefined ? { message } : {}),
  };
}
