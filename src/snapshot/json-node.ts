import type { MemberNode, ValueNode } from "@humanwhocodes/momoa";
import type { SourceLocation } from "../model/location.js";
import { InputError } from "./input-error.js";
import { childPath, elementPath } from "./json-path.js";

/** The text a node was parsed from, and where its values are reported. */
export interface JsonSource {
  /** The file as the user named it. */
  file: string;
  /** The parsed text (for a document embedded in a JSON string: the decoded inner text). */
  text: string;
  /** Set for documents embedded in a string: every node inside reports the string's location. */
  pinnedLocation?: SourceLocation;
}

export type JsonKind = "object" | "array" | "string" | "number" | "boolean" | "null";

const PREVIEW_LENGTH = 40;

/** A value in a parsed JSON file, with its JSON path; accessors throw InputError naming file, path and expectation. */
export class JsonNode {
  constructor(
    readonly node: ValueNode,
    readonly path: string,
    readonly source: JsonSource,
  ) {}

  get file(): string {
    return this.source.file;
  }

  get kind(): JsonKind {
    switch (this.node.type) {
      case "Object":
        return "object";
      case "Array":
        return "array";
      case "String":
        return "string";
      case "Boolean":
        return "boolean";
      case "Null":
        return "null";
      default:
        // JSON mode never produces NaN/Infinity nodes; numbers are all that is left.
        return "number";
    }
  }

  get location(): SourceLocation {
    return this.source.pinnedLocation ?? locationOf(this.source.file, this.node);
  }

  isNull(): boolean {
    return this.node.type === "Null";
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
    if (this.node.type !== "String") this.fail(expected);
    return this.node.value;
  }

  boolean(expected = "true or false"): boolean {
    if (this.node.type !== "Boolean") this.fail(expected);
    return this.node.value;
  }

  object(expected = "an object"): JsonObject {
    if (this.node.type !== "Object") this.fail(expected);
    return new JsonObject(this, this.node.members);
  }

  array(expected = "an array"): JsonNode[] {
    if (this.node.type !== "Array") this.fail(expected);
    return this.node.elements.map((element, index) =>
      this.child(element.value, elementPath(this.path, index)),
    );
  }

  /**
   * A string, boolean or number as text. Numbers keep their written digits (an account id written as a
   * number must not lose precision), unless written with an exponent.
   */
  scalarText(expected: string): string {
    const node = this.node;
    if (node.type === "String") return node.value;
    if (node.type === "Boolean") return node.value ? "true" : "false";
    if (node.type === "Number") {
      const raw = this.source.text.slice(node.loc.start.offset, node.loc.end.offset);
      return /[eE]/.test(raw) ? String(node.value) : raw;
    }
    return this.fail(expected);
  }

  /** A string, or an array of strings, as an array (the form IAM accepts for most policy elements). */
  stringList(expected = "a string or an array of strings"): string[] {
    if (this.node.type === "String") return [this.node.value];
    if (this.node.type !== "Array") this.fail(expected);
    return this.array().map((element) => element.string("a string"));
  }

  child(node: ValueNode, path: string): JsonNode {
    return new JsonNode(node, path, this.source);
  }
}

/** An object node; `get` follows JSON.parse in letting the last of duplicate keys win. */
export class JsonObject {
  private readonly byKey = new Map<string, MemberNode>();

  constructor(
    readonly node: JsonNode,
    members: MemberNode[],
  ) {
    for (const member of members) this.byKey.set(memberName(member), member);
  }

  get path(): string {
    return this.node.path;
  }

  get location(): SourceLocation {
    return this.node.location;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  get(key: string): JsonNode | undefined {
    const member = this.byKey.get(key);
    return member && this.node.child(member.value, childPath(this.path, key));
  }

  /** Members in the order first written. */
  entries(): Array<[string, JsonNode]> {
    return [...this.byKey].map(([key, member]): [string, JsonNode] => [
      key,
      this.node.child(member.value, childPath(this.path, key)),
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
    const member = this.byKey.get(key);
    return this.node.source.pinnedLocation ?? (member ? locationOf(this.node.file, member) : this.location);
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

function memberName(member: MemberNode): string {
  // JSON mode only has string keys; identifiers are a JSON5 feature.
  return member.name.type === "String" ? member.name.value : member.name.name;
}

export function locationOf(file: string, node: { loc: ValueNode["loc"] }): SourceLocation {
  return {
    file,
    startLine: node.loc.start.line,
    startColumn: node.loc.start.column,
    endLine: node.loc.end.line,
    endColumn: node.loc.end.column,
  };
}

/** A short description of a value for error messages (long strings are cut: they may be whole documents). */
export function describeValue(value: JsonNode): string {
  const node = value.node;
  switch (node.type) {
    case "Object":
      return "an object";
    case "Array":
      return "an array";
    case "String": {
      const text =
        node.value.length > PREVIEW_LENGTH ? `${node.value.slice(0, PREVIEW_LENGTH)}…` : node.value;
      return `the string ${JSON.stringify(text)}`;
    }
    case "Boolean":
      return String(node.value);
    case "Null":
      return "null";
    case "Number":
      return `the number ${value.scalarText("a number")}`;
    default:
      return "a value that is not JSON";
  }
}
