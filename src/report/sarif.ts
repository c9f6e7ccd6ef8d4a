import { gzipSync } from "node:zlib";
import type { Log, Result } from "sarif";
import type { Finding } from "../findings/finding.js";
import { overviewOf, type ScanOverview, type ScanResult } from "../findings/scan-result.js";
import { ReportInternalError, ReportLimitError } from "./errors.js";
import { sortFindings } from "./order.js";
import { sortCollectionErrors, sortReadProblems } from "./problems.js";
import {
  archiveRuleNotifications,
  collectionErrorNotification,
  readProblemNotification,
} from "./sarif-notifications.js";
import { repoRelativeUri } from "./sarif-paths.js";
import { elementsAtDepth, PLACEHOLDER, splitAt } from "./json-text.js";
import { renderPieces, type ReportPiece } from "./pieces.js";
import { isInputIncomplete } from "./summary.js";
import { toSarifResult } from "./sarif-results.js";
import { toSarifRule } from "./sarif-rules.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** GitHub code scanning refuses the whole file past these (SARIF-GITHUB.md). */
export interface SarifLimits {
  maxResults: number;
  /** Size of the gzipped file; 10 MB in decimal units, the stricter reading of GitHub's limit. */
  maxGzipBytes: number;
}

export const GITHUB_SARIF_LIMITS: SarifLimits = { maxResults: 25_000, maxGzipBytes: 10 * 1000 * 1000 };

export interface SarifOptions {
  /** The repository that GitHub analyses; locations are written relative to it. */
  repoRoot: string;
  /** What relative snapshot paths are relative to; defaults to the process's working directory. */
  cwd?: string;
  /** Tests lower these; the CLI uses GitHub's. */
  limits?: Partial<SarifLimits>;
  /** The category after `trustscan/` (default: the zone kind); GitHub keeps one analysis per category. */
  category?: string;
}

/** `trustscan/organization/`: the part before the last `/` is GitHub's category (SARIF-GITHUB.md). */
export function automationId(result: Pick<ScanResult, "zone">, category?: string): string {
  return `trustscan/${category ?? result.zone.kind}/`;
}

function limitsOf(options: Pick<SarifOptions, "limits">): SarifLimits {
  return { ...GITHUB_SARIF_LIMITS, ...options.limits };
}

function ruleIndexes(result: Pick<ScanResult, "rules">): Map<string, number> {
  const indexes = new Map<string, number>();
  result.rules.forEach((rule, index) => {
    if (indexes.has(rule.id))
      throw new ReportInternalError(`Rule ${rule.id} is listed twice in the scan result`);
    indexes.set(rule.id, index);
  });
  return indexes;
}

/** Two results with one (ruleId, fingerprint) would collapse into one GitHub alert; the engine rules it out. */
class FingerprintCheck {
  private readonly seen = new Set<string>();

  check(result: Result): void {
    const fingerprint = result.partialFingerprints?.["primaryLocationLineHash"] ?? "";
    if (fingerprint === "") throw new ReportInternalError(`A ${result.ruleId} finding has no fingerprint`);
    const key = `${result.ruleId}\u0000${fingerprint}`;
    if (this.seen.has(key)) {
      throw new ReportInternalError(`Two ${result.ruleId} findings share the fingerprint ${fingerprint}`);
    }
    this.seen.add(key);
  }
}

function checkResultCount(count: number, limits: SarifLimits): void {
  if (count > limits.maxResults) {
    throw new ReportLimitError(
      `${count} findings exceed GitHub code scanning's limit of ${limits.maxResults} results ` +
        `per SARIF run; no SARIF file was written. Split it per account (--sarif-split account), scan fewer ` +
        `accounts at a time, or fix the most widespread findings first.`,
    );
  }
}

