/**
 * IAM wildcard matching for the test oracle, written to be obviously correct rather than fast: `*` matches any run
 * of characters (also none), `?` exactly one, everything else itself. A dynamic programme over (pattern prefix, value
 * prefix) in O(|pattern| · |value|) time; characters are Unicode code points.
 */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const p = [...(ignoreCase ? pattern.toLowerCase() : pattern)];
  const v = [...(ignoreCase ? value.toLowerCase() : value)];
  // matched[j]: the pattern prefix read so far matches the first j characters of the value.
  let matched = v.map(() => false).concat(false);
  matched[0] = true;
  for (const c of p) {
    const next = v.map(() => false).concat(false);
    next[0] = c === "*" && matched[0] === true;
    for (let j = 1; j <= v.length; j++) {
      next[j] =
        c === "*"
          ? matched[j] === true || next[j - 1] === true
          : matched[j - 1] === true && (c === "?" || c === v[j - 1]);
    }
    matched = next;
  }
  return matched[v.length] === true;
}

export function hasGlob(value: string): boolean {
  return value.includes("*") || value.includes("?");
}
