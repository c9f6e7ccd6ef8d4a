import type { SourceLocation } from "../model/location.js";
import { InputError } from "./input-error.js";
import { childPath, elementPath } from "./json-path.js";
import { TextLocator, type PathSegment, type Span } from "./text-locator.js";

/** A value as JSON.parse gives it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * The text a value was parsed from, and where its values are reported. Positions are looked up in the text only
 * when asked for (text-locator.ts): parsing is JSON.parse, with no positions at all.
 */
export class JsonSource {
  private textLocator: TextLocator | undefined;
  /**
   * Locations handed out before their position was looked up, and the path of the value each one is the location
   * of (the path, not the node: a node keeps the whole parsed file alive until the positions are looked up).
   */
  private readonly deferred = new Map<SourceLocation, PathSegment[]>();
  private pinned: SourceLocation | undefined;

  constructor(
    /** The file as the user named it. */
    readonly file: string,
    /** The parsed text (for a document embedded in a JSON string: the decoded inner text). */
    readonly text: string,
    /** Set for documents embedded in a string: every node inside reports the string's location. */
    readonly host?: JsonNode,
    /**
     * Hand out deferred locations (resolved in one pass by resolveLocations) rather than looking each one up as
     * it is asked for: for whole files, whose readers resolve them in bulk.
     */
    readonly deferLocations: boolean = host?.source.deferLocations ?? false,
  ) {}

  /** How many times the text itself was consulted (positions, numbers as written, key order): see readPolicyDocument. */
  textLookups = 0;
  /**
   * Set by the reader of a whole file: numbers are read as JSON.parse gives them and put as written by
   * resolveNumbers, all at once (with every deferred location), after the file is read.
   */
  deferNumbers = false;
  private readonly numbers: { path: PathSegment[]; value: number; values: string[]; index: number }[] = [];

  get locator(): TextLocator {
    this.textLookups += 1;
    return (this.textLocator ??= new TextLocator(this.text));
  }

  /**
   * A location whose lines and columns are filled in by resolveLocations (zeros until then), or, for a source
   * that does not defer locations, the location looked up now.
   */
  defer(node: JsonNode): SourceLocation {
    if (this.host) return (this.pinned ??= this.host.deferredLocation());
    if (!this.deferLocations) return node.location;
    const location = { file: this.file, startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 };
    this.deferred.set(location, node.segments());
    return location;
  }

  /**
   * Fills in deferred locations of this file: `locations` (others are ignored), or all of them. One pass over the
   * text for the lot.
   */
  resolveLocations(locations?: Iterable<SourceLocation>): void {
    const wanted: [SourceLocation, PathSegment[]][] = [];
    if (locations === undefined) wanted.push(...this.deferred);
    else {
      for (const location of locations) {
        const path = this.deferred.get(location);
        if (path) wanted.push([location, path]);
      }
    }
    if (wanted.length === 0) return;
    this.fillLocations(wanted, this.locator.spans(wanted.map(([, path]) => path)));
  }

  private fillLocations(
    wanted: readonly [SourceLocation, PathSegment[]][],
    spans: readonly (Span | undefined)[],
  ) {
    const positions = this.locator.positions(spans.flatMap((span) => [span?.start ?? 0, span?.end ?? 0]));
    wanted.forEach(([location], index) => {
      const start = positions[2 * index] as { line: number; column: number };
      const end = positions[2 * index + 1] as { line: number; column: number };
      location.startLine = start.line;
      location.startColumn = start.column;
      location.endLine = end.line;
      location.endColumn = end.column;
      this.deferred.delete(location);
    });
  }

  /**
   * `values[index]` is the number at `node`, which resolveNumbers puts as written; until then it is the number as
   * JSON.parse read it. It counts as a look-up in the text.
   */
  deferNumber(node: JsonNode, values: string[], index: number): void {
    this.textLookups += 1;
    values[index] = String(node.value);
    this.numbers.push({ path: node.segments(), value: node.value as number, values, index });
  }

