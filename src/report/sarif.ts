import { gzipSync } from "node:zlib";
import type { Log, Result } from "sarif";
import type { ScanResult } from "../findings/scan-result.js";
import { ReportInternalError, ReportLimitError } from "./errors.js";
import { sortFindings } from "./order.js";
import { sortCollectionErrors, sortReadProblems } from "./problems.js";
import {
  archiveRuleNotifications,
  collectionErrorNotification,
  readProblemNotification,
} from "./sarif-notifications.js";
import { repoRelativeUri } from "./sarif-paths.js";
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

function limitsOf(options: SarifOptions): SarifLimits {
  return { ...GITHUB_SARIF_LIMITS, ...options.limits };
}

function ruleIndexes(result: ScanResult): Map<string, number> {
  const indexes = new Map<string, number>();
  result.rules.forEach((rule, index) => {
    if (indexes.has(rule.id))
      throw new ReportInternalError(`Rule ${rule.id} is listed twice in the scan result`);
    indexes.set(rule.id, index);
  });
  return indexes;
}

/** Two results with one (ruleId, fingerprint) would collapse into one GitHub alert; the engine rules it out. */
function checkFingerprintsUnique(results: Result[]): void {
  const seen = new Set<string>();
  for (const result of results) {
    const fingerprint = result.partialFingerprints?.["primaryLocationLineHash"] ?? "";
    if (fingerprint === "") throw new ReportInternalError(`A ${result.ruleId} finding has no fingerprint`);
    const key = `${result.ruleId}\u0000${fingerprint}`;
    if (seen.has(key)) {
      throw new ReportInternalError(`Two ${result.ruleId} findings share the fingerprint ${fingerprint}`);
    }
    seen.add(key);
  }
}

/**
 * The scan as one SARIF 2.1.0 run that GitHub code scanning accepts. Deterministic: no timestamps, sorted
 * results, keys in a fixed order, so the same scan result always gives the same bytes.
 */
export function toSarifLog(result: ScanResult, options: SarifOptions): Log {
  const limits = limitsOf(options);
  if (result.findings.length > limits.maxResults) {
    throw new ReportLimitError(
      `${result.findings.length} findings exceed GitHub code scanning's limit of ${limits.maxResults} results ` +
        `per SARIF run; no SARIF file was written. Split it per account (--sarif-split account), scan fewer ` +
        `accounts at a time, or fix the most widespread findings first.`,
    );
  }
  const cwd = options.cwd ?? process.cwd();
  const indexes = ruleIndexes(result);

  const results = sortFindings(result.findings).map((finding) => {
    const ruleIndex = indexes.get(finding.ruleId);
    if (ruleIndex === undefined) {
      throw new ReportInternalError(
        `Finding of rule ${finding.ruleId} but the rule is not in the scan result`,
      );
    }
    return toSarifResult(
      finding,
      ruleIndex,
      repoRelativeUri(finding.source.location.file, options.repoRoot, cwd),
    );
  });
  checkFingerprintsUnique(results);

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            semanticVersion: result.tool.version,
            informationUri: result.tool.informationUri,
            rules: result.rules.map(toSarifRule),
          },
        },
        // The part before the last "/" is GitHub's category: uploads for the same category replace each other.
        // The upload action's own `category` input does not override it.
        automationDetails: { id: automationId(result, options.category) },
        invocations: [
          {
            // SARIF's signal that the results cannot be taken as complete: some input was not scanned
            // (the notifications below say what), and `scan` exits 3 for it unless --allow-incomplete.
            executionSuccessful: !isInputIncomplete(result),
            toolExecutionNotifications: [
              ...sortReadProblems(result.readProblems).map((problem) =>
                readProblemNotification(problem, options.repoRoot, cwd),
              ),
              ...sortCollectionErrors(result.collectionErrors).map(collectionErrorNotification),
              ...archiveRuleNotifications(result),
            ],
          },
        ],
        results,
      },
    ],
  };
}

/** The SARIF file's text: 2-space indent, trailing newline; throws ReportLimitError past GitHub's size limit. */
export function renderSarif(result: ScanResult, options: SarifOptions): string {
  const text = `${JSON.stringify(toSarifLog(result, options), null, 2)}\n`;
  const { maxGzipBytes } = limitsOf(options);
  const gzipped = gzipSync(Buffer.from(text, "utf8")).length;
  if (gzipped > maxGzipBytes) {
    throw new ReportLimitError(
      `The SARIF file would be ${gzipped} bytes gzipped, over GitHub code scanning's upload limit of ` +
        `${maxGzipBytes} bytes; no SARIF file was written. Split it per account (--sarif-split account), or scan ` +
        `fewer accounts at a time.`,
    );
  }
  return text;
}
