import { SECURITY_SEVERITY } from "../findings/finding.js";
import type { RuleMeta } from "../../rules/types.js";
import { codeBlock, escapePipes, inlineCode } from "./markdown-escape.js";

// The single source of every rule's documentation: SARIF `help`, `trustscan rules --format text|json|markdown`
// and the README's rule table are all rendered here from RuleMeta.docs, in one fixed shape.

export const RULE_HELP_HEADINGS = ["What it does", "Why it matters", "How to fix", "Example"] as const;

/** The example policy, pretty-printed when it is JSON so that every rule's example looks the same. */
function formatExample(example: string): string {
  const trimmed = example.trim();
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return trimmed;
  }
}

function sections(rule: RuleMeta): [string, string][] {
  const { whatItDoes, whyItMatters, howToFix } = rule.docs;
  return [
    [RULE_HELP_HEADINGS[0], whatItDoes.trim()],
    [RULE_HELP_HEADINGS[1], whyItMatters.trim()],
    [RULE_HELP_HEADINGS[2], howToFix.trim()],
  ];
}

/** Plain-text help (SARIF `help.text`, `trustscan rules <id>`). */
export function renderRuleHelpText(rule: RuleMeta): string {
  const body = sections(rule).map(([heading, text]) => `${heading}\n${text}`);
  const example = formatExample(rule.docs.example)
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
  return [...body, `${RULE_HELP_HEADINGS[3]}\n${example}`].join("\n\n");
}

/** Markdown help (SARIF `help.markdown`, docs): one `##` section per heading, the example as a JSON code block. */
export function renderRuleHelpMarkdown(rule: RuleMeta): string {
  const body = sections(rule).map(([heading, text]) => `## ${heading}\n\n${text}`);
  return [
    ...body,
    `## ${RULE_HELP_HEADINGS[3]}\n\n${codeBlock(formatExample(rule.docs.example), "json")}`,
  ].join("\n\n");
}

/** The README's rule table: id, name, default severity, short description. */
export function renderRuleTableMarkdown(rules: readonly RuleMeta[]): string {
  const rows = rules.map(
    (rule) =>
      `| ${inlineCode(rule.id)} | ${escapePipes(rule.name)} | ${rule.defaultSeverity} | ${escapePipes(rule.shortDescription)} |`,
  );
  return (
    ["| Rule | Name | Default severity | Description |", "| --- | --- | --- | --- |", ...rows].join("\n") +
    "\n"
  );
}

/** `trustscan rules --format markdown`: the table, then every rule's full help. */
export function renderRulesMarkdown(rules: readonly RuleMeta[]): string {
  const details = rules.map((rule) => {
    // Rule help uses `##`; nest it one level under the rule's own heading.
    const help = renderRuleHelpMarkdown(rule).replace(/^## /gm, "### ");
    return `## ${rule.id}\n\n**${rule.name}** · default severity ${rule.defaultSeverity}\n\n${rule.fullDescription.trim()}\n\n${help}`;
  });
  return ["# trustscan rules", renderRuleTableMarkdown(rules).trimEnd(), ...details].join("\n\n") + "\n";
}

/** `trustscan rules --format text`: one aligned line per rule. */
export function renderRulesText(rules: readonly RuleMeta[]): string {
  const idWidth = Math.max(2, ...rules.map((rule) => rule.id.length));
  const severityWidth = Math.max("SEVERITY".length, ...rules.map((rule) => rule.defaultSeverity.length));
  const line = (id: string, severity: string, text: string) =>
    `${id.padEnd(idWidth)}  ${severity.padEnd(severityWidth)}  ${text}`;
  return (
    [
      line("ID", "SEVERITY", "DESCRIPTION"),
      ...rules.map((r) => line(r.id, r.defaultSeverity, r.shortDescription)),
    ].join("\n") + "\n"
  );
}

/** `trustscan rules <id>`: the rule's header and full help text. */
export function renderRuleDetailsText(rule: RuleMeta): string {
  return `${rule.id} (${rule.name}), default severity ${rule.defaultSeverity}\n${rule.fullDescription.trim()}\n\n${renderRuleHelpText(rule)}\n`;
}

/** `trustscan rules --format json`: every field of every rule, in the rules' fixed order. */
export function renderRulesJson(rules: readonly RuleMeta[]): string {
  const document = {
    schemaVersion: 1,
    rules: rules.map((rule) => ({
      id: rule.id,
      name: rule.name,
      defaultSeverity: rule.defaultSeverity,
      securitySeverity: SECURITY_SEVERITY[rule.defaultSeverity],
      precision: rule.precision,
      tags: [...rule.tags],
      shortDescription: rule.shortDescription,
      fullDescription: rule.fullDescription,
      docs: {
        whatItDoes: rule.docs.whatItDoes,
        whyItMatters: rule.docs.whyItMatters,
        howToFix: rule.docs.howToFix,
        example: rule.docs.example,
      },
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
