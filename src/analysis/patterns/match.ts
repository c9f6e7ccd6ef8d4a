import { automatonOf } from "./automaton.js";
import type { WorkBudget } from "./budget.js";
import { foldCase, type Glob } from "./glob.js";

/**
 * Does `value` match the pattern? One pass over the value through the pattern's automaton: each character costs
 * one operation per 32 pattern positions, so O(|value| × |pattern| / 32) at worst and linear in the value for a
 * given pattern. No backtracking, so no pattern can make it slow.
 */
export function matchGlob(glob: Glob, value: string, budget?: WorkBudget): boolean {
  const text = foldCase(value, glob.ignoreCase);
  if (glob.literal) return glob.text === text;
  const automaton = automatonOf(glob);
  budget?.charge(1 + codePoints(text) * Math.ceil(automaton.size / 32));
  return automaton.matches(text);
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
