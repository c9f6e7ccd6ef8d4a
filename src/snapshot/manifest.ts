import type { CollectionError } from "../model/snapshot.js";
import { ACCOUNT_ID } from "./arn.js";
import { readCollectionError } from "./collection-error.js";
import type { JsonNode } from "./json-node.js";

export const SNAPSHOT_FORMAT = "trustscan-snapshot";
export const SNAPSHOT_VERSION = 1;

export interface Manifest {
  accountIds: string[];
  errors: CollectionError[];
}

/** `snapshot.json`. Any wrong shape throws: without a trustworthy manifest nothing can be scanned. */
export function readManifest(root: JsonNode): Manifest {
  const manifest = root.object(`a snapshot manifest object with "format": "${SNAPSHOT_FORMAT}"`);
  const formatNode = manifest.require("format", `"${SNAPSHOT_FORMAT}"`);
  if (formatNode.kind !== "string" || formatNode.string() !== SNAPSHOT_FORMAT)
    formatNode.fail(`"${SNAPSHOT_FORMAT}"`);
  const versionNode = manifest.require("version", `${SNAPSHOT_VERSION}`);
  if (versionNode.kind !== "number" || versionNode.scalarText("a number") !== String(SNAPSHOT_VERSION)) {
    versionNode.fail(`${SNAPSHOT_VERSION} (the only snapshot version this trustscan reads)`);
  }
  const seen = new Set<string>();
  const accountIds = manifest
    .require("accounts", "an array of 12-digit account ids")
    .array("an array of 12-digit account ids")
    .map((node) => {
      const id = node.string("a 12-digit account id");
      if (!ACCOUNT_ID.test(id)) node.fail("a 12-digit account id");
      if (seen.has(id)) node.fail("each account listed once", `account ${id} listed again`);
      seen.add(id);
      return id;
    });
  const errors = (manifest.get("errors")?.array("an array of error objects") ?? []).map((node) =>
    readCollectionError(node),
  );
  return { accountIds, errors };
}
