/**
 * Hostile policies (issue 7): each is a one-bucket snapshot scanned by the built CLI in a child process, so the
 * figure is the whole process; a scan of a harmless one-statement policy is the baseline, measured in the same run.
 * Every case must end in well under a second: by the pattern automata, or by the work budget reporting the bucket
 * conservatively.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ACCOUNT = "111122223333";
const BUCKET = "victim";
const ARN = `arn:aws:s3:::${BUCKET}`;
const REPEATS = 5;

type Statement = Record<string, unknown>;

function denyAnyone(fields: Statement): Statement {
  return { Effect: "Deny", Principal: "*", ...fields };
}

function manyAllowsAndDenies(n: number): Statement[] {
  const statements: Statement[] = [];
  for (let i = 0; i < n; i++)
    statements.push({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${String(100000000000 + i)}:root` },
      Action: "s3:GetObject",
      Resource: `${ARN}/*`,
    });
  for (let i = 0; i < n; i++)
    statements.push(
      denyAnyone({
        Action: "s3:GetObject",
        Resource: `${ARN}/*`,
        Condition: { StringNotEquals: { "aws:PrincipalAccount": String(200000000000 + i) } },
      }),
    );
  return statements;
}

const CASES: { name: string; statements: Statement[] }[] = [
  {
    name: "baseline: one public read",
    statements: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*` }],
  },
  ...[8, 10, 16].map((stars) => ({
    name: `Deny victim/${"*a".repeat(stars)}*b vs a 4,000-character key`,
    statements: [
      { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/${"a".repeat(4000)}` },
      denyAnyone({ Action: "s3:GetObject", Resource: `${ARN}/${"*a".repeat(stars)}*b` }),
    ],
  })),
  {
    name: "Deny *a + 24 x ? over two patterns (inclusion search)",
    statements: [
      { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*a${"?".repeat(24)}` },
      denyAnyone({
        Action: "s3:GetObject",
        Resource: [`${ARN}/*b${"?".repeat(23)}*`, `${ARN}/*a${"?".repeat(12)}b*`],
      }),
    ],
  },
  ...[1000, 4000].map((n) => ({
    name: `${n} Allow + ${n} conditional Deny statements`,
    statements: manyAllowsAndDenies(n),
  })),
];

function writeSnapshot(dir: string, statements: Statement[]): void {
  mkdirSync(join(dir, "accounts"), { recursive: true });
  writeFileSync(
    join(dir, "snapshot.json"),
    JSON.stringify({
      format: "trustscan-snapshot",
      version: 1,
      collectedAt: "2026-11-30T00:00:00Z",
      accounts: [ACCOUNT],
      collector: { name: "bench", version: "0", regions: ["us-east-1"] },
      errors: [],
    }),
  );
  writeFileSync(
    join(dir, "accounts", `${ACCOUNT}.json`),
    JSON.stringify({
      accountId: ACCOUNT,
      iam: { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] },
      s3: {
        AccountPublicAccessBlock: null,
        Buckets: [
          {
            Name: BUCKET,
            Region: "us-east-1",
            Policy: { Version: "2012-10-17", Statement: statements },
            PublicAccessBlock: null,
            Acl: null,
          },
        ],
      },
      errors: [],
    }),
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export interface PathologicalFigure {
  name: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  exitCode: number | null;
  budgetExceeded: boolean;
}

export function benchPathological(): { figures: PathologicalFigure[]; lines: string[] } {
  const root = mkdtempSync(join(tmpdir(), "trustscan-bench-hostile-"));
  const figures: PathologicalFigure[] = [];
  try {
    for (const [i, c] of CASES.entries()) {
      const dir = join(root, String(i));
      writeSnapshot(dir, c.statements);
      const times: number[] = [];
      let last: ReturnType<typeof spawnSync> | undefined;
      for (let r = 0; r < REPEATS; r++) {
        const start = process.hrtime.bigint();
        last = spawnSync(
          process.execPath,
          ["dist/cli.js", "scan", dir, "--format", "json", "--fail-on", "none"],
          {
            encoding: "utf8",
            maxBuffer: 256 * 1024 * 1024,
          },
        );
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      figures.push({
        name: c.name,
        medianMs: median(times),
        minMs: Math.min(...times),
        maxMs: Math.max(...times),
        exitCode: last?.status ?? null,
        budgetExceeded: String(last?.stdout ?? "").includes("analysis-budget"),
      });
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  const baseline = figures[0]?.medianMs ?? 0;
  const lines = [
    `hostile policies: whole-process scan, median of ${REPEATS} (min–max), and over the baseline`,
    ...figures.map(
      (f) =>
        `  ${f.name.padEnd(58)} ${f.medianMs.toFixed(0).padStart(6)} ms (${f.minMs.toFixed(0)}–${f.maxMs.toFixed(0)})  +${(f.medianMs - baseline).toFixed(0)} ms${f.budgetExceeded ? "  [budget exceeded: reported conservatively]" : ""}`,
    ),
  ];
  return { figures, lines };
}
