import type { ReportingDescriptor } from "sarif";
import { SECURITY_SEVERITY } from "../findings/finding.js";
import type { Severity } from "../findings/finding.js";
import type { RuleMeta } from "../../rules/types.js";
import { renderRuleHelpMarkdown, renderRuleHelpText } from "./rule-help.js";

/** GitHub's limits on rule metadata (SARIF-GITHUB.md). */
const MAX_DESCRIPTION_CHARS = 1024;
const MAX_TAGS = 20;

export type SarifLevel = "error" | "warning" | "note";

export function sarifLevel(severity: Severity): SarifLevel {
  switch (severity) {
    case "critical":
    case "high":
      return "error";
    case "medium":
      return "warning";
    case "low":
      return "note";
  }
}

/** Cut at the limit (with an ellipsis) rather than write a rule GitHub refuses. */
function limitText(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length <= max ? trimmed : `${trimmed.slice(0, max - 1)}…`;
}

/** Tags with "security" always present (GitHub filters security alerts by it), no duplicates, at most 20. */
function sarifTags(tags: readonly string[]): string[] {
  return [...new Set(["security", ...tags])].slice(0, MAX_TAGS);
}

export function toSarifRule(rule: RuleMeta): ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: limitText(rule.shortDescription, MAX_DESCRIPTION_CHARS) },
    fullDescription: { text: limitText(rule.fullDescription, MAX_DESCRIPTION_CHARS) },
    help: { text: renderRuleHelpText(rule), markdown: renderRuleHelpMarkdown(rule) },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    properties: {
      tags: sarifTags(rule.tags),
      precision: rule.precision,
      "security-severity": SECURITY_SEVERITY[rule.defaultSeverity],
    },
  };
}
