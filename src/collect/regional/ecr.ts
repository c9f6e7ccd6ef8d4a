import { GetRepositoryPolicyCommand, paginateDescribeRepositories } from "@aws-sdk/client-ecr";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import { normalizeApiObject, type JsonObject } from "../normalize.js";
import { decodedPolicy, isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";

const NO_POLICY = ["RepositoryPolicyNotFoundException"];
const REPOSITORY_GONE = ["RepositoryNotFoundException"];

/** Every ECR repository of the account's registry in the region, with its repository policy. */
export async function collectEcr(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const ecr = clients.ecr();
  const pages = await readAllPages(
    scope,
    regionalSite(target, "ecr", "DescribeRepositories"),
    paginateDescribeRepositories,
    ecr,
    {},
    1000,
  );
  if (!pages) return undefined;
  const listed = pages
    .flatMap((page) => page.repositories ?? [])
    .filter((repository) => repository.repositoryArn && repository.repositoryName);
  const repositories = await Promise.all(
    listed.map(async (repository): Promise<JsonObject | undefined> => {
      const site = regionalSite(target, "ecr", "GetRepositoryPolicy", repository.repositoryArn);
      const answer = await readResource(
        scope,
        site,
        (abortSignal) =>
          ecr.send(
            new GetRepositoryPolicyCommand({
              repositoryName: repository.repositoryName,
              ...(repository.registryId ? { registryId: repository.registryId } : {}),
            }),
            { abortSignal },
          ),
        { absent: NO_POLICY, gone: REPOSITORY_GONE },
      );
      if (wasDeleted(scope, answer)) return undefined;
      const entry = normalizeApiObject(repository);
      if (answer !== undefined)
        entry.Policy = decodedPolicy(scope, site, isRead(answer) ? answer.policyText : null);
      return entry;
    }),
  );
  return {
    Repositories: repositories
      .filter((repository) => repository !== undefined)
      .sort((a, b) => compareText(String(a.repositoryArn), String(b.repositoryArn))),
  };
}
