import { Command, Option } from "commander";
import { RULES } from "../../rules/index.js";
import { renderRulesJson, renderRulesMarkdown, renderRulesText } from "../report/index.js";
import type { CliIo } from "./scan-command.js";

export function createRulesCommand(io: CliIo): Command {
  return new Command("rules")
    .description("List the rules with their documentation")
    .addOption(
      new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"),
    )
    .action((options: { format: "text" | "json" | "markdown" }) => {
      const metas = RULES.map((r) => r.meta);
      const render = { text: renderRulesText, json: renderRulesJson, markdown: renderRulesMarkdown }[
        options.format
      ];
      io.stdout(render(metas));
    });
}
