// C0 and C1 controls (escape sequences, line breaks), DEL, Unicode line and paragraph separators, and the bidi
// controls that reorder what a terminal shows.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from AWS or from the file system made safe to print on a terminal or in a CI log: every unprintable
 * character is shown as an escape (`\x1b`, `\n`...), so the text stays on its line and cannot start a
 * terminal sequence or a CI workflow command. A minimal local version, until the shared escaping function for
 * terminal output (src/report) is in.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, "0")}`
      : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
