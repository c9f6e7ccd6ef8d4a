import type { Result } from "sarif";
import { SECURITY_SEVERITY } from "../findings/finding.js";
import type { Finding } from "../findings/finding.js";
import { ReportInternalError } from "./errors.js";
import { sarifLevel } from "./sarif-rules.js";
import { labelledMessage, vendorsOf } from "./vendor-labels.js";

/** A sentence ends with a period; the finding's message is the alert title, the rest adds detail. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** First sentence: the finding's message (resource and outside party). Then what is granted and what holds. */
export function resultMessage(finding: Finding): string {
  const parts = [sentence(labelledMessage(finding))];
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

/** An archived finding is accepted by the user's archive rule: an external suppression with the rule's reason. */
export function archiveJustification(archived: NonNullable<Finding["archived"]>): string {
  const until = archived.expires ? ` until ${archived.expires}` : "";
  return `Archived by the trustscan archive rule ${archived.rule}${until}: ${archived.reason}`;
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
        ...(vendorsOf(finding).length > 0
          ? { vendors: vendorsOf(finding).map((v) => ({ accountId: v.accountId, name: v.label })) }
          : {}),
      },
      actions: [...finding.actions],
      conditions: [...finding.conditions],
      isPublic: finding.isPublic,
      active: finding.cancelledBy.length === 0,
      ...(finding.archived
        ? {
            archiveRule: finding.archived.rule,
            archiveReason: finding.archived.reason,
            ...(finding.archived.expires ? { archiveExpires: finding.archived.expires } : {}),
          }
        : {}),
      ...(finding.baseline?.state === "updated"
        ? { changedSinceBaseline: [...finding.baseline.changes] }
        : {}),
      statement: {
        kind: finding.source.kind,
        index: finding.source.index,
        ...(finding.source.sid !== undefined ? { sid: finding.source.sid } : {}),
      },
      "security-severity": SECURITY_SEVERITY[finding.severity],
    },
  };
  const suppressions: NonNullable<Result["suppressions"]> = [];
  if (finding.cancelledBy.length > 0) {
    suppressions.push({
      kind: "external",
      status: "accepted",
      justification: suppressionJustification(finding),
    });
  }
  if (finding.archived) {
    suppressions.push({
      kind: "external",
      status: "accepted",
      justification: archiveJustification(finding.archived),
    });
  }
  if (suppressions.length > 0) result.suppressions = suppressions;
  if (finding.baseline) result.baselineState = finding.baseline.state;
  return result;
}
