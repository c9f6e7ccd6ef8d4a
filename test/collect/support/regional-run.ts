import { onTestFinished } from "vitest";
import type { AccountFile } from "../../../src/collect/account.js";
import { collect, type CollectSettings } from "../../../src/collect/collect.js";
import { createStats, type CollectStats } from "../../../src/collect/stats.js";
import { DEV, MGMT, PROD } from "./mock-ids.js";
import type { RegionalScenario } from "./mock-regional.js";
import { mockScenario, TEST_RETRY, type MockedAws } from "./mock-scenario.js";

export type Json = Record<string, unknown>;

export interface RegionalRun {
  aws: MockedAws;
  files: Map<string, AccountFile>;
  stats: CollectStats;
  /** The regions the manifest lists. */
  regions: string[];
  file(account: string): AccountFile;
  /** `regions.<region>.<service>.<list>` of an account's file. */
  list(account: string, region: string, service: string, list: string): Json[];
}

/** Collects management, prod and dev of the mocked organization (in memory), as `collect` would write them. */
export async function collectRegional(
  scenario: RegionalScenario = {},
  settings: Partial<CollectSettings> = {},
  /** Changes the mocks before collecting. */
  prepare: (aws: MockedAws) => void = () => {},
): Promise<RegionalRun> {
  const aws = mockScenario({ regional: scenario });
  onTestFinished(() => aws.restore());
  prepare(aws);
  const stats = createStats();
  const files = new Map<string, AccountFile>();
  const outcome = await collect(
    {
      organization: false,
      accounts: [MGMT, PROD, DEV],
      roleName: "OrganizationAccountAccessRole",
      concurrency: 3,
      callsPerAccount: 3,
      retry: TEST_RETRY,
      ...settings,
    },
    aws.clients,
    stats,
    async (file) => {
      files.set(file.accountId, file);
    },
  );
  const file = (account: string) => {
    const found = files.get(account);
    if (!found) throw new Error(`no file for ${account}`);
    return found;
  };
  return {
    aws,
    files,
    stats,
    regions: [...outcome.regions].sort(),
    file,
    list(account, region, service, list) {
      const section = (file(account).regions?.[region] as Json | undefined)?.[service] as Json | undefined;
      const items = section?.[list];
      if (!Array.isArray(items)) throw new Error(`no ${service}.${list} in ${account} ${region}`);
      return items as Json[];
    },
  };
}
