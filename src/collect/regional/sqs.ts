import { GetQueueAttributesCommand, paginateListQueues } from "@aws-sdk/client-sqs";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import type { JsonObject } from "../normalize.js";
import { decodedPolicy, isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";

// The SDK names the error QueueDoesNotExist; over the query-compatible protocol its code is the legacy one.
const QUEUE_GONE = ["QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"];

/** The ARN of a queue, from its URL (`https://sqs.<region>.amazonaws.com/<account>/<name>`), for error records. */
function queueArn(target: RegionTarget, url: string): string {
  const name = url.split("/").pop() ?? url;
  return `arn:${target.partition}:sqs:${target.region}:${target.accountId}:${name}`;
}

/** Every SQS queue of the region with its ARN and its policy (GetQueueAttributes `QueueArn`, `Policy`). */
export async function collectSqs(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const sqs = clients.sqs();
  // ListQueues pages only when MaxResults is set (the paginator sets it from the page size).
  const pages = await readAllPages(
    scope,
    regionalSite(target, "sqs", "ListQueues"),
    paginateListQueues,
    sqs,
    {},
    1000,
  );
  if (!pages) return undefined;
  const urls = [...new Set(pages.flatMap((page) => page.QueueUrls ?? []))];
  const queues = await Promise.all(
    urls.map(async (url): Promise<JsonObject | undefined> => {
      const site = regionalSite(target, "sqs", "GetQueueAttributes", queueArn(target, url));
      const answer = await readResource(
        scope,
        site,
        (abortSignal) =>
          sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn", "Policy"] }), {
            abortSignal,
          }),
        { gone: QUEUE_GONE },
      );
      if (wasDeleted(scope, answer)) return undefined;
      const entry: JsonObject = { QueueUrl: url };
      if (isRead(answer)) {
        const attributes = answer.Attributes ?? {};
        if (attributes.QueueArn) entry.QueueArn = attributes.QueueArn;
        entry.Policy = decodedPolicy(scope, site, attributes.Policy);
      }
      return entry;
    }),
  );
  return {
    Queues: queues
      .filter((queue) => queue !== undefined)
      .sort((a, b) => compareText(String(a.QueueUrl), String(b.QueueUrl))),
  };
}
