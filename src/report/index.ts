import type { ScanOverview, ScanResult } from "../findings/scan-result.js";
import { jsonReportPieces, renderJson } from "./json.js";
import { markdownReportPieces, renderMarkdown } from "./markdown.js";
import type { ReportPiece } from "./pieces.js";
import { renderSarif, sarifReportPieces } from "./sarif.js";
import type { SarifLimits } from "./sarif.js";
import { renderText, textReportPieces } from "./text.js";
import { writeOutputFile } from "./write-output.js";

export const REPORT_FORMATS = ["text", "json", "sarif", "markdown"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportOptions {
  /** SARIF: the repository root that locations are relative to; defaults to `cwd`. */
  repoRoot?: string;
  /** What relative snapshot paths are relative to; defaults to the process's working directory. */
  cwd?: string;
  /** Text: ANSI colours (the CLI passes true only on a TTY without NO_COLOR). */
  color?: boolean;
  /** SARIF: lower limits (tests); GitHub's by default. */
  sarifLimits?: Partial<SarifLimits>;
  /** Markdown: the summary's size limit in bytes (GitHub's job summary limit, less a margin, by default). */
  markdownMaxBytes?: number;
  /** SARIF: the category after `trustscan/` (default: the zone kind). */
  category?: string;
}

export function renderReport(format: ReportFormat, result: ScanResult, options: ReportOptions = {}): string {
  switch (format) {
    case "text":
      return renderText(result, { color: options.color ?? false });
    case "json":
      return renderJson(result);
    case "markdown":
      return renderMarkdown(
        result,
        options.markdownMaxBytes === undefined ? {} : { maxBytes: options.markdownMaxBytes },
      );
    case "sarif": {
      const cwd = options.cwd ?? process.cwd();
      return renderSarif(result, {
        repoRoot: options.repoRoot ?? cwd,
        cwd,
        ...(options.sarifLimits ? { limits: options.sarifLimits } : {}),
        ...(options.category !== undefined ? { category: options.category } : {}),
      });
    }
  }
}

/** A report's pieces (pieces.ts): what renderReport joins in memory and streamed-report.ts writes as it goes. */
export function reportPieces(
  format: ReportFormat,
  overview: ScanOverview,
  options: ReportOptions = {},
): ReportPiece[] {
  switch (format) {
    case "text":
      return textReportPieces(overview, { color: options.color ?? false });
    case "json":
      return jsonReportPieces(overview);
    case "markdown":
      return markdownReportPieces(
        overview,
        options.markdownMaxBytes === undefined ? {} : { maxBytes: options.markdownMaxBytes },
      );
    case "sarif": {
      const cwd = options.cwd ?? process.cwd();
      return sarifReportPieces(overview, {
        repoRoot: options.repoRoot ?? cwd,
        cwd,
        ...(options.sarifLimits ? { limits: options.sarifLimits } : {}),
        ...(options.category !== undefined ? { category: options.category } : {}),
      });
    }
  }
}

/**
 * Renders the whole report in memory first, then writes it (writeOutputFile): a report that fails to render
 * (a GitHub limit, a file outside the repository) leaves an existing output file untouched.
 */
export async function writeReport(
  target: string,
  format: ReportFormat,
  result: ScanResult,
  options: ReportOptions = {},
): Promise<void> {
  const content = renderReport(format, result, options);
  await writeOutputFile(target, content);
}

export { OutputError, ReportInternalError, ReportLimitError, ReportPathError } from "./errors.js";
export { FindingSpool } from "./finding-spool.js";
export { byAccount, renderPieces, writePieces } from "./pieces.js";
export type { AccountFindings, ReportPiece } from "./pieces.js";
export { reportContent } from "./streamed-report.js";
export { renderJson, toJsonReport, JSON_REPORT_SCHEMA_VERSION } from "./json.js";
export type { JsonReport } from "./json.js";
export { DEFAULT_MARKDOWN_MAX_BYTES, renderMarkdown } from "./markdown.js";
export {
  renderRuleDetailsText,
  renderRuleHelpMarkdown,
  renderRuleHelpText,
  renderRulesJson,
  renderRulesMarkdown,
  renderRulesText,
  renderRuleTableMarkdown,
} from "./rule-help.js";
export { automationId, GITHUB_SARIF_LIMITS, renderSarif, toSarifLog } from "./sarif.js";
export { renderSarifFiles, SARIF_SPLITS } from "./sarif-split.js";
export type { SarifFile, SarifSplit } from "./sarif-split.js";
export { sarifAccountContents } from "./streamed-sarif-split.js";
export type { SarifAccountContent } from "./streamed-sarif-split.js";
export { labelledMessage, vendorsOf } from "./vendor-labels.js";
export type { SarifLimits, SarifOptions } from "./sarif.js";
export { formatSummaryLine, isInputIncomplete, summarize } from "./summary.js";
export type { ReportSummary } from "./summary.js";
export { renderText } from "./text.js";
export { safeText } from "../text/safe-text.js";
export { prepareOutputFile, withTemporaryContent, writeOutputFile } from "./write-output.js";
export type { PreparedOutput } from "./write-output.js";
export type { ContentWriter } from "./staged-file.js";
