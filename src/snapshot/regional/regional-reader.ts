import type { PolicyResource, SharedResource } from "../../model/resource.js";
import type { ReadProblem } from "../../model/snapshot.js";
import type { JsonNode } from "../json-node.js";

/** Where a regional list is read: the account file's account, the region key it is under, and its partition. */
export interface RegionalContext {
  accountId: string;
  region: string;
  partition: string;
}

export type RegionalResource = PolicyResource | SharedResource;

/**
 * Reads one entry of a regional list (a DynamoDB table gives its stream too); a wrong shape throws an InputError
 * and the entry is skipped. Grammar problems of its policies go to `problems`.
 */
export type RegionalReader = (
  node: JsonNode,
  context: RegionalContext,
  problems: ReadProblem[],
) => RegionalResource | RegionalResource[];
