// Text from snapshots (resource names, Sids, condition values, AWS error messages) is attacker-controlled.
// Everything a person reads (stderr, the text and Markdown reports, the collect progress and summary) passes
// through safeText, so that such text can neither drive the terminal nor issue GitHub Actions workflow commands.

/**
 * C0 and C1 controls and DEL (ESC sequences, CR, LF, BEL, ...), the Unicode line and paragraph separators, and
 * the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E/F, U+202A–202E, U+2066–2069)
 * that make displayed text read differently from what it is.
 */
const UNSAFE_CHARACTER =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** The legacy runner syntax `##[command]data` is recognised anywhere in a line. */
const LEGACY_WORKFLOW_COMMAND = /##\[/g;

/** `::command::data` is recognised at the start of a line, after leading white space. */
const WORKFLOW_COMMAND_AT_START = /^(\s*)::/;

const SHORT_ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function visibleEscape(character: string): string {
  const short = SHORT_ESCAPES[character];
  if (short) return short;
  const code = character.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, "0")}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * One line of inert text: unsafe characters become visible escapes (`\x1B`, `\n`, `\u202E`), `##[` becomes
 * `#\x23[`, and a leading `::` becomes `\x3A:`, so the value can start no line and no workflow command, even
 * when it is printed at the start of a line.
 */
export function safeText(text: string): string {
  return text
    .replace(UNSAFE_CHARACTER, visibleEscape)
    .replace(LEGACY_WORKFLOW_COMMAND, "#\\x23[")
    .replace(WORKFLOW_COMMAND_AT_START, "$1\\x3A:");
}
