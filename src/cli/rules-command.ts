import { Command, Option } from "commander";
import { RULES } from "../../rules/index.js";
import {
  renderRuleDetailsText,
  renderRulesJson,
  renderRulesMarkdown,
  renderRulesText,
} from "../report/index.js";
import { EXIT_INPUT, EXIT_OK } from "./exit-codes.js";
import type { CliIo } from "./scan-command.js";

type RulesFormat = "text" | "json" | "markdown";

export function createRulesCommand(io: CliIo, setExitCode: (code: number) => void = () => {}): Command {
  return new Command("rules")
    .description("List the rules, or print one rule's full documentation")
    .argument("[id]", "a rule id (e.g. external-access): print its documentation")
    .addOption(
      new Option("-f, --format <format>", "output format")
        .choices(["text", "json", "markdown"])
        .default("text"),
    )
    .action(async (id: string | undefined, options: { format: RulesFormat }) => {
      const metas = RULES.map((r) => r.meta);
      if (id === undefined) {
        const render = { text: renderRulesText, json: renderRulesJson, markdown: renderRulesMarkdown }[
          options.format
        ];
        await io.stdout(render(metas));
        setExitCode(EXIT_OK);
        return;
      }
      const rule = metas.find((meta) => meta.id === id);
      if (!rule) {
        io.stderr(
          `trustscan: no rule "${id.replace(/[^\x20-\x7e]/g, "?")}"; the rules are ${metas.map((m) => m.id).join(", ")}\n`,
        );
        setExitCode(EXIT_INPUT);
        return;
      }
      const render = {
        text: () => renderRuleDetailsText(rule),
        json: () => renderRulesJson([rule]),
        markdown: () => renderRulesMarkdown([rule]),
      }[options.format];
      await io.stdout(render());
      setExitCode(EXIT_OK);
    });
}
