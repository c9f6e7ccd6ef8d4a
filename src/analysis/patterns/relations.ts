/**
 * Exact comparisons of wildcard patterns as languages: does some string match all of them (intersection), and is
 * every string of one matched by some of the others (inclusion)? Both are decided on the patterns' automata, over
 * a finite alphabet of representative characters, so the answer is exact rather than a comparison of texts.
 */
import { PatternAutomaton } from "./automaton.js";
import { matchGlob } from "./match.js";
import type { WorkBudget } from "./budget.js";
import { matchesEverything, tokenAccepts, tokensShareCharacter, type Glob, type Token } from "./glob.js";
import type { StateSet } from "./state-set.js";

/**
 * Is there a string that every pattern matches? A search over tuples of positions (one per pattern): polynomial,
 * the product of the patterns' lengths, and in practice two policy patterns and at most one short domain.
 */
export function globsIntersect(globs: readonly Glob[], budget: WorkBudget): boolean {
  if (globs.length === 0) return true;
  const literal = globs.find((g) => g.literal);
  if (literal) return globs.every((g) => matchGlob(g, literal.text, budget));
  // A common run of characters at the start (an ARN's `arn:aws:s3:::bucket/`) is read by every pattern in step:
  // the search starts after it, or stops at a character the patterns disagree on.
  const start = commonPrefixLength(globs);
  if (start < 0) return false;
  const sizes = globs.map((g) => g.tokens.length + 1);
  const encode = (positions: readonly number[]) =>
    positions.reduceRight((acc, p, i) => acc * (sizes[i] ?? 1) + p, 0);
  const seen = new Set<number>();
  const stack: number[][] = [];
  const visit = (positions: number[]) => {
    const key = encode(positions);
    if (seen.has(key)) return;
    seen.add(key);
    stack.push(positions);
  };
  visit(globs.map(() => start));
  while (stack.length > 0) {
    const positions = stack.pop()!;
    budget.charge(globs.length);
    if (positions.every((p, i) => p === (sizes[i] ?? 0) - 1)) return true;
    // Without reading: move past a star.
    positions.forEach((p, i) => {
      if (globs[i]?.tokens[p]?.kind === "star") visit(positions.map((q, j) => (j === i ? q + 1 : q)));
    });
    // Reading one character that every current token reads.
    const tokens = positions.map((p, i) => globs[i]?.tokens[p]);
    if (tokens.some((t) => t === undefined)) continue;
    if (!tokensShareCharacter(tokens as Token[])) continue;
    visit(positions.map((p, i) => (tokens[i]?.kind === "star" ? p : p + 1)));
  }
  return false;
}

/**
 * How many leading tokens every glob has as the same character (-1 when, at some position before any other token,
 * two of them want different characters: no string matches both).
 */
function commonPrefixLength(globs: readonly Glob[]): number {
  const first = globs[0] as Glob;
  for (let position = 0; ; position += 1) {
    const token = first.tokens[position];
    if (token?.kind !== "char") return position;
    for (let k = 1; k < globs.length; k += 1) {
      const other = (globs[k] as Glob).tokens[position];
      if (other?.kind !== "char") return position;
      if (other.ch !== token.ch) return -1;
    }
  }
}

/**
 * Is every string that `inner` matches (and that lies in `domain`, when one is given) matched by at least one of
 * `outers`? The search walks `inner` and `domain` position by position together with the *set* of positions the
 * outer patterns can be in (a subset construction done lazily), looking for a string that escapes every outer
 * pattern. Sets are kept as an antichain: a set that includes one already explored at the same place can reach
 * no new escape. Polynomial for the shapes policies use; the work budget bounds the rest.
 */
export function globCoveredBy(
  inner: Glob,
  outers: readonly Glob[],
  budget: WorkBudget,
  domain?: Glob,
): boolean {
  if (outers.some((o) => o === inner)) return true;
  return intersectionCoveredBy(domain ? [inner, domain] : [inner], outers, budget);
}

/**
 * Is every string that all of `within` match matched by at least one of `outers`? The same search as
 * globCoveredBy, walking every pattern of `within` in step (a tuple of positions).
 */
export function intersectionCoveredBy(
  within: readonly Glob[],
  outers: readonly Glob[],
  budget: WorkBudget,
): boolean {
  if (outers.some(matchesEverything)) return true;
  if (!globsIntersect(within, budget)) return true;
  const literal = within.find((g) => g.literal);
  if (literal) return outers.some((o) => matchGlob(o, literal.text, budget));
  if (outers.length === 0) return false;

  const union = new PatternAutomaton(outers);
  const alphabet = representativeCharacters([...within, ...outers]);
  const ends = within.map((g) => g.tokens.length);
  const encode = (positions: readonly number[]) =>
    positions.reduceRight((acc, p, k) => acc * ((ends[k] ?? 0) + 1) + p, 0);
  const explored = new Map<number, StateSet[]>();
  const stack: { positions: number[]; set: StateSet }[] = [];

  const visit = (positions: number[], set: StateSet) => {
    const key = encode(positions);
    const sets = explored.get(key) ?? [];
    budget.charge(1 + sets.length * set.words.length);
    if (sets.some((seen) => seen.subsetOf(set))) return;
    explored.set(key, [...sets.filter((seen) => !set.subsetOf(seen)), set]);
    stack.push({ positions, set });
  };
  visit(
    within.map(() => 0),
    union.start(),
  );
  while (stack.length > 0) {
    const { positions, set } = stack.pop()!;
    if (positions.every((p, k) => p === ends[k]) && !union.accepts(set)) return false;
    const tokens = positions.map((p, k) => within[k]?.tokens[p]);
    // Without reading: move past a star of one pattern.
    tokens.forEach((token, k) => {
      if (token?.kind === "star")
        visit(
          positions.map((p, j) => (j === k ? p + 1 : p)),
          set,
        );
    });
    if (tokens.some((t) => t === undefined)) continue;
    for (const ch of alphabet) {
      if (!tokens.every((t) => t !== undefined && tokenAccepts(t, ch))) continue;
      budget.charge(set.words.length);
      visit(
        positions.map((p, k) => (tokens[k]?.kind === "star" ? p : p + 1)),
        union.step(set, ch),
      );
    }
  }
  return true;
}

/**
 * One character for each class of characters that the patterns cannot tell apart: every literal character they
 * name, plus one unnamed digit, one unnamed lower-case letter and one unnamed other character. Two characters of
 * the same class move every automaton alike, so searching over these is searching over every string.
 */
function representativeCharacters(globs: readonly Glob[]): string[] {
  const named = new Set<string>();
  for (const glob of globs) for (const token of glob.tokens) if (token.kind === "char") named.add(token.ch);
  const fresh = (candidates: string) => [...candidates].find((ch) => !named.has(ch));
  const extra = [fresh("0123456789"), fresh("abcdefghijklmnopqrstuvwxyz"), fresh(":")].filter(
    (ch): ch is string => ch !== undefined,
  );
  // Any character outside both classes: the first code point from U+0100 on that no pattern names.
  let other = 0x100;
  while (named.has(String.fromCodePoint(other))) other++;
  return [...named, ...extra, String.fromCodePoint(other)];
}
