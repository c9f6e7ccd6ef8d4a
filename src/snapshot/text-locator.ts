/**
 * Where values of a JSON text are, found after the fact: the text is parsed with JSON.parse (fast, no positions),
 * and only the values that need a position (those behind a finding, an error or a grammar problem) are looked up
 * here, many at once in one skip-scan that descends only along the paths asked for. Positions are those of the
 * location-aware parser: 1-based lines broken at LF, CR and CRLF, 1-based columns in UTF-16 code units, end
 * columns after the last character.
 *
 * The text must be valid JSON (JSON.parse accepted it): the scan does not check syntax.
 */

export type PathSegment = string | number;

/** [start, end) offsets of a value, and of its member (from the key's opening quote) when it is one. */
export interface Span {
  start: number;
  end: number;
  memberStart?: number;
}

/** The paths asked for below a value, as a tree. */
interface Target {
  /** Undefined for the value a path ends at (most of them: a tree per path would be mostly leaves). */
  children: Map<PathSegment, Target> | undefined;
  /** The string keys of `children`: an object's members are matched against them without iterating the map. */
  keys: string[];
}

function newTarget(): Target {
  return { children: undefined, keys: [] };
}

/**
 * The members of an object recorded so far: those a scan was asked for (one asking for another member scans the
 * object again), and those it was asked for and did not find.
 */
class ObjectMembers {
  readonly found = new Map<string, Span>();
  absent: Set<string> | undefined;
}

/** Every element of an array: the start and end offsets of element i at 2i and 2i + 1. */
class ArrayElements {
  constructor(readonly bounds: number[]) {}
}

