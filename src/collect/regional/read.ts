import type { CallScope } from "../calls.js";
import { errorCode, toRecordedError, type CallSite } from "../errors.js";
import { parsePolicyDocument, type Json } from "../normalize.js";
import type { RegionTarget } from "./regional-clients.js";

/** Where a regional call is made: its service, operation and resource, in the target's region. */
export function regionalSite(
  target: RegionTarget,
  service: string,
  operation: string,
  resource?: string,
): CallSite {
  return {
    service,
    region: target.region,
    operation,
    ...(resource !== undefined ? { resource } : {}),
  };
}

interface Sender {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * The same client, sending every request through the account's CallScope (its bound on calls in flight, retries
 * and deadline). Made with Object.create because the SDK's paginators check that the client is an instance of
 * the service's client class.
 */
function throughScope<C extends object>(scope: CallScope, client: C): C {
  const original = client as unknown as Sender;
  const scoped = Object.create(client) as Sender;
  scoped.send = (command, options) =>
    scope.send((abortSignal) =>
      original.send(command, { ...options, ...(abortSignal ? { abortSignal } : {}) }),
    );
  return scoped as unknown as C;
}

/** A resource that was listed, then found deleted when read. */
export const GONE: unique symbol = Symbol("gone");

export interface ReadCodes {
  /** The thing read is not set (no policy): the value is `null`. */
  absent?: readonly string[];
  /** The resource itself no longer exists: GONE. */
  gone?: readonly string[];
}

/**
 * Reads one value of a listed resource: the answer; `null` when the service says it is not set; GONE when the
 * service says the resource no longer exists; `undefined` after recording any other failure.
 */
export async function readResource<T>(
  scope: CallScope,
  site: CallSite,
  send: (abortSignal?: AbortSignal) => Promise<T>,
  codes: ReadCodes = {},
): Promise<T | null | undefined | typeof GONE> {
  try {
    return await scope.send(send);
  } catch (error) {
    const recorded = toRecordedError(error, site);
    if (codes.gone?.includes(recorded.code)) return GONE;
    if (codes.absent?.includes(recorded.code)) return null;
    scope.record(recorded);
    return undefined;
  }
}

type Paginate<C, I, P> = (
  config: { client: C; pageSize?: number; stopOnSameToken?: boolean },
  input: I,
) => AsyncIterable<P>;

/** How a list is read: the page size to ask for, and the codes that mean its resource was deleted. */
export interface PageOptions {
  pageSize?: number;
  gone?: readonly string[];
}

/**
 * Every page of a list, read with the SDK's paginator for the operation; GONE when the service says the
 * resource the list belongs to no longer exists (`options.gone`); undefined after recording any other failure:
 * a list is written whole or not at all.
 */
export async function readPagesOf<C extends object, I, P>(
  scope: CallScope,
  site: CallSite,
  paginate: Paginate<C, I, P>,
  client: C,
  input: I,
  options: PageOptions = {},
): Promise<P[] | undefined | typeof GONE> {
  const pages: P[] = [];
  try {
    // stopOnSameToken: a service that hands back the token it was given would otherwise be asked forever.
    const config = {
      client: throughScope(scope, client),
      stopOnSameToken: true,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    };
    for await (const page of paginate(config, input)) pages.push(page);
    return pages;
  } catch (error) {
    const recorded = toRecordedError(error, site);
    if (options.gone?.includes(recorded.code)) return GONE;
    scope.record(recorded);
    return undefined;
  }
}

/** Every page of a list of the region's resources (readPagesOf with no resource to be deleted). */
export async function readAllPages<C extends object, I, P>(
  scope: CallScope,
  site: CallSite,
  paginate: Paginate<C, I, P>,
  client: C,
  input: I,
  pageSize?: number,
): Promise<P[] | undefined> {
  const pages = await readPagesOf(scope, site, paginate, client, input, pageSize ? { pageSize } : {});
  return pages === GONE ? undefined : pages;
}

/** A value that was read (neither unreadable, nor not set, nor of a deleted resource). */
export function isRead<T>(value: T | null | undefined | typeof GONE): value is T {
  return value !== undefined && value !== null && value !== GONE;
}

/** True when any of the reads found the resource deleted; it is then counted once, and left out. */
export function wasDeleted(scope: CallScope, ...reads: unknown[]): boolean {
  if (!reads.includes(GONE)) return false;
  scope.stats.resourcesGone += 1;
  return true;
}

/**
 * A resource policy as the snapshot stores it: decoded, `null` when there is none. One that is not a JSON object
 * is recorded and kept as the text the service returned, so that nothing is hidden (the reader reports it).
 */
export function decodedPolicy(scope: CallScope, site: CallSite, text: string | undefined | null): Json {
  if (text === undefined || text === null || text === "") return null;
  try {
    return parsePolicyDocument(text);
  } catch (error) {
    scope.record({ ...site, code: errorCode(error), message: (error as Error).message });
    return text;
  }
}
