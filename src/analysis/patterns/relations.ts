/**
 * Exact comparisons of wildcard patterns as languages: does some string match all of them (intersection), and is
 * every string of one matched by some of the others (inclusion)? Both are decided on the patterns' automata, over
 * a finite alphabet of representative characters, so the answer is exact rather than a comparison of texts.
 */
import { PatternAutomaton } from "./automaton.js";
import { matchGlob } from "./match.js";
import type { WorkBudget } from "./budget.js";
import {
  matchesEverything,
  tokenAccepts,
  tokenGlob,
  tokensShareCharacter,
  type Glob,
  type Token,
} from "./glob.js";
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
  if (outers.some((o) => o === inner || sameTokens(o, inner))) return true;
  return intersectionCoveredBy(domain ? [inner, domain] : [inner], outers, budget);
}

/** Do two patterns read the same tokens (and so match the same strings)? */
function sameTokens(a: Glob, b: Glob): boolean {
  if (a.literal && b.literal) return a.text === b.text;
  const x = a.tokens;
  const y = b.tokens;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const s = x[i] as Token;
    const t = y[i] as Token;
    if (s === t) continue;
    if (s.kind !== t.kind) return false;
    if (s.kind === "char" && s.ch !== (t as typeof s).ch) return false;
    if ((s.kind === "star" || s.kind === "class") && s.cls !== (t as typeof s).cls) return false;
  }
  return true;
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
  const stripped = withoutCommonPrefix(within, outers);
  if (stripped) return coveredAfterPrefix(stripped.within, stripped.outers, budget);
  return coveredAfterPrefix(within, outers, budget);
}

/**
 * The search of intersectionCoveredBy, on patterns with no run of characters in common at the start. Every string
 * of `within` begins with the characters their patterns share (`arn:aws:s3:::bucket/`): an outer pattern that
 * reads other characters there, or ends before them, matches none of them, and the others read the same run. So
 * the run is taken off every pattern, and those outer patterns are left out. The run stops where an outer pattern
 * has a wildcard.
 */
function withoutCommonPrefix(
  within: readonly Glob[],
  outers: readonly Glob[],
): { within: Glob[]; outers: Glob[] } | undefined {
  let length = commonPrefixLength(within);
  if (length <= 0) return undefined;
  const first = (within[0] as Glob).tokens;
  const agreed = outers.map((outer) => {
    let k = 0;
    while (k < length) {
      const token = outer.tokens[k];
      if (token?.kind !== "char" || token.ch !== (first[k] as { ch: string }).ch) break;
      k += 1;
    }
    // A wildcard here reads what the run has: the run can be taken off only up to it.
    const token = outer.tokens[k];
    if (k < length && token !== undefined && token.kind !== "char") length = k;
    return k;
  });
  if (length === 0) return undefined;
  const cut = (glob: Glob) => tokenGlob(glob.tokens.slice(length), glob.text);
  return {
    within: within.map(cut),
    outers: outers.filter((_, index) => (agreed[index] as number) >= length).map(cut),
  };
}

function coveredAfterPrefix(within: readonly Glob[], outers: readonly Glob[], budget: WorkBudget): boolean {
  if (outers.some(matchesEverything)) return true;
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
