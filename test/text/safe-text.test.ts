import { describe, expect, it } from "vitest";
import { safeText } from "../../src/text/safe-text.js";

describe("safeText", () => {
  it("leaves ordinary text alone, non-ASCII included", () => {
    for (const text of [
      "arn:aws:iam::111122223333:role/deployer",
      "Role a:b can be assumed (zone: organization o-abc)",
      "café, 東京, emoji 🙂, # heading, [link], ## not a command",
    ]) {
      expect(safeText(text)).toBe(text);
    }
  });

  it.each([
    ["ESC (clear screen, set title)", "a\u001b[2Jb\u001b]0;title\u0007", "a\\x1B[2Jb\\x1B]0;title\\x07"],
    ["line feed and carriage return", "one\ntwo\r\nthree\rfour", "one\\ntwo\\r\\nthree\\rfour"],
    ["tab, NUL, backspace", "a\tb\u0000c\u0008d", "a\\tb\\x00c\\x08d"],
    ["DEL and the C1 controls (CSI, NEL)", "a\u007fb\u009b31mc\u0085d", "a\\x7Fb\\x9B31mc\\x85d"],
    ["Unicode line and paragraph separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"],
    [
      "bidi overrides, embeddings and isolates",
      "\u202Eevil\u202A\u202B\u202C\u202D",
      "\\u202Eevil\\u202A\\u202B\\u202C\\u202D",
    ],
    [
      "bidi isolates and marks",
      "\u2066a\u2067b\u2068c\u2069\u200e\u200f\u061c",
      "\\u2066a\\u2067b\\u2068c\\u2069\\u200E\\u200F\\u061C",
    ],
  ])("makes %s visible instead of acting on them", (_name, text, expected) => {
    expect(safeText(text)).toBe(expected);
  });

  it("cannot start a workflow command: ::command:: at the start, even after white space", () => {
    expect(safeText("::error title=x::pwned")).toBe("\\x3A:error title=x::pwned");
    expect(safeText("  ::add-mask::secret")).toBe("  \\x3A:add-mask::secret");
    expect(safeText("\u00a0\u3000::stop-commands::token")).toBe("\u00a0\u3000\\x3A:stop-commands::token");
    // A leading tab is escaped first, and "\t" is no white space.
    expect(safeText("\t::error::x")).toBe("\\t::error::x");
    // Only at the start: "::" inside a value cannot begin a line once line breaks are escaped.
    expect(safeText("role a::b")).toBe("role a::b");
  });

  it("cannot carry a command onto a new line of its own", () => {
    const text = safeText("name\n::error::pwned\r\n::add-mask::x\u2028::warning::y");
    expect(text.split("\n")).toHaveLength(1);
    expect(text).toBe("name\\n::error::pwned\\r\\n::add-mask::x\\u2028::warning::y");
  });

  it("breaks the legacy ##[command] syntax, which the runner finds anywhere in a line", () => {
    expect(safeText("a ##[error]pwned and ##[add-mask]x")).toBe("a #\\x23[error]pwned and #\\x23[add-mask]x");
    expect(safeText("###[x")).not.toContain("##[");
  });
});
