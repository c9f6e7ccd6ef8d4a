import type { Result } from "sarif";
import { SECURITY_SEVERITY } from "../findings/finding.js";
import type { Finding } from "../findings/finding.js";
import { ReportInternalError } from "./errors.js";
import { sarifLevel } from "./sarif-rules.js";

/** A sentence ends with a period; the finding's message is the alert title, the rest adds detail. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** First sentence: the finding's message (resource and outside party). Then what is granted and what holds. */
export function resultMessage(finding: Finding): string {
  const parts = [sentence(finding.message)];
  if (finding.actions.length > 0) parts.push(`Actions: ${finding.actions.join(", ")}.`);
  if (finding.conditions.length > 0)
    parts.push(`Conditions that still apply: ${finding.conditions.join("; ")}.`);
  if (finding.cancelledBy.length > 0)
    parts.push(`Cancelled by ${finding.cancelledBy.map((c) => c.name).join("; ")}.`);
  return parts.join(" ");
}

export function suppressionJustification(finding: Finding): string {
  return `Access is cancelled by ${finding.cancelledBy.map((c) => `${c.name} (${c.justification})`).join("; ")}.`;
}

function checkRegion(finding: Finding): void {
  const { startLine, startColumn, endLine, endColumn } = finding.source.location;
  const valid =
    [startLine, startColumn, endLine, endColumn].every((n) => Number.isInteger(n) && n >= 1) &&
    (endLine > startLine || (endLine === startLine && endColumn >= startColumn));
  if (!valid) {
    throw new ReportInternalError(
      `Finding ${finding.fingerprint} (${finding.ruleId}, ${finding.resource.arn}) has an invalid location ` +
        `${startLine}:${startColumn}-${endLine}:${endColumn}`,
    );
  }
}

export function toSarifResult(finding: Finding, ruleIndex: number, uri: string): Result {
  checkRegion(finding);
  const { startLine, startColumn, endLine, endColumn } = finding.source.location;
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex,
    level: sarifLevel(finding.severity),
    message: { text: resultMessage(finding) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine, startColumn, endLine, endColumn },
        },
        logicalLocations: [{ fullyQualifiedName: finding.resource.arn, kind: "resource" }],
      },
    ],
    partialFingerprints: { primaryLocationLineHash: finding.fingerprint },
    properties: {
      resourceArn: finding.resource.arn,
      resourceType: finding.resource.type,
      resourceName: finding.resource.name,
      accountId: finding.resource.accountId,
      principal: {
        written: finding.principal.written,
        judged: finding.principal.judged,
        ...(finding.principal.accounts ? { accounts: [...finding.principal.accounts] } : {}),
      },
      actions: [...finding.actions],
      conditions: [...finding.conditions],
      isPublic: finding.isPublic,
      statement: {
        kind: finding.source.kind,
        index: finding.source.index,
        ...(finding.source.sid !== undefined ? { sid: finding.source.sid } : {}),
      },
      "security-severity": SECURITY_SEVERITY[finding.severity],
    },
  };
  if (finding.cancelledBy.length > 0) {
    result.suppressions = [
      { kind: "external", status: "accepted", justification: suppressionJustification(finding) },
    ];
  }
  return result;
}
