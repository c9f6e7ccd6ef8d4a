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

/** `text` with `prefix` before each of its lines (JSON text has no newline inside a string). */
export function indent(text: string, prefix: string): string {
  return prefix + text.replaceAll("\n", `\n${prefix}`);
}
