import { describe, expect, it } from "vitest";
import {
  renderRuleDetailsText,
  renderRuleHelpMarkdown,
  renderRuleHelpText,
  renderRulesJson,
  renderRulesMarkdown,
  renderRulesText,
  renderRuleTableMarkdown,
} from "../../src/report/rule-help.js";
import { toSarifRule } from "../../src/report/sarif-rules.js";
import { ALL_RULES, EXTERNAL_ACCESS, PUBLIC_ACCESS } from "./fixtures/rules.js";

describe("rule help", () => {
  it("renders the text help in the fixed order with the example indented", () => {
    expect(renderRuleHelpText(PUBLIC_ACCESS)).toBe(
      [
        "What it does",
        PUBLIC_ACCESS.docs.whatItDoes,
        "",
        "Why it matters",
        PUBLIC_ACCESS.docs.whyItMatters,
        "",
        "How to fix",
        PUBLIC_ACCESS.docs.howToFix,
        "",
        "Example",
        "  {",
        '    "Version": "2012-10-17",',
        '    "Statement": [',
        "      {",
        '        "Effect": "Allow",',
        '        "Principal": "*",',
        '        "Action": "s3:GetObject",',
        '        "Resource": "arn:aws:s3:::b/*"',
        "      }",
        "    ]",
        "  }",
      ].join("\n"),
    );
  });

  it("renders the markdown help with headings and the example as a JSON code block", () => {
    const markdown = renderRuleHelpMarkdown(EXTERNAL_ACCESS);
    expect(
      markdown.startsWith(`## What it does\n\n${EXTERNAL_ACCESS.docs.whatItDoes}\n\n## Why it matters\n\n`),
    ).toBe(true);
    expect(markdown).toContain(
      `## How to fix\n\n${EXTERNAL_ACCESS.docs.howToFix}\n\n## Example\n\n\`\`\`json\n{\n`,
    );
    expect(markdown.endsWith('"Action": "sts:AssumeRole"\n    }\n  ]\n}\n```')).toBe(true);
  });

  it("keeps an example that is not JSON as written, and fences it so that it cannot close the block", () => {
    const rule = {
      ...PUBLIC_ACCESS,
      docs: { ...PUBLIC_ACCESS.docs, example: "not json\n```\nstill the example" },
    };
    expect(renderRuleHelpMarkdown(rule)).toContain("````json\nnot json\n```\nstill the example\n````");
  });

  it("is the help that SARIF carries", () => {
    const sarifRule = toSarifRule(PUBLIC_ACCESS);
    expect(sarifRule.help).toEqual({
      text: renderRuleHelpText(PUBLIC_ACCESS),
      markdown: renderRuleHelpMarkdown(PUBLIC_ACCESS),
    });
  });

  it("renders the README table: id, name, default severity, short description", () => {
    const withPipe = { ...EXTERNAL_ACCESS, shortDescription: "Grants to `a|b` accounts." };
    expect(renderRuleTableMarkdown([PUBLIC_ACCESS, withPipe])).toBe(
      [
        "| Rule | Name | Default severity | Description |",
        "| --- | --- | --- | --- |",
        "| `public-access` | PublicAccess | critical | A resource policy or ACL grants access to anyone. |",
        "| `external-access` | ExternalAccess | high | Grants to `a\\|b` accounts. |",
        "",
      ].join("\n"),
    );
  });

  it("lists the rules for `trustscan rules --format text` in aligned columns", () => {
    const lines = renderRulesText(ALL_RULES).trimEnd().split("\n");
    expect(lines).toHaveLength(ALL_RULES.length + 1);
    expect(lines[0]).toBe("ID                   SEVERITY  DESCRIPTION");
    expect(lines[1]).toBe("public-access        critical  A resource policy or ACL grants access to anyone.");
    expect(lines[3]).toBe(
      "missing-external-id  medium    A role that an outside account can assume does not require an external ID.",
    );
  });

  it("shows one rule in full for `trustscan rules <id>`", () => {
    const text = renderRuleDetailsText(EXTERNAL_ACCESS);
    expect(text.split("\n")[0]).toBe("external-access (ExternalAccess), default severity high");
    expect(text).toContain(`${EXTERNAL_ACCESS.fullDescription}\n\nWhat it does\n`);
  });

  it("gives every field of every rule as JSON", () => {
    const parsed = JSON.parse(renderRulesJson(ALL_RULES)) as {
      schemaVersion: number;
      rules: Record<string, unknown>[];
    };
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.rules.map((rule) => rule["id"])).toEqual(ALL_RULES.map((rule) => rule.id));
    expect(parsed.rules[0]).toEqual({
      id: "public-access",
      name: "PublicAccess",
      defaultSeverity: "critical",
      securitySeverity: "9.5",
      precision: "high",
      tags: ["security", "external/cwe/cwe-284"],
      shortDescription: PUBLIC_ACCESS.shortDescription,
      fullDescription: PUBLIC_ACCESS.fullDescription,
      docs: PUBLIC_ACCESS.docs,
    });
  });

  it("renders the markdown rule reference: the table, then each rule's help one level down", () => {
    const markdown = renderRulesMarkdown(ALL_RULES);
    expect(
      markdown.startsWith(`# trustscan rules\n\n${renderRuleTableMarkdown(ALL_RULES)}\n## public-access\n`),
    ).toBe(true);
    expect(markdown).toContain("## unscoped-federation\n\n**UnscopedFederation** · default severity high\n");
    expect(markdown.match(/^### What it does$/gm)).toHaveLength(ALL_RULES.length);
    expect(markdown).not.toMatch(/^## What it does/m);
  });
});
