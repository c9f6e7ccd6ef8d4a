/**
 * IAM wildcard patterns (`*` any run of characters, `?` exactly one) taken apart into tokens, so that they can be
 * matched and compared as automata instead of being turned into regular expressions: policy text never becomes a
 * RegExp, and every operation here is polynomial in the patterns' lengths.
 */

/** Character classes used by the domains of identifiers (account ids, organization ids); never by policy text. */
export type CharClass = "digit" | "lower-alnum" | "not-colon";

export type Token =
  | { kind: "char"; ch: string }
  | { kind: "any" }
  /** Any run of characters; with `cls`, any run of characters of that class (domains only). */
  | { kind: "star"; cls?: CharClass }
  | { kind: "class"; cls: CharClass };

export interface Glob {
  readonly tokens: readonly Token[];
  /** The text was compared case-insensitively (action names): it is folded to lower case. */
  readonly ignoreCase: boolean;
  /** No wildcard: the pattern stands for exactly one string, `text`. */
  readonly literal: boolean;
  readonly text: string;
}

export function hasWildcard(value: string): boolean {
  return value.includes("*") || value.includes("?");
}

export function foldCase(value: string, ignoreCase: boolean): string {
  return ignoreCase ? value.toLowerCase() : value;
}

/** Splits a string into characters (code points, so a surrogate pair is one character, as for IAM). */
export function characters(value: string): string[] {
  return Array.from(value);
}

/** A pattern as written in a policy: `*` and `?` are wildcards, every other character stands for itself. */
export function globOf(pattern: string, ignoreCase = false): Glob {
  const text = foldCase(pattern, ignoreCase);
  if (!hasWildcard(text)) return literalGlob(text, ignoreCase);
  const tokens: Token[] = [];
  for (const ch of characters(text)) {
    if (ch === "*") {
      // `**` means the same as `*`; collapsing keeps the automaton free of star-to-star moves.
      if (tokens[tokens.length - 1]?.kind !== "star") tokens.push(STAR);
    } else if (ch === "?") tokens.push(ANY);
    else tokens.push(charToken(ch));
  }
  return { tokens, ignoreCase, literal: !hasWildcard(text), text };
}

/** Tokens are never changed: one per character will do for every pattern (up to a bound, for hostile text). */
const charTokens = new Map<string, Token>();
const MAX_CHAR_TOKENS = 1024;

export function charToken(ch: string): Token {
  let token = charTokens.get(ch);
  if (!token) {
    token = { kind: "char", ch };
    if (charTokens.size < MAX_CHAR_TOKENS) charTokens.set(ch, token);
  }
  return token;
}

/** A value with no wildcards at all: `*` and `?` in it are ordinary characters (StringEquals). */
export function literalGlob(value: string, ignoreCase = false): Glob {
  const text = foldCase(value, ignoreCase);
  let tokens: Token[] | undefined;
  return {
    // Comparisons with a literal are mostly plain string matches: its tokens are made only when an automaton needs them.
    get tokens() {
      return (tokens ??= characters(text).map(charToken));
    },
    ignoreCase,
    literal: true,
    text,
  };
}

/** A glob built from tokens, for identifier domains (see domains.ts). */
export function tokenGlob(tokens: readonly Token[], text: string): Glob {
  return { tokens, ignoreCase: false, literal: false, text };
}

export const STAR: Token = { kind: "star" };

/** `*`, `**`, …: a pattern text that matches every string. */
export function isAllStars(text: string): boolean {
  return text.length > 0 && [...text].every((ch) => ch === "*");
}

/** A compiled pattern that matches every string (stars are collapsed, so it is one unlimited star). */
export function matchesEverything(glob: Glob): boolean {
  const [only] = glob.tokens;
  return glob.tokens.length === 1 && only?.kind === "star" && only.cls === undefined;
}
export const ANY: Token = { kind: "any" };

export function inClass(ch: string, cls: CharClass): boolean {
  if (cls === "not-colon") return ch !== ":";
  const isDigit = ch >= "0" && ch <= "9" && ch.length === 1;
  if (cls === "digit") return isDigit;
  return isDigit || (ch.length === 1 && ch >= "a" && ch <= "z");
}

/** Does the token read the character `ch` (a star reads every character and stays where it is)? */
export function tokenAccepts(token: Token, ch: string): boolean {
  switch (token.kind) {
    case "char":
      return token.ch === ch;
    case "any":
      return true;
    case "star":
      return token.cls === undefined || inClass(ch, token.cls);
    case "class":
      return inClass(ch, token.cls);
  }
}

/** Is there a character that every one of these tokens reads? */
export function tokensShareCharacter(tokens: readonly Token[]): boolean {
  let ch: string | undefined;
  const classes: CharClass[] = [];
  for (const token of tokens) {
    if (token.kind === "char") {
      if (ch !== undefined && ch !== token.ch) return false;
      ch = token.ch;
    } else if ((token.kind === "class" || token.kind === "star") && token.cls) classes.push(token.cls);
  }
  if (ch !== undefined) return classes.every((cls) => inClass(ch, cls));
  // digit ⊂ lower-alnum ⊂ not-colon: any set of classes shares the digits.
  return true;
}
