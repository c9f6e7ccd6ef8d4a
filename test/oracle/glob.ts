/**
 * IAM wildcard matching for the test oracle, written to be obviously correct rather than clever: `*` matches any run
 * of characters (also none), `?` exactly one, everything else itself. A dynamic programme over (pattern prefix, value
 * prefix) in O(|pattern| · |value|) time; characters are Unicode code points.
 */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!hasGlob(pattern))
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  const p = [...(ignoreCase ? pattern.toLowerCase() : pattern)];
  const v = [...(ignoreCase ? value.toLowerCase() : value)];
  // matched[j] = 1: the pattern prefix read so far matches the first j characters of the value.
  let matched = new Uint8Array(v.length + 1);
  matched[0] = 1;
  for (const c of p) {
    const next = new Uint8Array(v.length + 1);
    next[0] = c === "*" ? (matched[0] ?? 0) : 0;
    for (let j = 1; j <= v.length; j++) {
      next[j] =
        c === "*"
          ? (matched[j] ?? 0) | (next[j - 1] ?? 0)
          : c === "?" || c === v[j - 1]
            ? (matched[j - 1] ?? 0)
            : 0;
    }
    matched = next;
  }
  return matched[v.length] === 1;
}

export function hasGlob(value: string): boolean {
  return value.includes("*") || value.includes("?");
}