/** The spans of a container's children: every element of an array, the members asked for of an object. */
type Children = ObjectMembers | ArrayElements;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
/** Everything but brackets, braces and quotes (sticky: matches from lastIndex only). */
const NOT_STRUCTURAL = /[^{}[\]"]*/y;

/**
 * Each container scanned on the way to a value has the spans of all its children recorded: the first look-up
 * in a file costs about one pass over it, and later ones go straight to the value (a role's statements are then
 * found without scanning the roles before it again).
 */
export class TextLocator {
  private lineStarts: Int32Array | undefined;
  private hasCarriageReturn: boolean | undefined;
  private readonly children = new Map<number, Children>();
  private rootStart: number | undefined;
  private rootEnd: number | undefined;

  constructor(readonly text: string) {}

  /** The spans of the values at `paths` (undefined for a path the text does not have). */
  spans(paths: readonly (readonly PathSegment[])[]): (Span | undefined)[] {
    const root = this.root();
    // Paths that reach a container not scanned yet are scanned together, from that container.
    const pending = new Map<number, Target>();
    for (const path of paths) {
      const depth = this.descend(root, path);
      const span = this.reached;
      if (depth === path.length || span === undefined) continue;
      let target: Target | undefined = pending.get(span.start);
      if (!target) pending.set(span.start, (target = newTarget()));
      for (let index = depth; index < path.length; index += 1) {
        const segment = path[index] as PathSegment;
        const children: Map<PathSegment, Target> = (target.children ??= new Map());
        let child: Target | undefined = children.get(segment);
        if (!child) {
          children.set(segment, (child = newTarget()));
          if (typeof segment === "string") target.keys.push(segment);
        }
        target = child;
      }
    }
    for (const [start, target] of pending) this.walk(start, target);
    return paths.map((path) => {
      if (path.length === 0) return { start: root.start, end: (this.rootEnd ??= this.skipValue(root.start)) };
      return this.descend(root, path) === path.length ? this.reached : undefined;
    });
  }

  /** The root value's start (its end is looked up only when asked for: it takes a pass). */
  private root(): Span {
    this.rootStart ??= this.skipWhitespace(0);
    return { start: this.rootStart, end: this.text.length };
  }

  /** The span descend() reached (undefined: the path does not exist). */
  private reached: Span | undefined;

  /**
   * Follows `path` through the containers already scanned, leaving the span reached in `reached`; returns how many
   * segments led there (fewer than the path's when a container on the way was not scanned yet, or the path does
   * not exist).
   */
  private descend(root: Span, path: readonly PathSegment[]): number {
    let span: Span = root;
    for (let depth = 0; depth < path.length; depth += 1) {
      const children = this.children.get(span.start);
      if (children === undefined) {
        const code = this.text.charCodeAt(span.start);
        // Only containers have children; a scalar on the way means there is no such path.
        this.reached = code === OPEN_BRACE || code === OPEN_BRACKET ? span : undefined;
        return depth;
      }
      const segment = path[depth] as PathSegment;
      let child: Span | undefined;
      if (children instanceof ArrayElements) {
        const bounds = children.bounds;
        if (typeof segment === "number" && segment >= 0 && 2 * segment < bounds.length) {
          child = { start: bounds[2 * segment] as number, end: bounds[2 * segment + 1] as number };
        }
      } else if (typeof segment === "string") {
        child = children.found.get(segment);
        // A member the object was not scanned for: scanned again, from here.
        if (child === undefined && !children.absent?.has(segment)) {
          this.reached = span;
          return depth;
        }
      }
      if (child === undefined) {
        this.reached = undefined;
        return depth;
      }
      span = child;
    }
    this.reached = span;
    return path.length;
  }

  /** Keys of the object at `path` in the order first written (JSON.parse puts integer-like keys first). */
  keysInTextOrder(path: readonly PathSegment[]): string[] {
    const span = this.spans([path])[0];
    const keys: string[] = [];
    if (!span || this.text.charCodeAt(span.start) !== OPEN_BRACE) return keys;
    const seen = new Set<string>();
    this.forEachMember(span.start, (keyStart, keyEnd, valueStart) => {
      const key = decodeKey(this.text, keyStart, keyEnd);
      if (!seen.has(key)) keys.push(key);
      seen.add(key);
      return this.skipValue(valueStart);
    });
    return keys;
  }

  /**
   * 1-based lines and columns of many offsets at once: one pass to the last of them, counting line breaks, rather
   * than an index of every line of the file (a scan asks for a few hundred positions in a file of tens of
   * thousands of lines). Text with a CR uses the index, which knows every kind of line break.
   */
  positions(offsets: readonly number[]): { line: number; column: number }[] {
    if (this.lineStarts !== undefined || (this.hasCarriageReturn ??= this.text.includes("\r"))) {
      return offsets.map((offset) => this.position(offset));
    }
    const order = offsets
      .map((_, index) => index)
      .sort((a, b) => (offsets[a] as number) - (offsets[b] as number));
    const result = new Array<{ line: number; column: number }>(offsets.length);
    let line = 1;
    let lineStart = 0;
    let next = this.text.indexOf("\n");
    for (const index of order) {
      const offset = offsets[index] as number;
      while (next !== -1 && next < offset) {
        line += 1;
        lineStart = next + 1;
        next = this.text.indexOf("\n", lineStart);
      }
      result[index] = { line, column: offset - lineStart + 1 };
    }
    return result;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  }

  /**
   * Scans the value at `index` down the paths of `target`, recording the children of each container it scans;
   * returns the offset after the value.
   */
  private walk(index: number, target: Target): number {
    const children = target.children;
    if (children === undefined) return this.skipValue(index);
    const code = this.text.charCodeAt(index);
    if (code === OPEN_BRACE) return this.walkObject(index, target.keys, children);
    if (code === OPEN_BRACKET) {
      const bounds: number[] = [];
      let next = this.skipWhitespace(index + 1);
      let end: number;
      if (this.text.charCodeAt(next) === CLOSE_BRACKET) end = next + 1;
      else {
        for (;;) {
          const child = children.get(bounds.length / 2);
          const valueEnd = child ? this.walk(next, child) : this.skipValue(next);
          bounds.push(next, valueEnd);
          next = this.skipWhitespace(valueEnd);
          if (this.text.charCodeAt(next) !== COMMA) break;
          next = this.skipWhitespace(next + 1);
        }
        end = next + 1;
      }
      this.children.set(index, new ArrayElements(bounds));
      return end;
    }
    return this.skipValue(index);
  }

  /**
   * Scans the object at `index`, descending into the members `keys` asks for (their targets in `children`) and
   * skipping the others; returns the offset after the object.
   */
  private walkObject(index: number, keys: readonly string[], children: Map<PathSegment, Target>): number {
    const recorded = this.children.get(index);
    const members = recorded instanceof ObjectMembers ? recorded : new ObjectMembers();
    this.children.set(index, members);
    const end = this.forEachMember(index, (keyStart, keyEnd, valueStart) => {
      const asked = this.askedKey(keys, keyStart, keyEnd);
      if (asked === undefined) return this.skipValue(valueStart);
      const valueEnd = this.walk(valueStart, children.get(asked) as Target);
      // A duplicate key: the last one is the value JSON.parse keeps.
      members.found.set(asked, { start: valueStart, end: valueEnd, memberStart: keyStart });
      return valueEnd;
    });
    for (const key of keys) {
      if (!members.found.has(key)) (members.absent ??= new Set()).add(key);
    }
    return end;
  }

  /** The one of `keys` that the key written at [keyStart, keyEnd) is, decoded only when it has an escape. */
  private askedKey(keys: readonly string[], keyStart: number, keyEnd: number): string | undefined {
    const text = this.text;
    let escaped = false;
    for (let i = keyStart + 1; i < keyEnd - 1 && !escaped; i++) escaped = text.charCodeAt(i) === BACKSLASH;
    const decoded = escaped ? decodeKey(text, keyStart, keyEnd) : undefined;
    const length = keyEnd - keyStart - 2;
    // A loop rather than find(): this runs for every member of every object walked, and allocates nothing.
    for (const key of keys) {
      if (
        decoded !== undefined ? key === decoded : key.length === length && text.startsWith(key, keyStart + 1)
      ) {
        return key;
      }
    }
    return undefined;
  }

  /**
   * Calls `visit` for each member of the object at `index` with where its key is written (from the opening quote to
   * after the closing one, not decoded) and where its value starts; `visit` returns the offset after the value.
   * Returns the offset after the object.
   */
  private forEachMember(
    index: number,
    visit: (keyStart: number, keyEnd: number, valueStart: number) => number,
  ): number {
    let next = this.skipWhitespace(index + 1);
    if (this.text.charCodeAt(next) === CLOSE_BRACE) return next + 1;
    for (;;) {
      const keyEnd = this.skipString(next);
      // Whitespace, the colon, whitespace.
      const valueStart = this.skipWhitespace(this.skipWhitespace(keyEnd) + 1);
      const end = visit(next, keyEnd, valueStart);
      next = this.skipWhitespace(end);
      if (this.text.charCodeAt(next) !== COMMA) return next + 1;
      next = this.skipWhitespace(next + 1);
    }
  }

  private skipWhitespace(index: number): number {
    const text = this.text;
    let i = index;
    for (;;) {
      const code = text.charCodeAt(i);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) i += 1;
      else return i;
    }
  }

  /** The offset after the string whose opening quote is at `index`. */
  private skipString(index: number): number {
    const text = this.text;
    let quote = index;
    for (;;) {
      quote = text.indexOf('"', quote + 1);
      if (quote < 0) return text.length;
      // Escaped only after an odd number of backslashes.
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
      if (backslashes % 2 === 0) return quote + 1;
    }
  }

  /** The offset after the value starting at `index`. */
  private skipValue(index: number): number {
    const text = this.text;
    const code = text.charCodeAt(index);
    if (code === QUOTE) return this.skipString(index);
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      // Runs of other characters are skipped by the regular expression engine, far faster than char by char.
      let depth = 0;
      let i = index;
      for (;;) {
        NOT_STRUCTURAL.lastIndex = i;
        NOT_STRUCTURAL.test(text);
        i = NOT_STRUCTURAL.lastIndex;
        if (i >= text.length) return text.length;
        const c = text.charCodeAt(i);
        if (c === QUOTE) i = this.skipString(i);
        else {
          i += 1;
          if (c === OPEN_BRACE || c === OPEN_BRACKET) depth += 1;
          else if ((depth -= 1) === 0) return i;
        }
      }
    }
    // A number, true, false or null: up to the next delimiter or whitespace.
    let i = index;
    for (; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c <= 0x20) break;
    }
    return i;
  }
}

function decodeKey(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes("\\") ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

/** Offsets where lines start: 0, and after each LF, lone CR and CRLF. */
function lineStartsOf(text: string): Int32Array {
  const starts: number[] = [0];
  if (!text.includes("\r")) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code === 0x0a) starts.push(i + 1);
      else if (code === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i += 1;
        starts.push(i + 1);
      }
    }
  }
  return Int32Array.from(starts);
}
