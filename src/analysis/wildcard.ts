/**
 * IAM wildcard matching and pattern comparison for the analysis: thin, cached entry points over the automata in
 * ./patterns. Nothing here builds a regular expression from policy text.
 */
import { UNLIMITED, type WorkBudget } from "./patterns/budget.js";
import { globOf, hasWildcard, type Glob } from "./patterns/glob.js";
import { matchGlob } from "./patterns/match.js";
import { globCoveredBy, globsIntersect } from "./patterns/relations.js";

export { hasWildcard };

// Patterns repeat within an account's policies far more than across accounts (bucket ARNs name the bucket):
// a cache of thousands only held a large organization's scan to a few hundred MiB more, none faster.
const CACHE_LIMIT = 1_000;
const caseSensitive = new Map<string, Glob>();
const caseInsensitive = new Map<string, Glob>();

/** The compiled pattern; a small cache, emptied when full, so a scan's memory does not grow with it. */
export function pattern(text: string, ignoreCase = false): Glob {
  const cache = ignoreCase ? caseInsensitive : caseSensitive;
  let glob = cache.get(text);
  if (!glob) {
    if (cache.size >= CACHE_LIMIT / 2) cache.clear();
    glob = globOf(text, ignoreCase);
    cache.set(text, glob);
  }
  return glob;
}

export function wildcardMatch(
  patternText: string,
  value: string,
  ignoreCase = false,
  budget: WorkBudget = UNLIMITED,
): boolean {
  return matchGlob(pattern(patternText, ignoreCase), value, budget);
}

/** Is every string `inner` matches (within `domain`, if given) matched by one of `outers`? Exact. */
export function patternsCover(
  outers: readonly string[],
  inner: string,
  ignoreCase: boolean,
  budget: WorkBudget,
  domain?: Glob,
): boolean {
  return globCoveredBy(
    pattern(inner, ignoreCase),
    outers.map((o) => pattern(o, ignoreCase)),
    budget,
    domain,
  );
}

/** Does some string (within `domain`, if given) match both patterns? Exact. */
export function patternsOverlap(
  a: string,
  b: string,
  ignoreCase: boolean,
  budget: WorkBudget,
  domain?: Glob,
): boolean {
  const globs = [pattern(a, ignoreCase), pattern(b, ignoreCase), ...(domain ? [domain] : [])];
  return globsIntersect(globs, budget);
}

/**
 * A Resource value with a policy variable (`${aws:username}`) stands for whatever the variable resolves to in the
 * request: as a grant, or as what a NotResource leaves out, it is taken as wide as it can be (each variable a `*`).
 */
export function widenVariables(text: string): string {
  return text.includes("${") ? text.replace(/\$\{[^}]*\}/g, "*") : text;
}

/** As what a Deny's Resource covers, a value with a policy variable proves nothing: it is left out. */
export function withoutVariables(patterns: readonly string[]): string[] {
  return patterns.filter((p) => !p.includes("${"));
}
