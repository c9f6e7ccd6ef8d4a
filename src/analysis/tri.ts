/**
 * Three-valued truth for a class of callers: "all" members satisfy, "some" may (there is a member that does, and
 * one that does not), "none" do. An Allow grants access when a statement is at least "some"; a Deny removes a
 * caller only when it is "all", so a Deny the caller can sidestep (for example by sending HTTPS) removes nothing.
 */
export type Tri = "all" | "some" | "none";

export function triNot(value: Tri): Tri {
  return value === "all" ? "none" : value === "none" ? "all" : "some";
}

export function triAnd(values: Iterable<Tri>): Tri {
  let result: Tri = "all";
  for (const value of values) {
    if (value === "none") return "none";
    if (value === "some") result = "some";
  }
  return result;
}

export function triOr(values: Iterable<Tri>): Tri {
  let result: Tri = "none";
  for (const value of values) {
    if (value === "all") return "all";
    if (value === "some") result = "some";
  }
  return result;
}

export function triFromBoolean(value: boolean): Tri {
  return value ? "all" : "none";
}
