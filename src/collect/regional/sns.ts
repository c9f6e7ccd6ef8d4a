import { GetTopicAttributesCommand, paginateListTopics } from "@aws-sdk/client-sns";
import type { CallScope } from "../calls.js";
import { compareText } from "../errors.js";
import type { JsonObject } from "../normalize.js";
import { decodedPolicy, isRead, readAllPages, readResource, regionalSite, wasDeleted } from "./read.js";
import type { RegionalClients, RegionTarget } from "./regional-clients.js";

// The SDK names the error NotFoundException; its wire code is NotFound.
const TOPIC_GONE = ["NotFound", "NotFoundException"];

/** Every SNS topic of the region with its access policy (GetTopicAttributes `Policy`). */
export async function collectSns(
  scope: CallScope,
  clients: RegionalClients,
  target: RegionTarget,
): Promise<JsonObject | undefined> {
  const sns = clients.sns();
  const pages = await readAllPages(
    scope,
    regionalSite(target, "sns", "ListTopics"),
    paginateListTopics,
    sns,
    {},
  );
  if (!pages) return undefined;
  const arns = [
    ...new Set(pages.flatMap((page) => (page.Topics ?? []).flatMap((t) => (t.TopicArn ? [t.TopicArn] : [])))),
  ];
  const topics = await Promise.all(
    arns.map(async (arn): Promise<JsonObject | undefined> => {
      const site = regionalSite(target, "sns", "GetTopicAttributes", arn);
      const answer = await readResource(
        scope,
        site,
        (abortSignal) => sns.send(new GetTopicAttributesCommand({ TopicArn: arn }), { abortSignal }),
        { gone: TOPIC_GONE },
      );
      if (wasDeleted(scope, answer)) return undefined;
      const entry: JsonObject = { TopicArn: arn };
      if (isRead(answer)) entry.Policy = decodedPolicy(scope, site, answer.Attributes?.Policy);
      return entry;
    }),
  );
  return {
    Topics: topics
      .filter((topic) => topic !== undefined)
      .sort((a, b) => compareText(String(a.TopicArn), String(b.TopicArn))),
  };
}
