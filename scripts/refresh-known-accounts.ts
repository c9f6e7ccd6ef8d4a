// Refreshes data/known-aws-accounts from fwdcloudsec/known_aws_accounts at a given commit:
//   npm run refresh-known-accounts -- --commit <40-hex sha>
// Downloads accounts.yaml and schema.json, validates the list against the schema, writes them with the derived
// known-accounts.json, and updates the sha256 table of ATTRIBUTION.md. Review the diff, then commit.
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { deriveKnownAccounts, renderKnownAccounts } from "../src/vendors/derive.js";

const REPOSITORY = "fwdcloudsec/known_aws_accounts";
const DIRECTORY = "data/known-aws-accounts";

const { values } = parseArgs({ options: { commit: { type: "string" } } });
const commit = values.commit ?? "";
if (!/^[0-9a-f]{40}$/.test(commit)) {
  console.error("usage: npm run refresh-known-accounts -- --commit <40-hex commit of " + REPOSITORY + ">");
  process.exit(2);
}

async function download(file: string): Promise<string> {
  const url = `https://raw.githubusercontent.com/${REPOSITORY}/${commit}/${file}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

const [accountsYaml, schemaJson] = await Promise.all([download("accounts.yaml"), download("schema.json")]);
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validate = ajv.compile(JSON.parse(schemaJson) as object);
if (!validate(parse(accountsYaml))) {
  console.error(`accounts.yaml at ${commit} does not follow its schema:`, validate.errors);
  process.exit(1);
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
await writeFile(`${DIRECTORY}/accounts.yaml`, accountsYaml);
await writeFile(`${DIRECTORY}/schema.json`, schemaJson);
await writeFile(
  `${DIRECTORY}/known-accounts.json`,
  renderKnownAccounts(
    deriveKnownAccounts(accountsYaml, { repository: REPOSITORY, commit, licence: "Apache-2.0" }),
  ),
);
const attribution = (await readFile(`${DIRECTORY}/ATTRIBUTION.md`, "utf8"))
  .replace(/at commit\s+`[0-9a-f]{40}`/, `at commit\n\`${commit}\``)
  .replace(/(\| `accounts\.yaml` \| `)[0-9a-f]{64}/, `$1${sha256(accountsYaml)}`)
  .replace(/(\| `schema\.json` \| `)[0-9a-f]{64}/, `$1${sha256(schemaJson)}`);
await writeFile(`${DIRECTORY}/ATTRIBUTION.md`, attribution);
console.log(`${DIRECTORY}: refreshed from ${REPOSITORY}@${commit}`);
