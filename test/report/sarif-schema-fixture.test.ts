import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SARIF_SCHEMA_PATH } from "../helpers/sarif-github.js";

describe("SARIF schema fixture", () => {
  it("is the committed copy, unchanged (sha256)", () => {
    const [expected, name] = readFileSync(`${SARIF_SCHEMA_PATH}.sha256`, "utf8").trim().split(/\s+/);
    const actual = createHash("sha256").update(readFileSync(SARIF_SCHEMA_PATH)).digest("hex");
    expect(name).toBe("sarif-schema-2.1.0.json");
    expect(actual).toBe(expected);
  });

  it("is the SARIF 2.1.0 schema in JSON Schema draft 2020-12", () => {
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA_PATH, "utf8")) as { $schema: string; title: string };
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toContain("SARIF) Version 2.1.0");
  });
});
