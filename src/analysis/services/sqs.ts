/**
 * Amazon SQS (service prefix `sqs`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by Amazon SQS" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const SQS_SERVICE: ServiceReference = {
  prefix: "sqs",
  source: {
    title: "Actions, resources, and condition keys for Amazon SQS - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html",
  },
};

/** The sqs actions that apply to a queue (resource type `queue`). */
export const SQS_QUEUE_ACTIONS: ServiceActions = {
  service: SQS_SERVICE,
  read: [
    "GetQueueAttributes",
    "GetQueueUrl",
    "ListDeadLetterSourceQueues",
    "ListMessageMoveTasks",
    "ListQueueTags",
    "ReceiveMessage",
  ],
  write: [
    "CancelMessageMoveTask",
    "ChangeMessageVisibility",
    "CreateQueue",
    "DeleteMessage",
    "DeleteQueue",
    "PurgeQueue",
    "SendMessage",
    "StartMessageMoveTask",
    "TagQueue",
    "UntagQueue",
  ],
  permissions: ["AddPermission", "RemovePermission", "SetQueueAttributes"],
};
