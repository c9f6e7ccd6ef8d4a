import { automatonOf } from "./automaton.js";
import type { WorkBudget } from "./budget.js";
import { foldCase, type Glob, type Token } from "./glob.js";

/**
 * Does `value` match the pattern? One pass over the value through the pattern's automaton: each character costs
 * one operation per 32 pattern positions, so O(|value| × |pattern| / 32) at worst and linear in the value for a
 * given pattern. No backtracking, so no pattern can make it slow. A pattern with at most one star (nearly every
 * ARN and action pattern) is matched without an automaton: its head against the start of the value and its tail
 * against the end. Charged alike either way.
 */
export function matchGlob(glob: Glob, value: string, budget?: WorkBudget): boolean {
  const text = foldCase(value, glob.ignoreCase);
  if (glob.literal) return glob.text === text;
  const characters = codePoints(text);
  budget?.charge(1 + characters * Math.ceil((glob.tokens.length + 1) / 32));
  const shape = oneStarShapeOf(glob);
  // Indexing by code unit is indexing by character only when the text has no surrogate pair.
  if (shape && characters === text.length) return matchesOneStarShape(shape, text);
  return automatonOf(glob).matches(text);
}

/**
 * A pattern of fixed-width tokens with at most one unlimited star, as the character each position reads: a code
 * unit, or ANY_CODE, or one of the class codes.
 */
interface OneStarShape {
  head: Int32Array;
  /** Absent without a star: the value is exactly as long as the head. */
  tail?: Int32Array;
}

const ANY_CODE = -1;
const CLASS_CODES = { digit: -2, "lower-alnum": -3, "not-colon": -4 } as const;

const shapes = new WeakMap<Glob, OneStarShape | null>();

function oneStarShapeOf(glob: Glob): OneStarShape | null {
  let shape = shapes.get(glob);
  if (shape === undefined) {
    shape = oneStarShape(glob.tokens);
    shapes.set(glob, shape);
  }
  return shape;
}

function oneStarShape(tokens: readonly Token[]): OneStarShape | null {
  let star = -1;
  const codes = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === "star") {
      if (star >= 0 || token.cls !== undefined) return null;
      star = i;
    } else if (token.kind === "char") {
      if (token.ch.length !== 1) return null;
      codes[i] = token.ch.charCodeAt(0);
    } else codes[i] = token.kind === "any" ? ANY_CODE : CLASS_CODES[token.cls];
  }
  return star < 0 ? { head: codes } : { head: codes.slice(0, star), tail: codes.slice(star + 1) };
}

function matchesOneStarShape({ head, tail }: OneStarShape, text: string): boolean {
  if (tail === undefined ? text.length !== head.length : text.length < head.length + tail.length)
    return false;
  for (let i = 0; i < head.length; i++) if (!reads(head[i] as number, text.charCodeAt(i))) return false;
  if (tail === undefined) return true;
  const offset = text.length - tail.length;
  for (let i = 0; i < tail.length; i++)
    if (!reads(tail[i] as number, text.charCodeAt(offset + i))) return false;
  return true;
}

/** Does a position that reads `code` (a code unit, ANY_CODE or a class code) read the code unit `unit`? */
function reads(code: number, unit: number): boolean {
  if (code >= 0) return code === unit;
  switch (code) {
    case ANY_CODE:
      return true;
    case CLASS_CODES.digit:
      return unit >= 0x30 && unit <= 0x39;
    case CLASS_CODES["lower-alnum"]:
      return (unit >= 0x30 && unit <= 0x39) || (unit >= 0x61 && unit <= 0x7a);
    default:
      return unit !== 0x3a;
  }
}

/** The number of characters as IAM counts them: code points, a surrogate pair being one. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        count -= 1;
        i += 1;
      }
    }
  }
  return count;
}