  /**
   * Puts the numbers deferred by deferNumber as written. The scan of the text that finds them also goes down to
   * every deferred location, so that filling in those of the findings later scans nothing again.
   */
  resolveNumbers(): void {
    if (this.numbers.length === 0) return;
    const numbers = this.numbers.splice(0);
    const spans = this.locator.spans([
      ...numbers.map((number) => number.path),
      ...[...this.deferred.values()],
    ]);
    numbers.forEach(({ value, values, index }, k) => {
      const span = spans[k];
      const raw = span ? this.text.slice(span.start, span.end) : "";
      values[index] = NUMBER_WITH_EXPONENT.test(raw) || raw === "" ? String(value) : raw;
    });
  }

  /** Lines and columns of a span of this text. */
  locationOf(span: Span, from: "value" | "member" = "value"): SourceLocation {
    const start = this.locator.position(from === "member" ? (span.memberStart ?? span.start) : span.start);
    const end = this.locator.position(span.end);
    return {
      file: this.file,
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
    };
  }
}

export type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null";

const PREVIEW_LENGTH = 40;
/** A number written with an exponent is shown as JavaScript writes it. */
const NUMBER_WITH_EXPONENT = /[eE]/;

/**
 * A value in a parsed JSON file, with its JSON path; accessors throw InputError naming file, path and expectation.
 * The path and the position are worked out only when asked for: most values never need them.
 */
export class JsonNode {
  private cachedPath: string | undefined;

  constructor(
    readonly value: JsonValue,
    readonly source: JsonSource,
    /** The containing value; for the root of an embedded document, the string that holds it. */
    readonly parent?: JsonNode,
    /** Key or index in the parent (undefined for a root). */
    readonly segment?: PathSegment,
  ) {}

  get file(): string {
    return this.source.file;
  }

  get path(): string {
    if (this.cachedPath !== undefined) return this.cachedPath;
    const parent = this.parent;
    const segment = this.segment;
    let path: string;
    if (!parent) path = "$";
    else if (segment === undefined) path = parent.path;
    else
      path =
        typeof segment === "number" ? elementPath(parent.path, segment) : childPath(parent.path, segment);
    this.cachedPath = path;
    return path;
  }

  get kind(): JsonKind {
    const value = this.value;
    switch (typeof value) {
      case "string":
        return "string";
      case "number":
        return "number";
      case "boolean":
        return "boolean";
      default:
        return value === null ? "null" : Array.isArray(value) ? "array" : "object";
    }
  }

  /** Where the value is written (looked up now: for messages). */
  get location(): SourceLocation {
    const host = this.source.host;
    if (host) return host.location;
    return this.source.locationOf(this.span());
  }

  /** Where the value is written, looked up later (JsonSource.resolveLocations): for the model. */
  deferredLocation(): SourceLocation {
    return this.source.defer(this);
  }

  /** Keys and indexes from the root of this node's text. */
  segments(): PathSegment[] {
    if (this.segment === undefined) return [];
    const segments: PathSegment[] = [this.segment];
    for (let node = this.parent; node && node.source === this.source; node = node.parent) {
      if (node.segment === undefined) break;
      segments.push(node.segment);
    }
    return segments.reverse();
  }

  span(): Span {
    return this.source.locator.spans([this.segments()])[0] ?? { start: 0, end: 0 };
  }

  isNull(): boolean {
    return this.value === null;
  }

  /** Throws an InputError at this node: `expected <expected>, found <what is here>`. */
  fail(expected: string, found: string = describeValue(this)): never {
    const { startLine, startColumn } = this.location;
    throw new InputError({
      file: this.source.file,
      jsonPath: this.path,
      expected,
      found,
      line: startLine,
      column: startColumn,
    });
  }

  string(expected = "a string"): string {
    const value = this.value;
    if (typeof value !== "string") this.fail(expected);
    return value;
  }

  boolean(expected = "true or false"): boolean {
    const value = this.value;
    if (typeof value !== "boolean") this.fail(expected);
    return value;
  }

  object(expected = "an object"): JsonObject {
    if (this.kind !== "object") this.fail(expected);
    return new JsonObject(this);
  }

  array(expected = "an array"): JsonNode[] {
    const value = this.value;
    if (!Array.isArray(value)) this.fail(expected);
    const nodes = new Array<JsonNode>(value.length);
    for (let index = 0; index < value.length; index += 1) {
      nodes[index] = new JsonNode(value[index] as JsonValue, this.source, this, index);
    }
    return nodes;
  }

