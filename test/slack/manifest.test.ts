import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findProjectRoot, loadSlackReference } from "../../src/emulator/slack-reference.js";
import { subcommands } from "../../src/slack/commands/index.js";

const root = findProjectRoot();
const reference = loadSlackReference();
const manifest = parse(readFileSync(join(root, "manifest.yml"), "utf8"));
if (!reference.available)
  console.warn(`manifest checks against Slack's schema skipped: ${reference.root} is absent`);

/** Web API methods the bot's own code calls (the emulator and tests excluded). */
function methodsCalledBySource(): Set<string> {
  const methods = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!["emulator", "generated"].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith(".ts")) {
        const source = readFileSync(path, "utf8");
        for (const match of source.matchAll(/\bclient\.([a-z]+)\.([a-zA-Z]+)\(/g)) {
          methods.add(`${match[1]}.${match[2]}`);
        }
        // WebClient's helper for files upload v2 calls these two methods.
        if (/\bclient\.filesUploadV2\(/.test(source)) {
          methods.add("files.getUploadURLExternal");
          methods.add("files.completeUploadExternal");
        }
      }
    }
  };
  walk(join(root, "src"));
  return methods;
}

describe("manifest.yml", () => {
  it.skipIf(!reference.available)("validates against Slack's manifest schema", () => {
    const schema = JSON.parse(readFileSync(reference.manifestSchemaPath, "utf8"));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    // The index schema refers to each version's schema by its published URL; serve them from disk.
    const folder = join(reference.manifestSchemaPath, "..");
    for (const version of ["1.0.0", "2.0.0"]) {
      const versioned = JSON.parse(readFileSync(join(folder, `manifest.schema.${version}.json`), "utf8"));
      ajv.addSchema(
        versioned,
        `https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.${version}.json`,
      );
    }
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it("declares /tf, escaped, with the Home tab, interactivity and app_home_opened", () => {
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(manifest.features.slash_commands[0].command).toBe("/tf");
    expect(manifest.features.slash_commands[0].should_escape).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain("app_home_opened");
  });

  it("states a usage hint the router can actually run", () => {
    const hint: string = manifest.features.slash_commands[0].usage_hint;
    const first = hint.split(/\s+/)[0] ?? "";
    expect(subcommands.map((c) => c.name)).toContain(first);
  });

  it.skipIf(!reference.available)("requests exactly the bot scopes the code's Web API calls need", () => {
    const declared = new Set<string>(manifest.oauth_config.scopes.bot);
    const needed = new Set<string>(["commands"]); // for the slash command itself
    for (const method of methodsCalledBySource()) {
      const contract = reference.method(method);
      expect(contract, `no reference for ${method}`).toBeDefined();
      const alternatives = contract?.botScopes ?? [];
      if (alternatives.length === 0) continue;
      const satisfied = alternatives.find((scope) => declared.has(scope));
      expect(satisfied, `${method} needs one of ${alternatives.join(", ")}`).toBeDefined();
      if (satisfied) needed.add(satisfied);
    }
    expect([...declared].sort()).toEqual([...needed].sort());
  });
});
