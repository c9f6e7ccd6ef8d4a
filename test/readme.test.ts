import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import pkg from "../package.json" with { type: "json" };
import { fillSections, generatedSections } from "../scripts/readme-sections.js";

describe("README.md", () => {
  it("has the rule table and example output that the code generates (run `npm run readme` after a change)", async () => {
    const readme = await readFile("README.md", "utf8");
    expect(readme).toBe(fillSections(readme, await generatedSections()));
  });

  it("documents every npm script it tells people to run", async () => {
    const readme = await readFile("README.md", "utf8");
    for (const script of ["start", "test", "bench"]) {
      expect(readme).toContain(`npm ${script === "start" || script === "test" ? "" : "run "}${script}`);
      expect(pkg.scripts).toHaveProperty(script);
    }
    expect(readme).toContain("npm ci");
  });
});
