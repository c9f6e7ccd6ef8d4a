import type { JsonKind } from "./json-node.js";
import { AWS_PAGE } from "./policy-grammar.js";

/** The kind of value a condition operator compares (IAM JSON policy elements: Condition operators). */
export type OperatorCategory = "string" | "numeric" | "date" | "bool" | "binary" | "ip" | "arn" | "null";

/** Base operators, lower-cased: condition operators are matched without regard to case, as the engine does. */
const BASE_OPERATORS = new Map<string, OperatorCategory>([
  ...[
    "stringequals",
    "stringnotequals",
    "stringequalsignorecase",
    "stringnotequalsignorecase",
    "stringlike",
    "stringnotlike",
  ].map((name): [string, OperatorCategory] => [name, "string"]),
  ...[
    "numericequals",
    "numericnotequals",
    "numericlessthan",
    "numericlessthanequals",
    "numericgreaterthan",
    "numericgreaterthanequals",
  ].map((name): [string, OperatorCategory] => [name, "numeric"]),
  ...[
    "dateequals",
    "datenotequals",
    "datelessthan",
    "datelessthanequals",
    "dategreaterthan",
    "dategreaterthanequals",
  ].map((name): [string, OperatorCategory] => [name, "date"]),
  ["bool", "bool"],
  ["binaryequals", "binary"],
  ["ipaddress", "ip"],
  ["notipaddress", "ip"],
  ...["arnequals", "arnlike", "arnnotequals", "arnnotlike"].map((name): [string, OperatorCategory] => [
    name,
    "arn",
  ]),
  ["null", "null"],
]);

const SET_PREFIXES = new Set(["foranyvalue", "forallvalues"]);
const IF_EXISTS = "ifexists";

const EXPECTED_OPERATOR =
  "a condition operator: StringEquals, StringLike, NumericLessThan, DateGreaterThan, Bool, BinaryEquals, " +
  `IpAddress, ArnLike, Null or another of their family, optionally ending in IfExists (${AWS_PAGE.operators})`;
const EXPECTED_PREFIX =
  `ForAnyValue: or ForAllValues: as the only prefix of a condition operator (${AWS_PAGE.operators}, ` +
  "set operators for multivalued context keys)";
const EXPECTED_NULL = `Null without IfExists: IfExists can end any condition operator except Null (${AWS_PAGE.operators})`;

/**
 * Checks a condition operator's name. `category` is the kind of values it compares (when its base is known);
 * `expected` is set when the name is outside the grammar, and says what AWS expects.
 */
export function readConditionOperator(operator: string): { category?: OperatorCategory; expected?: string } {
  let rest = operator.toLowerCase();
  const colon = rest.indexOf(":");
  let badPrefix = false;
  if (colon >= 0) {
    badPrefix = !SET_PREFIXES.has(rest.slice(0, colon));
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith(IF_EXISTS);
  const category = BASE_OPERATORS.get(ifExists ? rest.slice(0, -IF_EXISTS.length) : rest);
  if (category === undefined) return { expected: EXPECTED_OPERATOR };
  if (badPrefix) return { category, expected: EXPECTED_PREFIX };
  if (category === "null" && ifExists) return { category, expected: EXPECTED_NULL };
  return { category };
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const EPOCH_SECONDS = /^\d+$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const BOOLEAN = /^(?:true|false)$/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/;
const IPV6 = /^[0-9a-f]*:[0-9a-f:.]*(?:\/\d{1,3})?$/i;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const OPERATORS_PAGE = AWS_PAGE.operators;
const EXPECTED_VALUE: Record<Exclude<OperatorCategory, "string" | "arn">, string> = {
  numeric: `a number (numeric condition operators; ${OPERATORS_PAGE})`,
  date: `a date such as "2025-01-31T12:00:00Z" or epoch seconds (date condition operators; ${OPERATORS_PAGE})`,
  bool: `true or false (Boolean condition operators; ${OPERATORS_PAGE})`,
  null: `true or false (the Null condition operator; ${OPERATORS_PAGE})`,
  ip: `an IPv4 or IPv6 address or CIDR range (IP address condition operators; ${OPERATORS_PAGE})`,
  binary: `a base-64 encoded value (binary condition operators; ${OPERATORS_PAGE})`,
};

/**
 * What AWS expects when a scalar value does not fit its operator (IAM Access Analyzer reports these as type
 * mismatches), or undefined when it fits. String and ARN operators take any scalar.
 */
export function valueMismatch(category: OperatorCategory, kind: JsonKind, text: string): string | undefined {
  let fits: boolean;
  switch (category) {
    case "string":
    case "arn":
      return undefined;
    case "numeric":
      fits = kind === "number" || NUMBER.test(text);
      break;
    case "date":
      fits = kind === "number" || EPOCH_SECONDS.test(text) || ISO_DATE.test(text);
      break;
    case "bool":
    case "null":
      fits = kind === "boolean" || (kind === "string" && BOOLEAN.test(text));
      break;
    case "ip":
      fits = kind === "string" && (IPV4.test(text) || IPV6.test(text));
      break;
    case "binary":
      fits = kind === "string" && BASE64.test(text);
      break;
  }
  return fits ? undefined : EXPECTED_VALUE[category];
}
