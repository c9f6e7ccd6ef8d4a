import { confusedDeputy } from "./confused-deputy.js";
import { externalAccess } from "./external-access.js";
import { missingExternalId } from "./missing-external-id.js";
import { publicAccess } from "./public-access.js";
import type { Rule } from "./types.js";
import { unscopedFederation } from "./unscoped-federation.js";

/** Every rule, in the fixed order of the SARIF `rules` array and the README table. */
export const RULES: readonly Rule[] = [
  publicAccess,
  externalAccess,
  missingExternalId,
  confusedDeputy,
  unscopedFederation,
];
