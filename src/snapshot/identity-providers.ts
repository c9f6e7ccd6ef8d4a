import type { OidcProvider, SamlProvider } from "../model/snapshot.js";
import type { JsonNode } from "./json-node.js";

/** One entry of `iam.OpenIDConnectProviders` (GetOpenIDConnectProvider plus its Arn). */
export function readOidcProvider(node: JsonNode): OidcProvider {
  const provider = node.object("an OpenID Connect provider object");
  return {
    arn: provider.requireString("Arn"),
    url: provider.requireString("Url"),
    clientIds: provider.get("ClientIDList")?.stringList("an array of strings") ?? [],
  };
}

/** One entry of `iam.SAMLProviders` (ListSAMLProviders). */
export function readSamlProvider(node: JsonNode): SamlProvider {
  return { arn: node.object("a SAML provider object").requireString("Arn") };
}
