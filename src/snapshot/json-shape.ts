/**
 * Deepest nesting of arrays and objects read. The parser recurses once per level and overflows the stack
 * at a few thousand; AWS documents nest a dozen levels, so this leaves room for both.
 */
export const MAX_NESTING_DEPTH = 256;

/** What a linear scan of a (possibly broken) JSON text tells before it is parsed. */
export interface JsonShape {
  /** JSON values, keys and members: the nodes of the syntax tree the parser would build. */
  values: number;
  /** Offset of the first `[` or `{` that opens level MAX_NESTING_DEPTH + 1, if any. */
  tooDeepAt?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** One pass, no allocation: counts the tree's nodes and finds nesting deeper than the parser can take. */
export function scanJsonShape(text: string): JsonShape {
  let values = 0;
  let tooDeepAt: number | undefined;
  let depth = 0;
  let inScalar = false;
  for (let index = 0; index < text.length; index += 1) {
    switch (text.charCodeAt(index)) {
      case QUOTE:
        values += 1;
        inScalar = false;
        index = closingQuote(text, index);
        break;
      case 0x5b: // [
      case 0x7b: // {
        values += 1;
        inScalar = false;
        depth += 1;
        if (depth > MAX_NESTING_DEPTH && tooDeepAt === undefined) tooDeepAt = index;
        break;
      case 0x5d: // ]
      case 0x7d: // }
        inScalar = false;
        depth = Math.max(0, depth - 1);
        break;
      case 0x3a: // : (a member node)
        values += 1;
        inScalar = false;
        break;
      case 0x2c: // ,
      case 0x20:
      case 0x09:
      case 0x0a:
      case 0x0d:
        inScalar = false;
        break;
      default:
        // A number, true, false or null (or, in broken text, anything else): one value per run.
        if (!inScalar) values += 1;
        inScalar = true;
    }
  }
  return tooDeepAt === undefined ? { values } : { values, tooDeepAt };
}

/** Offset of the quote that closes the string opened at `start`, or the last offset if it is never closed. */
function closingQuote(text: string, start: number): number {
  for (let index = start + 1; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH) index += 1;
    else if (code === QUOTE) return index;
  }
  return text.length;
}
