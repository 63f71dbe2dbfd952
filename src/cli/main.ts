// `idgraph`: the command line for bulk work. It talks straight to Neo4j (NEO4J_URI, else the local
// Neo4j of `npm start`) through the services the server uses: the same rules and the same store.
import { createWriteStream } from "node:fs";
import { Command, InvalidArgumentError, Option } from "commander";
import { ConfigError, readEnvironment } from "../config.js";
import { loadRules } from "../rules-file.js";
import type { IdentityRules } from "../rules/rules-config.js";
import { IdgraphError } from "../errors.js";
import { MAX_BATCH } from "../identity/identity.service.js";
import { type IdentityRefInput, parseIdentityRef } from "../explain/identity-ref.js";
import type { ProfileView } from "../profiles/profile.reader.js";
import { runCheck } from "./check.js";
import { CliError, withConnection } from "./connection.js";
import type { ImportFormat } from "./import/draft.js";
import { importFiles, type ImportSummary } from "./import/importer.js";
import { graphqlTarget } from "./import/graphql-target.js";
import { directTarget, type ImportTarget } from "./import/target.js";
import { csvField, profileIdMapping } from "./profile-export.js";
import { progressView } from "./progress.js";

const spaceOption = (): Option => new Option("--space <name>", "identity space to work in").env("IDGRAPH_SPACE").default("default");
const actorOption = (): Option => new Option("--actor <name>", "who is acting, as the audit log records it").default("cli");
const jsonOption = (): Option => new Option("--json", "machine-readable output on stdout");

const out = (text: string): void => void process.stdout.write(`${text}\n`);
const printJson = (value: unknown): void => out(JSON.stringify(value));

function positiveBatch(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_BATCH) throw new InvalidArgumentError(`a whole number from 1 to ${MAX_BATCH}`);
  return n;
}

/** `device:ID`, `profile:ID`, or `TYPE:VALUE` for an identifier (`email:jane@example.com`, `user_id:jane-42`). */
function identityRef(value: string): IdentityRefInput {
  const colon = value.indexOf(":");
  if (colon <= 0) throw new InvalidArgumentError("device:ID, profile:ID or TYPE:VALUE (for example email:jane@example.com)");
  const kind = value.slice(0, colon);
  const rest = value.slice(colon + 1);
  if (kind === "device") return { deviceId: rest };
  if (kind === "profile") return { profileId: rest };
  return { identifier: { type: kind, value: rest } };
}

function printSummary(summary: ImportSummary): void {
  const lines = [
    `${summary.interrupted ? "import interrupted" : "import done"}: ${summary.files} file(s), ${summary.lines} line(s) in ${summary.seconds.toFixed(1)} s (${Math.round(summary.lines / Math.max(summary.seconds, 0.001))} lines/s)`,
    `  observations applied: ${summary.applied}`,
    `  already taken in (skipped: the file's checkpoint, or a repeated messageId): ${summary.alreadyApplied}`,
    `  new profiles: ${summary.newProfiles}`,
    `  merges: ${summary.merges}`,
    `  conflicts: ${summary.conflicts}`,
    `  ghost profiles: ${summary.ghostProfiles}`,
    `  blocked values: ${summary.blockedValues}`,
    `  reattributions (late observations, rule 10): ${summary.reattributions}`,
    `  lines without identity (group calls): ${summary.skipped}`,
    `  refused lines: ${summary.refused.length}`,
    ...summary.refused.slice(0, 100).map((r) => `    ${r.file}:${r.line}: ${r.reason}`),
    ...(summary.refused.length > 100 ? [`    ... and ${summary.refused.length - 100} more (--json lists all)`] : []),
  ];
  if (summary.alreadyApplied > 0)
    lines.push(
      `${summary.alreadyApplied} line(s) had been taken in before (a rerun; lines refused then were reported then): skipped, not applied twice.`,
    );
  if (summary.interrupted) lines.push("Run the same command again to resume: what was applied is skipped by messageId.");
  process.stderr.write(`${lines.join("\n")}\n`);
}

/**
 * A profile's traits for `lookup`, one a line: the value it shows (rule 11), when and on which
 * profile id it was set (the newest of its profile ids' writes that show that value).
 */
export function traitLines(profile: Pick<ProfileView, "traits" | "traitList">): string[] {
  return Object.entries(profile.traits).map(([name, value]) => {
    const text = JSON.stringify(value);
    const from = profile.traitList
      .filter((trait) => trait.name === name && JSON.stringify(trait.value) === text)
      .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    return `trait ${name}: ${text}${from ? ` (set ${from.at.toISOString()} on profile id ${from.profileId})` : ""}`;
  });
}

interface ImportCommandOptions {
  format?: ImportFormat;
  batchSize: number;
  quiet?: boolean;
  space: string;
  actor: string;
  json?: boolean;
  url?: string;
  key?: string;
}

