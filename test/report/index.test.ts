import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Log } from "sarif";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ReportLimitError, renderReport, REPORT_FORMATS, writeReport } from "../../src/report/index.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderText } from "../../src/report/text.js";
import { ACCOUNT_A_FILE, REPO_ROOT, sampleScanResult } from "./fixtures/scan-results.js";

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "trustscan-report-"));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("renderReport", () => {
  it("offers the four formats", () => {
    expect(REPORT_FORMATS).toEqual(["text", "json", "sarif", "markdown"]);
  });

  it("renders each format with its renderer", () => {
    const result = sampleScanResult();
    expect(renderReport("text", result)).toBe(renderText(result));
    expect(renderReport("text", result, { color: true })).toBe(renderText(result, { color: true }));
    expect(renderReport("json", result)).toBe(renderJson(result));
    expect(renderReport("markdown", result, { markdownMaxBytes: 1500 })).toBe(
      renderMarkdown(result, { maxBytes: 1500 }),
    );
    expect(renderMarkdown(result, { maxBytes: 1500 })).not.toBe(renderMarkdown(result));
  });

  it("writes SARIF relative to the working directory when no repository root is given", () => {
    const log = JSON.parse(renderReport("sarif", sampleScanResult(), { cwd: REPO_ROOT })) as Log;
    const uri = log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
    expect(uri).toBe(ACCOUNT_A_FILE);
  });

  it("passes SARIF limits through", () => {
    expect(() =>
      renderReport("sarif", sampleScanResult(), { cwd: REPO_ROOT, sarifLimits: { maxResults: 5 } }),
    ).toThrow(ReportLimitError);
  });
});

describe("writeReport", () => {
  it("writes the rendered report", async () => {
    const target = path.join(dir, "report.json");
    await writeReport(target, "json", sampleScanResult());
    expect(await readFile(target, "utf8")).toBe(renderJson(sampleScanResult()));
  });

  it("leaves an existing file untouched, and no other file, when rendering fails", async () => {
    const target = path.join(dir, "report.sarif");
    await writeFile(target, "last good report\n");
    await expect(
      writeReport(target, "sarif", sampleScanResult(), {
        cwd: REPO_ROOT,
        sarifLimits: { maxGzipBytes: 100 },
      }),
    ).rejects.toThrow(ReportLimitError);
    expect(await readFile(target, "utf8")).toBe("last good report\n");
    expect(await readdir(dir)).toEqual(["report.sarif"]);
  });

  it("creates no file when rendering fails and there was none", async () => {
    const target = path.join(dir, "report.sarif");
    await expect(
      writeReport(target, "sarif", sampleScanResult(), { cwd: REPO_ROOT, repoRoot: dir }),
    ).rejects.toThrow(/outside the repository root/);
    expect(await readdir(dir)).toEqual([]);
  });
});
