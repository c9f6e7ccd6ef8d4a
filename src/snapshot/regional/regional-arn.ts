import type { JsonObject } from "../json-node.js";
import type { RegionalContext } from "./regional-reader.js";

/** The ARN of one resource type, as its API returns it. */
export interface ArnShape {
  /** For messages: `a KMS key ARN`. */
  what: string;
  service: string;
  /** The resource part; its first group is the resource's name. */
  resource: RegExp;
  /** The resource part in messages: `key/<key id>`. */
  example: string;
  /** A multi-region access point's ARN has no region. */
  global?: boolean;
}

interface ArnParts {
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** `arn:partition:service:region:account:resource`, the resource keeping its own colons. */
function arnParts(text: string): ArnParts | undefined {
  const parts = text.split(":");
  if (parts.length < 6 || parts[0] !== "arn" || parts[1] === "") return undefined;
  const [, , service = "", region = "", account = ""] = parts;
  return { service, region, account, resource: parts.slice(5).join(":") };
}

/**
 * The ARN under `key`, checked against its shape and against where it is written: an ARN of another account or
 * region than the account file's and the region key's would put the resource in the wrong zone of trust, so it
 * is an InputError (the entry is skipped). Returns the ARN and the name in its resource part.
 */
export function readArn(
  entry: JsonObject,
  key: string,
  shape: ArnShape,
  context: RegionalContext,
): { arn: string; name: string } {
  const region = shape.global ? "" : context.region;
  const expected = `${shape.what} such as arn:${context.partition}:${shape.service}:${region}:${context.accountId}:${shape.example}`;
  const node = entry.require(key, expected);
  const arn = node.string(expected);
  const parts = arnParts(arn);
  const name = parts?.service === shape.service ? shape.resource.exec(parts.resource)?.[1] : undefined;
  if (parts === undefined || name === undefined) return node.fail(expected);
  if (parts.region !== region) {
    node.fail(
      shape.global
        ? `${shape.what} with no region`
        : `${shape.what} in region ${region} (the region it is listed under)`,
    );
  }
  if (parts.account !== context.accountId) {
    node.fail(`${shape.what} in account ${context.accountId} (the account of the file)`);
  }
  return { arn, name };
}