/** The run's parts: the log without its results, and what turns a finding into a result. */
function sarifParts(overview: ScanOverview, options: SarifOptions) {
  const cwd = options.cwd ?? process.cwd();
  const indexes = ruleIndexes(overview);
  const uris = new Map<string, string>();
  const resultOf = (finding: Finding): Result => {
    const ruleIndex = indexes.get(finding.ruleId);
    if (ruleIndex === undefined) {
      throw new ReportInternalError(
        `Finding of rule ${finding.ruleId} but the rule is not in the scan result`,
      );
    }
    const file = finding.source.location.file;
    let uri = uris.get(file);
    if (uri === undefined) {
      uri = repoRelativeUri(file, options.repoRoot, cwd);
      uris.set(file, uri);
    }
    return toSarifResult(finding, ruleIndex, uri);
  };
  const log = <R>(results: R) => ({
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0" as const,
    runs: [
      {
        tool: {
          driver: {
            name: overview.tool.name,
            semanticVersion: overview.tool.version,
            informationUri: overview.tool.informationUri,
            rules: overview.rules.map(toSarifRule),
          },
        },
        // The part before the last "/" is GitHub's category: uploads for the same category replace each other.
        // The upload action's own `category` input does not override it.
        automationDetails: { id: automationId(overview, options.category) },
        invocations: [
          {
            // SARIF's signal that the results cannot be taken as complete: some input was not scanned
            // (the notifications below say what), and `scan` exits 3 for it unless --allow-incomplete.
            executionSuccessful: !isInputIncomplete(overview),
            toolExecutionNotifications: [
              ...sortReadProblems(overview.readProblems).map((problem) =>
                readProblemNotification(problem, options.repoRoot, cwd),
              ),
              ...sortCollectionErrors(overview.collectionErrors).map(collectionErrorNotification),
              ...archiveRuleNotifications(overview),
            ],
          },
        ],
        results,
      },
    ],
  });
  return { resultOf, log };
}

/**
 * The scan as one SARIF 2.1.0 run that GitHub code scanning accepts. Deterministic: no timestamps, sorted
 * results, keys in a fixed order, so the same scan result always gives the same bytes.
 */
export function toSarifLog(result: ScanResult, options: SarifOptions): Log {
  checkResultCount(result.findings.length, limitsOf(options));
  const { resultOf, log } = sarifParts(overviewOf(result), options);
  const results = sortFindings(result.findings).map(resultOf);
  const fingerprints = new FingerprintCheck();
  for (const sarifResult of results) fingerprints.check(sarifResult);
  return log(results) as Log;
}

/**
 * The SARIF file's pieces: the log as JSON.stringify(toSarifLog(…), null, 2) writes it, with the results written
 * account by account. Throws ReportLimitError past GitHub's result limit before writing anything; the size limit
 * is checked on the whole text (renderSarif, streamed-report.ts).
 */
export function sarifReportPieces(overview: ScanOverview, options: SarifOptions): ReportPiece[] {
  checkResultCount(overview.counts.total, limitsOf(options));
  const { resultOf, log } = sarifParts(overview, options);
  const [before, after] = splitAt(
    JSON.stringify(log(PLACEHOLDER), null, 2),
    `\n      "results": ${JSON.stringify(PLACEHOLDER)}`,
  );
  const opening = `${before}\n      "results": `;
  if (overview.counts.total === 0) return [`${opening}[]${after}\n`];
  const fingerprints = new FingerprintCheck();
  let separator = "[\n";
  return [
    opening,
    {
      eachAccount: (findings) => {
        if (findings.length === 0) return "";
        const results = findings.map((finding) => {
          const sarifResult = resultOf(finding);
          fingerprints.check(sarifResult);
          return sarifResult;
        });
        const text = separator + elementsAtDepth(results, 4);
        separator = ",\n";
        return text;
      },
    },
    `\n      ]${after}\n`,
  ];
}

/** The SARIF file's text: 2-space indent, trailing newline; throws ReportLimitError past GitHub's size limit. */
export function renderSarif(result: ScanResult, options: SarifOptions): string {
  const text = renderPieces(sarifReportPieces(overviewOf(result), options), sortFindings(result.findings));
  checkGzipSize(gzipSync(Buffer.from(text, "utf8")).length, options);
  return text;
}

/** Throws ReportLimitError when the gzipped SARIF file is over GitHub's upload limit. */
export function checkGzipSize(gzipped: number, options: Pick<SarifOptions, "limits">): void {
  const { maxGzipBytes } = limitsOf(options);
  if (gzipped > maxGzipBytes) {
    throw new ReportLimitError(
      `The SARIF file would be ${gzipped} bytes gzipped, over GitHub code scanning's upload limit of ` +
        `${maxGzipBytes} bytes; no SARIF file was written. Split it per account (--sarif-split account), or scan ` +
        `fewer accounts at a time.`,
    );
  }
}
