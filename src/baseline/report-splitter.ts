/**
 * A previous report read a piece at a time: the elements of its large arrays (a JSON report's `findings`, each SARIF
 * run's `results`) are handed over one by one as their text is read, and the rest of the document, with each of
 * those elements replaced by `null`, is kept as text (the skeleton) to be parsed at the end. A report of a large
 * organization is then never parsed whole: memory holds one chunk of the file, one element and the skeleton.
 *
 * Only the structure is followed here (strings, brackets, keys); every piece is parsed with JSON.parse, which judges
 * its syntax. Paths are written as the baseline reader writes them: `$.findings[3]`, `$.runs[0].results[12]`.
 */

/** Whether the array at `path` is one whose elements are handed over one at a time. */
export function isSplitArray(path: string): boolean {
  return path === "$.findings" || /^\$\.runs\[\d+\]\.results$/.test(path);
}

interface Frame {
  kind: "object" | "array";
  path: string;
  /** Object: the key of the value being read, once read. */
  key?: string;
  /** Object: the next string is a key. */
  expectsKey: boolean;
  /** Array: the index of the element being read. */
  index: number;
  /** Array: its elements are handed over (isSplitArray). */
  split: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

export class ReportSplitter {
  private readonly stack: Frame[] = [];
  private skeleton = "";
  /** Text of the element being read, while a split array's element is read. */
  private element: string | undefined;
  /** The frame of the split array whose element is being read (its depth in the stack). */
  private splitDepth = -1;
  private inString = false;
  private escaped = false;
  /** The text of a key being read (it may span chunks). */
  private keyText: string | undefined;

  constructor(private readonly onElement: (path: string, text: string) => void) {}

  /** Reads the next piece of the document. */
  push(chunk: string): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i += 1) {
      const code = chunk.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) {
          this.inString = false;
          if (this.keyText !== undefined) {
            this.endKey(this.keyText + chunk.slice(start, i + 1));
            start = i + 1;
          }
        }
        continue;
      }
      switch (code) {
        case QUOTE: {
          this.inString = true;
          const top = this.top();
          if (this.element === undefined && top?.kind === "object" && top.expectsKey) {
            // Keys are read only outside elements: the path of a split array is made of them.
            this.flush(chunk.slice(start, i));
            start = i;
            this.keyText = "";
          }
          break;
        }
        case COLON: {
          const top = this.top();
          if (top?.kind === "object") top.expectsKey = false;
          break;
        }
        case OPEN_BRACE:
        case OPEN_BRACKET: {
          const parent = this.top();
          const path = parent ? this.childPath(parent) : "$";
          const split = this.element === undefined && code === OPEN_BRACKET && isSplitArray(path);
          this.stack.push({
            kind: code === OPEN_BRACE ? "object" : "array",
            path,
            expectsKey: true,
            index: 0,
            split,
          });
          if (split) {
            this.flush(chunk.slice(start, i + 1));
            start = i + 1;
            this.splitDepth = this.stack.length;
            this.element = "";
          }
          break;
        }
        case COMMA:
        case CLOSE_BRACKET:
        case CLOSE_BRACE: {
          const top = this.top();
          if (this.element !== undefined && this.stack.length === this.splitDepth && code !== CLOSE_BRACE) {
            // The end of an element of the split array: hand it over, and write null in its place.
            const text = this.element + chunk.slice(start, i);
            const last = code === CLOSE_BRACKET;
            if (!(last && top?.index === 0 && text.trim() === "")) {
              this.onElement(`${top?.path ?? "$"}[${top?.index ?? 0}]`, text);
              this.skeleton += last ? "null" : "null,";
            }
            start = last ? i : i + 1;
            this.element = last ? undefined : "";
            if (last) this.splitDepth = -1;
          }
          if (code === COMMA) {
            if (top?.kind === "object") {
              top.expectsKey = true;
              delete top.key;
            } else if (top) top.index += 1;
          } else this.stack.pop();
          break;
        }
      }
    }
    this.flush(chunk.slice(start));
  }

  /**
   * The document with null for each element handed over. Text that ended inside an element or a key is kept as it
   * is: the skeleton's parse then fails, as the whole document's would.
   */
  end(): string {
    return this.skeleton + (this.element ?? "") + (this.keyText ?? "");
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  private childPath(parent: Frame): string {
    return parent.kind === "array" ? `${parent.path}[${parent.index}]` : `${parent.path}.${parent.key ?? ""}`;
  }

  /** Text read outside any key: the element's, or the skeleton's. */
  private flush(text: string): void {
    if (text === "") return;
    if (this.keyText !== undefined) this.keyText += text;
    else if (this.element !== undefined) this.element += text;
    else this.skeleton += text;
  }

  private endKey(keyText: string): void {
    this.keyText = undefined;
    this.skeleton += keyText;
    const top = this.top();
    if (top?.kind !== "object") return;
    try {
      top.key = JSON.parse(keyText) as string;
    } catch {
      // Not a valid string: the skeleton's parse says so.
      top.key = keyText;
    }
  }
}
