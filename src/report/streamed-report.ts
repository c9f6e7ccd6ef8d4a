/**
 * A report written as it is made, from a scan's overview and its findings account by account: it never exists
 * whole in memory. Written to a staged file (write-output.ts) or a private temporary one, so that a report that
 * fails half-way (a GitHub limit, a location outside the repository) leaves nothing behind.
 */
import type { ScanOverview } from "../findings/scan-result.js";
import { reportPieces, type ReportFormat, type ReportOptions } from "./index.js";
import { writePieces, type AccountFindings } from "./pieces.js";
import { ReportFileWriter } from "./report-file-writer.js";
import { checkGzipSize } from "./sarif.js";
import type { ContentWriter } from "./staged-file.js";

/** Writes the report into an open file; throws (ReportLimitError, ReportPathError, …) when it cannot be made. */
export function reportContent(
  format: ReportFormat,
  overview: ScanOverview,
  accounts: AccountFindings,
  options: ReportOptions = {},
): ContentWriter {
  return async (handle) => {
    const pieces = reportPieces(format, overview, options);
    const writer = new ReportFileWriter(handle, { countGzip: format === "sarif" });
    await writePieces(pieces, accounts, (text) => writer.write(text));
    const gzipped = await writer.end();
    if (format === "sarif")
      checkGzipSize(gzipped, { ...(options.sarifLimits ? { limits: options.sarifLimits } : {}) });
  };
}
