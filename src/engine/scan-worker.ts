/**
 * A worker thread of the streaming scan (scan-workers.ts): scans the account files it is given, one task at a
 * time, and sends back each outcome with its findings already written as JSON (the spool's line).
 */
import { parentPort, workerData } from "node:worker_threads";
import { RULES } from "../../rules/index.js";
import { openSnapshotDirectory } from "../snapshot/index.js";
import { scanAccountFile } from "./account-file-scan.js";
import { CrossAccountIndex } from "./cross-account-index.js";
import { zoneFor } from "./scan.js";
import type { ScanWorkerSetup, ScanWorkerTask, ScanWorkerReply } from "./scan-workers.js";

const setup = workerData as ScanWorkerSetup;
const organization = setup.organizationDirectory
  ? (await openSnapshotDirectory(setup.organizationDirectory)).organization
  : undefined;
const index = CrossAccountIndex.fromTransfer(setup.accounts, setup.candidates);
const context = {
  zone: zoneFor(organization ? { organization } : {}, {
    zone: setup.zone,
    trustedAccounts: setup.trustedAccounts,
  }),
  index,
  rules: RULES,
  budgetLimit: setup.budgetLimit,
};
const port = parentPort;
if (!port) throw new Error("scan-worker.ts runs as a worker thread");

port.on("message", (task: ScanWorkerTask) => {
  const unit = setup.accounts[task.position];
  if (unit?.kind !== "file") throw new Error(`no account file at position ${task.position}`);
  scanAccountFile({ ...unit, position: task.position }, index, context, organization).then(
    ({ findings, ...outcome }) => {
      const reply: ScanWorkerReply = {
        sequence: task.sequence,
        outcome: { ...outcome, findingsJson: findings.length > 0 ? JSON.stringify(findings) : "" },
      };
      port.postMessage(reply);
    },
    (error: unknown) => {
      port.postMessage({
        sequence: task.sequence,
        error: error instanceof Error ? error.stack : String(error),
      });
    },
  );
});
