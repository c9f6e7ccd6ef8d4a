/** A condition operator taken apart: `ForAnyValue:StringNotLikeIfExists` → set "any", base "stringnotlike", ifExists. */
export interface ParsedOperator {
  set: "any" | "all" | undefined;
  /** Lower-case base operator without set prefix and IfExists suffix, e.g. `stringlike`, `ipaddress`, `null`. */
  base: string;
  ifExists: boolean;
  /** StringNotEquals, StringNotLike, ArnNotLike, NotIpAddress, NumericNotEquals, DateNotEquals, … */
  negated: boolean;
  /** `*` and `?` are wildcards: the …Like operators and (per the IAM User Guide) ArnEquals/ArnNotEquals. */
  wildcards: boolean;
  ignoreCase: boolean;
  kind: "string" | "arn" | "ip" | "bool" | "null" | "numeric" | "date" | "binary" | "unknown";
}

const cache = new Map<string, ParsedOperator>();

export function parseOperator(operatorLower: string): ParsedOperator {
  const cached = cache.get(operatorLower);
  if (cached) return cached;
  let rest = operatorLower;
  let set: ParsedOperator["set"];
  if (rest.startsWith("foranyvalue:")) {
    set = "any";
    rest = rest.slice("foranyvalue:".length);
  } else if (rest.startsWith("forallvalues:")) {
    set = "all";
    rest = rest.slice("forallvalues:".length);
  }
  const ifExists = rest.endsWith("ifexists");
  const base = ifExists ? rest.slice(0, -"ifexists".length) : rest;
  const kind: ParsedOperator["kind"] = base.startsWith("string")
    ? "string"
    : base.startsWith("arn")
      ? "arn"
      : base === "ipaddress" || base === "notipaddress"
        ? "ip"
        : base === "bool"
          ? "bool"
          : base === "null"
            ? "null"
            : base.startsWith("numeric")
              ? "numeric"
              : base.startsWith("date")
                ? "date"
                : base === "binaryequals"
                  ? "binary"
                  : "unknown";
  const negated = base.includes("not");
  const parsed: ParsedOperator = {
    set,
    base,
    ifExists,
    negated,
    wildcards: base.endsWith("like") || kind === "arn",
    ignoreCase: base.endsWith("ignorecase"),
    kind,
  };
  cache.set(operatorLower, parsed);
  return parsed;
}
