import type { CallScope, Send } from "../calls.js";
import { compareText, errorCode, toRecordedError, type CallSite } from "../errors.js";
import { parsePolicyDocument, type Json, type JsonObject } from "../normalize.js";
import type { RegionTarget } from "./regional-clients.js";

/** Where the calls of one service in one region are made, for the error records. */
export type RegionalSite = (operation: string, resource?: string) => CallSite;

/**
 * The call sites of `service` in the target's region. Every regional error record is made from one of these: the
 * one place that names the region in them once errors carry it.
 */
export function regionalSites(_target: RegionTarget, service: string): RegionalSite {
  return (operation, resource) => ({ service, operation, ...(resource !== undefined ? { resource } : {}) });
}

/**
 * Every item of a paginated listing, page by page through the scope. Undefined when a page could not be read
 * (recorded): a partial list is not passed off as whole.
 */
export async function readAllPages<Page, Item>(
  scope: CallScope,
  site: CallSite,
  sendPage: (token: string | undefined, abortSignal?: AbortSignal) => Promise<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
  nextToken: (page: Page) => string | undefined,
): Promise<Item[] | undefined> {
  const items: Item[] = [];
  let token: string | undefined;
  do {
    const sent = token;
    const page = await scope.read(site, (abortSignal) => sendPage(sent, abortSignal));
    if (!page) return undefined;
    items.push(...(itemsOf(page) ?? []));
    token = nextToken(page) || undefined;
  } while (token);
  return items;
}

/** What reading a listed resource found when the resource had been deleted since it was listed. */
export const GONE: unique symbol = Symbol("gone");

export interface ListedCodes {
  /** The resource no longer exists (deleted between the listing and this call): it is left out, not an error. */
  gone: readonly string[];
  /** The value is not set (e.g. `NoSuchAccessPointPolicy`): null. */
  notSet?: readonly string[];
}

/**
 * Reads one value of a listed resource: the answer, null when it is not set, GONE when the resource was deleted
 * since it was listed, undefined after recording any other failure.
 */
export async function readListed<T>(
  scope: CallScope,
  site: CallSite,
  send: Send<T>,
  codes: ListedCodes,
): Promise<T | null | undefined | typeof GONE> {
  try {
    return await scope.send(send);
  } catch (error) {
    const recorded = toRecordedError(error, site);
    if (codes.gone.includes(recorded.code)) return GONE;
    if (codes.notSet?.includes(recorded.code)) return null;
    scope.record(recorded);
    return undefined;
  }
}

/**
 * A resource policy as stored: the decoded document, or null when there is none. A document that is not JSON is
 * kept as the text the service returned, so that nothing is hidden, and recorded (the reader reports it).
 */
export function decodedPolicy(scope: CallScope, site: CallSite, text: string | undefined): Json {
  if (!text) return null;
  try {
    return parsePolicyDocument(text);
  } catch (error) {
    scope.record({ ...site, code: errorCode(error), message: (error as Error).message });
    return text;
  }
}

/** The entries of the resources still there (left out: undefined, deleted since listed), sorted by `key`. */
export function presentSortedBy(entries: readonly (JsonObject | undefined)[], key: string): JsonObject[] {
  return entries
    .filter((entry): entry is JsonObject => entry !== undefined)
    .sort((a, b) => compareText(String(a[key]), String(b[key])));
}
