/**
 * The README sections that are generated, not written: the rule table (from the rules' metadata) and the
 * example output (from scanning the bundled snapshot). `npm run readme` rewrites them; a test keeps them in sync.
 */
import { RULES } from "../rules/index.js";
import { scanSnapshot } from "../src/engine/scan.js";
import { renderReport, renderRuleTableMarkdown } from "../src/report/index.js";
import { readSnapshots } from "../src/snapshot/index.js";

export const EXAMPLE_SNAPSHOT = "snapshots/example-org";

export async function generatedSections(): Promise<Record<string, string>> {
  const snapshot = await readSnapshots([EXAMPLE_SNAPSHOT]);
  const result = { ...scanSnapshot(snapshot), sources: [EXAMPLE_SNAPSHOT] };
  return {
    rules: renderRuleTableMarkdown(RULES.map((r) => r.meta)).trimEnd(),
    "example-output": [
      "```text",
      "$ npm start",
      renderReport("text", result, { color: false }).trimEnd(),
      "```",
    ].join("\n"),
  };
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` for every section. */
export function fillSections(readme: string, sections: Record<string, string>): string {
  let out = readme;
  for (const [name, body] of Object.entries(sections)) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = out.indexOf(start);
    const to = out.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md has no ${start} … ${end} markers`);
    out = `${out.slice(0, from + start.length)}\n${body}\n${out.slice(to)}`;
  }
  return out;
}
