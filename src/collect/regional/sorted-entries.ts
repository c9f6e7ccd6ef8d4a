import { compareText } from "../errors.js";
import type { JsonObject } from "../normalize.js";

/** The entries of the resources still there (left out: undefined, deleted since listed), sorted by `key`. */
export function presentSortedBy(entries: readonly (JsonObject | undefined)[], key: string): JsonObject[] {
  return entries
    .filter((entry): entry is JsonObject => entry !== undefined)
    .sort((a, b) => compareText(String(a[key]), String(b[key])));
}
