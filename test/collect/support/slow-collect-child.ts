/**
 * Child process for the interrupted-collection test: collects a simulated organization slowly enough to be
 * killed midway. Usage: node --import tsx slow-collect-child.ts <out>
 */
import { runCollect } from "../../../src/collect/run.js";
import { createFakeAws } from "./fake-aws.js";

const out = process.argv[2];
if (!out) throw new Error("usage: slow-collect-child.ts <out>");
const fake = createFakeAws(
  { members: 40, topLevelOus: 2, bucketsOf: () => 3, rolesPerAccount: 4, rolesPerPage: 2 },
  { latencyMs: 40, throttleRate: 0 },
);
process.exitCode = await runCollect(
  {
    out,
    organization: true,
    roleName: "OrganizationAccountAccessRole",
    concurrency: 2,
    callsPerAccount: 2,
    force: false,
    quiet: true,
  },
  { clients: fake.clients },
);
