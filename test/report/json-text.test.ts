import { describe, expect, it } from "vitest";
import { elementsAtDepth } from "../../src/report/json-text.js";

const VALUES = [
  { ruleId: "public-access", nested: { list: [1, "two", null, { deep: [] }], empty: {} } },
  { message: 'a "quoted"\nline and \u0000 a NUL', list: [] },
  "a string",
  [[], [{}]],
];

describe("elementsAtDepth", () => {
  it.each([1, 2, 3, 4])("writes array elements as JSON.stringify writes them %i levels deep", (depth) => {
    let document: unknown = VALUES;
    for (let level = 1; level < depth; level += 1) document = [document];
    const whole = JSON.stringify(document, null, 2);
    const prefix = "  ".repeat(depth);
    // The whole document's lines for the elements: those indented at least as deep as they are.
    const lines = whole.split("\n").filter((line) => line.startsWith(prefix));
    expect(elementsAtDepth(VALUES, depth)).toBe(lines.join("\n"));
  });
});
