/**
 * Amazon SNS (service prefix `sns`): the actions that apply to each resource type trustscan reads, by access
 * level, transcribed from the Service Authorization Reference's "Actions defined by Amazon SNS" table (the
 * actions whose "Resource types" column names the type). List and Read are `read`; Write and Tagging are `write`;
 * Permissions management is `permissions` (docs/semantics.md#resource-types).
 */
import type { ServiceActions, ServiceReference } from "./service-actions.js";

export const SNS_SERVICE: ServiceReference = {
  prefix: "sns",
  source: {
    title: "Actions, resources, and condition keys for Amazon SNS - Service Authorization Reference",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsns.html",
  },
};

/** The sns actions that apply to a topic (resource type `topic`). */
export const SNS_TOPIC_ACTIONS: ServiceActions = {
  service: SNS_SERVICE,
  read: [
    "GetDataProtectionPolicy",
    "GetSubscriptionAttributes",
    "GetTopicAttributes",
    "ListSubscriptionsByTopic",
    "ListTagsForResource",
  ],
  write: [
    "ConfirmSubscription",
    "CreateTopic",
    "DeleteTopic",
    "Publish",
    "PutDataProtectionPolicy",
    "SetSubscriptionAttributes",
    "Subscribe",
    "TagResource",
    "Unsubscribe",
    "UntagResource",
  ],
  permissions: ["AddPermission", "RemovePermission", "SetTopicAttributes"],
};
