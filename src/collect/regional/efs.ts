import { DescribeFileSystemPolicyCommand, paginateDescribeFileSystems } from "@aws-sdk/client-efs";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import type { JsonObject } from "../normalize.js";
import { decodedPolicy, isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";

const NO_POLICY = ["PolicyNotFound"];
const FILE_SYSTEM_GONE = ["FileSystemNotFound"];

/**
 * Every EFS file system of the region with its file system policy. Of each file system's description only what
 * names it is kept: its size and counters change from one collection to the next.
 */
export async function collectEfs(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const efs = clients.efs();
  const pages = await readAllPages(
    scope,
    regionalSite(target, "efs", "DescribeFileSystems"),
    paginateDescribeFileSystems,
    efs,
    {},
    100,
  );
  if (!pages) return undefined;
  const listed = pages.flatMap((page) => page.FileSystems ?? []).filter((fs) => fs.FileSystemId);
  const fileSystems = await Promise.all(
    listed.map(async (fs): Promise<JsonObject | undefined> => {
      const id = fs.FileSystemId as string;
      const site = regionalSite(target, "efs", "DescribeFileSystemPolicy", fs.FileSystemArn ?? id);
      const answer = await readResource(
        scope,
        site,
        (abortSignal) => efs.send(new DescribeFileSystemPolicyCommand({ FileSystemId: id }), { abortSignal }),
        { absent: NO_POLICY, gone: FILE_SYSTEM_GONE },
      );
      if (wasDeleted(scope, answer)) return undefined;
      const entry: JsonObject = {
        FileSystemId: id,
        ...(fs.FileSystemArn ? { FileSystemArn: fs.FileSystemArn } : {}),
        ...(fs.Name ? { Name: fs.Name } : {}),
        ...(fs.OwnerId ? { OwnerId: fs.OwnerId } : {}),
      };
      if (answer !== undefined)
        entry.Policy = decodedPolicy(scope, site, isRead(answer) ? answer.Policy : null);
      return entry;
    }),
  );
  return {
    FileSystems: fileSystems
      .filter((fs) => fs !== undefined)
      .sort((a, b) =>
        compareText(String(a.FileSystemArn ?? a.FileSystemId), String(b.FileSystemArn ?? b.FileSystemId)),
      ),
  };
}
