import { constants as bufferConstants } from "node:buffer";
import { getHeapStatistics } from "node:v8";

/**
 * Overrides the memory one file's parse may take, in bytes. For tests and for experts; the ordinary way to
 * read a larger file is to give Node a larger heap (the message says how).
 */
export const PARSE_MEMORY_LIMIT_VARIABLE = "TRUSTSCAN_PARSE_MEMORY_LIMIT";

/** Share of Node's heap one file's syntax tree may take: the rest holds what was read before it. */
const HEAP_SHARE = 0.5;
/** Heap per JSON value in momoa's tree (node and location objects): 270–300 bytes measured on dense input. */
const BYTES_PER_VALUE = 320;
/** Heap per character: the text, and the decoded strings, at two bytes a character at worst. */
const BYTES_PER_CHAR = 4;
const MIB = 1024 * 1024;

export interface ParseBudget {
  /** Bytes of heap one file's parse may use. */
  limit: number;
  /** How the limit was set, for messages. */
  origin: string;
  /** What the user can do about a file over the limit. */
  remedy: (needed: number) => string;
}

/** The budget for one parse, from Node's heap limit (or the override variable). Read per file: tests set it. */
export function parseBudget(): ParseBudget {
  const override = process.env[PARSE_MEMORY_LIMIT_VARIABLE];
  if (override !== undefined && override !== "") {
    if (!/^[1-9]\d*$/.test(override)) {
      throw new Error(`${PARSE_MEMORY_LIMIT_VARIABLE} must be a whole number of bytes, got "${override}"`);
    }
    return {
      limit: Number(override),
      origin: `set by ${PARSE_MEMORY_LIMIT_VARIABLE}`,
      remedy: () => `raise ${PARSE_MEMORY_LIMIT_VARIABLE} to read it`,
    };
  }
  const heapLimit = getHeapStatistics().heap_size_limit;
  return {
    limit: Math.floor(heapLimit * HEAP_SHARE),
    origin: `half of Node's heap limit of ${formatBytes(heapLimit)}`,
    remedy: (needed) =>
      `to read it, run trustscan with NODE_OPTIONS=--max-old-space-size=${heapMebibytesFor(needed)}`,
  };
}

/** Heap needed to parse a text of `chars` characters holding `values` JSON values (keys and members included). */
export function parseMemoryNeeded(chars: number, values: number): number {
  return chars * BYTES_PER_CHAR + values * BYTES_PER_VALUE;
}

/** `expected` and `found` for a file (or embedded document) over the budget: limit, need, and what to do. */
export function overBudget(
  budget: ParseBudget,
  needed: number,
  what: string,
  estimate: "at least" | "about",
): { expected: string; found: string } {
  return {
    expected: `JSON that parses within ${formatBytes(budget.limit)} of memory (${budget.origin})`,
    found: `${what}, which needs ${estimate} ${formatBytes(needed)} to parse; ${budget.remedy(needed)}`,
  };
}

/** V8 cannot hold a longer string: such a file cannot be decoded at all, whatever the heap. */
export const MAX_TEXT_LENGTH = bufferConstants.MAX_STRING_LENGTH;

/** `--max-old-space-size` (MiB) that gives `needed` bytes as this reader's share, rounded up to 256 MiB. */
function heapMebibytesFor(needed: number): number {
  return Math.ceil(needed / HEAP_SHARE / MIB / 256) * 256;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
