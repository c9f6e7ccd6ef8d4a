/**
 * Helpers to write a large JSON document in pieces exactly as JSON.stringify(document, null, 2) writes it whole:
 * the document is stringified with a placeholder where the long array goes, and cut there.
 */

/** A string no report holds: it has NUL characters, which JSON writes as \u0000. */
export const PLACEHOLDER = "\u0000trustscan: the findings go here\u0000";

/** The text before and after `marker`, which must occur exactly once. */
export function splitAt(text: string, marker: string): [string, string] {
  const at = text.indexOf(marker);
  if (at < 0 || text.indexOf(marker, at + 1) >= 0) throw new Error(`expected one ${JSON.stringify(marker)}`);
  return [text.slice(0, at), text.slice(at + marker.length)];
}

/**
 * The elements of `values` (at least one) as JSON.stringify(document, null, 2) writes them inside an array nested
 * `depth` levels deep: each indented by 2 × depth spaces, separated by ",\n". One stringify for the lot, with no
 * pass to indent it afterwards.
 */
export function elementsAtDepth(values: readonly unknown[], depth: number): string {
  let wrapped: unknown = values;
  for (let level = 1; level < depth; level += 1) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each level opens with "<2 × level spaces>[\n" and closes with "\n<2 × level spaces>]".
  const around = depth * depth + depth;
  return text.slice(around, text.length - around);
}
