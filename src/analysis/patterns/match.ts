import { automatonOf } from "./automaton.js";
import type { WorkBudget } from "./budget.js";
import { characters, foldCase, type Glob } from "./glob.js";

/**
 * Does `value` match the pattern? One pass over the value through the pattern's automaton: each character costs
 * one operation per 32 pattern positions, so O(|value| × |pattern| / 32) at worst and linear in the value for a
 * given pattern. No backtracking, so no pattern can make it slow.
 */
export function matchGlob(glob: Glob, value: string, budget?: WorkBudget): boolean {
  const text = foldCase(value, glob.ignoreCase);
  if (glob.literal) return glob.text === text;
  const automaton = automatonOf(glob);
  let states = automaton.start();
  const chars = characters(text);
  budget?.charge(1 + chars.length * states.words.length);
  for (const ch of chars) {
    states = automaton.step(states, ch);
    if (states.isEmpty()) return false;
  }
  return automaton.accepts(states);
}