/** The import with its progress view and Ctrl-C handling: the first Ctrl-C stops after the batch in flight. */
async function runImport(
  files: string[],
  options: ImportCommandOptions,
  rules: IdentityRules,
  target: ImportTarget,
): Promise<ImportSummary> {
  let stopRequested = false;
  const onSigint = (): void => {
    if (stopRequested) process.exit(130);
    stopRequested = true;
    process.stderr.write("\nstopping after the batch in flight (Ctrl-C again to quit at once; a rerun resumes)\n");
  };
  process.on("SIGINT", onSigint);
  const view = progressView(process.stderr, options.quiet ?? false);
  try {
    return await importFiles({
      files,
      format: options.format,
      batchSize: options.batchSize,
      rules,
      target,
      onProgress: (progress) => view.update(progress),
      shouldStop: () => stopRequested,
    });
  } finally {
    view.stop();
    process.off("SIGINT", onSigint);
  }
}

export function buildProgram(): Command {
  const program = new Command("idgraph")
    .description("idgraph's command line: bulk import, lookups, admin operations and exports, straight to Neo4j (NEO4J_URI)")
    .showHelpAfterError()
    .exitOverride();

  program
    .command("import")
    .description("import Segment, RudderStack, Mixpanel or PostHog exports (NDJSON, gzip or plain) and CSV profile uploads")
    .argument("<files...>", "files to import, in order")
    .addOption(
      new Option("--format <format>", "the files' format; detected per line (CSV by the .csv extension) when absent").choices([
        "segment",
        "rudderstack",
        "mixpanel",
        "posthog",
        "csv",
      ]),
    )
    .addOption(new Option("--batch-size <n>", "observations per transaction").argParser(positiveBatch).default(500))
    .addOption(new Option("--quiet", "no progress output"))
    .addOption(spaceOption())
    .addOption(actorOption())
    .addOption(jsonOption())
    .addOption(
      new Option("--url <url>", "send to a running server (its address, or its /graphql endpoint) instead of straight to Neo4j").env(
        "IDGRAPH_URL",
      ),
    )
    .addOption(new Option("--key <key>", "the server's API key (ingest role); its space is the import's").env("IDGRAPH_API_KEY"))
    .action(async (files: string[], options: ImportCommandOptions) => {
      const summary =
        options.url === undefined
          ? await withConnection(
              ({ executor, services, rules }) =>
                runImport(
                  files,
                  options,
                  rules,
                  directTarget(executor, services, { space: options.space, actor: options.actor, source: "cli" }),
                ),
              { migrate: true },
            )
          : await runImport(files, options, loadRules(readEnvironment().IDGRAPH_RULES_FILE), graphqlTarget(options.url, options.key));
      if (options.json) printJson(summary);
      printSummary(summary);
      process.exitCode = summary.interrupted ? 130 : summary.refused.length > 0 ? 1 : 0;
    });

  program
    .command("lookup")
    .description("the profile of a device, an identifier or a profile id")
    .addOption(new Option("--device <id>", "a device id"))
    .addOption(new Option("--user <id>", "a user id"))
    .addOption(new Option("--identifier <type:value>", "an identifier, e.g. email:jane@example.com"))
    .addOption(new Option("--profile <id>", "any profile id of the profile"))
    .addOption(spaceOption())
    .addOption(jsonOption())
    .action(async (options: { device?: string; user?: string; identifier?: string; profile?: string; space: string; json?: boolean }) => {
      const given = [options.device, options.user, options.identifier, options.profile].filter((v) => v !== undefined);
      if (given.length !== 1) throw new CliError("give exactly one of --device, --user, --identifier, --profile");
      const profile = await withConnection(async ({ services }) => {
        const { profiles } = services;
        let root: string | null;
        if (options.device !== undefined) root = await profiles.rootByDevice(options.space, options.device);
        else if (options.profile !== undefined) root = (await profiles.rootsOf(options.space, [options.profile]))[0] ?? null;
        else {
          const ref = parseIdentityRef(identityRef(options.identifier ?? `user_id:${options.user}`), services.rules, "--identifier");
          root = ref.kind === "identifier" ? await profiles.rootByIdentifier(options.space, ref.identifier) : null;
        }
        return root === null ? null : ((await profiles.loadProfiles(options.space, [root]))[0] ?? null);
      });
      if (options.json) printJson({ profile });
      else if (profile === null) out("no such profile");
      else {
        out(`profile ${profile.id} (created ${profile.createdAt})`);
        out(`  profile ids: ${profile.ids.join(", ")}`);
        for (const identifier of profile.identifiers) out(`  ${identifier.type}: ${identifier.value}`);
        for (const device of profile.devices)
          out(`  device ${device.id} (current profile id ${device.profileId ?? "-"}, last seen ${device.lastSeenAt ?? "-"})`);
        for (const line of traitLines(profile)) out(`  ${line}`);
      }
      if (profile === null) process.exitCode = 1;
    });

  program
    .command("explain")
    .description("why two things are one profile: the chain of links between them, with the audit entries that made each")
    .argument("<from>", "device:ID, profile:ID or TYPE:VALUE", identityRef)
    .argument("<to>", "device:ID, profile:ID or TYPE:VALUE", identityRef)
    .addOption(spaceOption())
    .addOption(jsonOption())
    .action(async (from: IdentityRefInput, to: IdentityRefInput, options: { space: string; json?: boolean }) => {
      const explanation = await withConnection(({ services }) => services.explain.explainLink(options.space, from, to));
      if (options.json) printJson(explanation);
      else out(JSON.stringify(explanation, null, 2));
    });

  program
    .command("check")
    .description("scan the graph for broken identity invariants (exit 0 clean, 1 violations, 2 could not check)")
    .addOption(new Option("--space <name...>", "spaces to check (all when absent)"))
    .addOption(jsonOption())
    .action(async (options: { space?: string[]; json?: boolean }) => {
      process.exitCode = await runCheck({ spaces: options.space, json: options.json ?? false });
    });

  program
    .command("demerge")
    .description("split the given identities out of their profiles (CleverTap's demerge; at most 100)")
    .argument("<identities...>", "identity values of any type")
    .addOption(new Option("--reason <text>", "recorded in the audit log"))
    .addOption(spaceOption())
    .addOption(actorOption())
    .addOption(jsonOption())
    .action(async (identities: string[], options: { reason?: string; space: string; actor: string; json?: boolean }) => {
      const profileIds = await withConnection(({ services }) =>
        services.admin.demerge(identities, options.reason, { space: options.space, actor: options.actor }),
      );
      if (options.json) printJson({ profileIds });
      else out(profileIds.length === 0 ? "nothing to demerge" : `profiles now: ${profileIds.join(", ")}`);
    });

  program
    .command("delete")
    .description("delete a profile and everything it holds (GDPR erasure)")
    .argument("<profileId>", "any profile id of the profile")
    .addOption(new Option("--reason <text>", "recorded in the audit log"))
    .addOption(spaceOption())
    .addOption(actorOption())
    .addOption(jsonOption())
    .action(async (profileId: string, options: { reason?: string; space: string; actor: string; json?: boolean }) => {
      const outcome = await withConnection(({ services }) =>
        services.admin.deleteProfile(profileId, options.reason, { space: options.space, actor: options.actor }),
      );
      if (options.json) printJson(outcome);
      else out(`deleted profile ids: ${outcome.deletedProfileIds.join(", ")}`);
    });

  program
    .command("export")
    .description("every profile id with the profile it belongs to and the profile's traits, for mapping stored assignedProfileIds")
    .addOption(new Option("--format <format>", "output format").choices(["csv", "ndjson"]).default("csv"))
    .addOption(new Option("--output <file>", "write here instead of stdout"))
    .addOption(spaceOption())
    .action(async (options: { format: "csv" | "ndjson"; output?: string; space: string }) => {
      const sink = options.output === undefined ? process.stdout : createWriteStream(options.output);
      const write = (text: string): Promise<void> =>
        new Promise((resolve) => {
          if (sink.write(text)) resolve();
          else sink.once("drain", () => resolve());
        });
      let rows = 0;
      await withConnection(async ({ executor }) => {
        if (options.format === "csv") await write("profile_id,profile,traits\n");
        for await (const row of profileIdMapping(executor, options.space)) {
          rows += 1;
          await write(
            options.format === "csv"
              ? `${row.profileId},${row.profile},${csvField(JSON.stringify(row.traits))}\n`
              : `${JSON.stringify(row)}\n`,
          );
        }
      });
      if (sink !== process.stdout) await new Promise<void>((resolve) => (sink as NodeJS.WritableStream).end(resolve));
      process.stderr.write(`exported ${rows} profile id(s)\n`);
    });

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    const commanderCode = (error as { code?: string }).code;
    if (typeof commanderCode === "string" && commanderCode.startsWith("commander.")) {
      return commanderCode === "commander.helpDisplayed" || commanderCode === "commander.version" ? 0 : 2;
    }
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`idgraph: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 2;
    }
    if (error instanceof IdgraphError) {
      const hint = error.code === "SERVICE_UNAVAILABLE" ? " (an import run again resumes where it stopped)" : "";
      process.stderr.write(`idgraph: ${error.code}: ${error.message}${hint}\n`);
      return error.code === "NOT_FOUND" ? 1 : 2;
    }
    process.stderr.write(`idgraph: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
