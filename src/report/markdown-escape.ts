// Helpers for text that comes from snapshots (resource names, Sids, messages) and goes into GitHub markdown.
import { safeText } from "../text/safe-text.js";

/**
 * Plain text inside markdown (a table cell or a list item): safeText (one line, no control characters or
 * workflow commands), then pipes escaped, emphasis, link and code characters backslash-escaped (CommonMark
 * allows it for any ASCII punctuation), HTML neutralised.
 */
export function escapeTableCell(text: string): string {
  return safeText(text)
    .replace(/[\\`*_[\]~|]/g, (character) => `\\${character}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/**
 * Inline code that survives a table cell: safeText, a fence longer than any backtick run inside, and pipes
 * escaped (GitHub splits table cells on `|` even inside code spans).
 */
export function inlineCode(text: string): string {
  const flat = safeText(text);
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const padded = flat.startsWith("`") || flat.endsWith("`") ? ` ${flat} ` : flat;
  return `${fence}${padded.replace(/\|/g, "\\|")}${fence}`;
}

/** A fenced code block whose fence cannot be closed early by the content. */
export function codeBlock(text: string, language: string): string {
  const longestRun = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text}\n${fence}`;
}

/** Markdown we wrote ourselves (rule docs) in a table cell: keep its formatting, only keep it in its cell. */
export function escapePipes(markdown: string): string {
  return markdown.replace(/\r\n|\r|\n/g, " ").replace(/\|/g, "\\|");
}
