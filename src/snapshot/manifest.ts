import type { CollectionError } from "../model/snapshot.js";
import { ACCOUNT_ID } from "./arn.js";
import { readCollectionError } from "./collection-error.js";
import type { JsonNode } from "./json-node.js";

import { READABLE_SNAPSHOT_VERSIONS, SNAPSHOT_FORMAT } from "./format.js";

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
  const versions = READABLE_SNAPSHOT_VERSIONS.join(" or ");
  const versionNode = manifest.require("version", versions);
  const versionText = versionNode.kind === "number" ? versionNode.scalarText("a number") : "";
  if (!READABLE_SNAPSHOT_VERSIONS.some((version) => String(version) === versionText)) {
    versionNode.fail(`${versions} (the snapshot versions this trustscan reads)`);
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