  /**
   * A string, boolean or number as text. Numbers keep their written digits (an account id written as a
   * number must not lose precision, `2.50` stays `2.50`), unless written with an exponent.
   */
  scalarText(expected: string): string {
    const value = this.value;
    if (typeof value === "string") return value;
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") {
      const { start, end } = this.span();
      const raw = this.source.text.slice(start, end);
      return NUMBER_WITH_EXPONENT.test(raw) || raw === "" ? String(value) : raw;
    }
    return this.fail(expected);
  }

  /** A string, or an array of strings, as an array (the form IAM accepts for most policy elements). */
  stringList(expected = "a string or an array of strings"): string[] {
    if (typeof this.value === "string") return [this.value];
    if (!Array.isArray(this.value)) this.fail(expected);
    return this.array().map((element) => element.string("a string"));
  }
}

/** Keys JavaScript lists before the others, whatever order they were written in (array-index-like). */
const INTEGER_LIKE = /^(?:0|[1-9]\d{0,9})$/;

/** An object node; `get` follows JSON.parse in letting the last of duplicate keys win. */
export class JsonObject {
  private readonly members: { [key: string]: JsonValue };

  constructor(readonly node: JsonNode) {
    this.members = node.value as { [key: string]: JsonValue };
  }

  get path(): string {
    return this.node.path;
  }

  get location(): SourceLocation {
    return this.node.location;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.members, key);
  }

  /** Keys in the order first written. */
  keys(): string[] {
    const keys = Object.keys(this.members);
    // JavaScript objects list integer-like keys first: the text says where they were written.
    const first = keys[0]?.charCodeAt(0) ?? 0;
    if (first >= 0x30 && first <= 0x39 && keys.some((key) => INTEGER_LIKE.test(key))) {
      return this.node.source.locator.keysInTextOrder(this.node.segments());
    }
    return keys;
  }

  get(key: string): JsonNode | undefined {
    if (!Object.hasOwn(this.members, key)) return undefined;
    return new JsonNode(this.members[key] as JsonValue, this.node.source, this.node, key);
  }

  /** Members in the order first written. */
  entries(): Array<[string, JsonNode]> {
    return this.keys().map((key): [string, JsonNode] => [
      key,
      new JsonNode(this.members[key] as JsonValue, this.node.source, this.node, key),
    ]);
  }

  require(key: string, expected: string): JsonNode {
    return this.get(key) ?? this.missing(key, expected);
  }

  requireString(key: string, expected = "a string"): string {
    return this.require(key, expected).string(expected);
  }

  /** undefined when the key is absent or null. */
  optionalString(key: string, expected = "a string"): string | undefined {
    const value = this.get(key);
    return value === undefined || value.isNull() ? undefined : value.string(expected);
  }

  /** Throws an InputError for a key that should be present; the position is the object's. */
  missing(key: string, expected: string): never {
    const { startLine, startColumn } = this.location;
    throw new InputError({
      file: this.node.file,
      jsonPath: childPath(this.path, key),
      expected,
      found: `no "${key}" key`,
      line: startLine,
      column: startColumn,
    });
  }

  /** Where the member `key` is written (the object's location when there is no such key). */
  locationOfKey(key: string): SourceLocation {
    const source = this.node.source;
    if (source.host) return source.host.location;
    const member = this.get(key);
    return member ? source.locationOf(member.span(), "member") : this.location;
  }

  /** Throws an InputError for a key that is not allowed here; the position is the key's. */
  unexpectedKey(key: string, expected: string): never {
    const location = this.locationOfKey(key);
    throw new InputError({
      file: this.node.file,
      jsonPath: childPath(this.path, key),
      expected,
      found: `the key ${JSON.stringify(key)}`,
      line: location.startLine,
      column: location.startColumn,
    });
  }
}

/** A short description of a value for error messages (long strings are cut: they may be whole documents). */
export function describeValue(value: JsonNode): string {
  switch (value.kind) {
    case "object":
      return "an object";
    case "array":
      return "an array";
    case "string": {
      const text = value.value as string;
      const shown = text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
      return `the string ${JSON.stringify(shown)}`;
    }
    case "boolean":
      return String(value.value);
    case "null":
      return "null";
    case "number":
      return `the number ${value.scalarText("a number")}`;
  }
}
