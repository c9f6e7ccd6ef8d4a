/** IAM wildcard matching: `*` matches any run of characters, `?` exactly one. Compiled patterns are cached. */
const compiled = new Map<string, RegExp>();

function compile(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = `${ignoreCase ? "i" : "s"}${pattern}`;
  let regex = compiled.get(cacheKey);
  if (!regex) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, "[\\s\\S]*")
      .replace(/\?/g, "[\\s\\S]");
    regex = new RegExp(`^${body}$`, ignoreCase ? "i" : "");
    compiled.set(cacheKey, regex);
  }
  return regex;
}

export function hasWildcard(value: string): boolean {
  return value.includes("*") || value.includes("?");
}

export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!hasWildcard(pattern))
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  return compile(pattern, ignoreCase).test(value);
}

/**
 * Does `outer` match every string that `inner` matches? Sound for the patterns policies use: it treats the
 * wildcards of `inner` as literal characters, which `outer` can only absorb through its own wildcards.
 */
export function patternCovers(outer: string, inner: string, ignoreCase = false): boolean {
  return wildcardMatch(outer, inner, ignoreCase);
}
