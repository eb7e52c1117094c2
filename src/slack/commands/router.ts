import { isDatabaseUnavailable } from "../../db/errors.js";
import type { SlackIdentity } from "../../domain/access/identity.js";
import { roleAllows } from "../../domain/access/roles.js";
import { UserFacingError } from "../../domain/errors.js";
import { type CommandArgs, parseCommandLine } from "../../domain/grammar/args.js";
import { TokenizeError } from "../../domain/grammar/tokenize.js";
import { parseTaskForceCode } from "../../domain/taskforce/task-force.js";
import { quoteInput } from "../../domain/text/escape.js";
import { closestMatch } from "../../domain/text/suggest.js";
import type { DigestPublisher } from "../../usecases/digest/digests.js";
import type { Services } from "../../usecases/services.js";
import { findCommand, overview, unmappedWorkspaceNote, whoGrantsAccess } from "./help.js";
import { subcommands } from "./index.js";
import {
  type Caller,
  message,
  type Reply,
  type SlackDirectory,
  type SlackFiles,
  type Subcommand,
} from "./subcommand.js";

export type CommandOutcome = "ok" | "invalid" | "denied" | "error";

export interface CommandRequest {
  userId: string;
  teamId: string;
  channelId: string;
  triggerId: string;
  requestId: string;
  now: Date;
  directory: SlackDirectory;
  files: SlackFiles;
  digestPublisher: DigestPublisher;
}

export interface CommandResult {
  subcommand: string;
  outcome: CommandOutcome;
  reply: Reply;
  /** For a modal submission: the form field a refusal is about. */
  field?: string;
}

/**
 * The one gate every `/tf` subcommand passes through, typed or submitted from its modal:
 * parse, find, check the caller's role, run. Role checks live here rather than in handlers so
 * no subcommand can forget one, and every refusal is audited here.
 */
export async function routeCommand(
  request: CommandRequest & { text: string },
  services: Services,
  registry: readonly Subcommand[] = subcommands,
): Promise<CommandResult> {
  let parsed: ReturnType<typeof parseCommandLine>;
  let option: string | undefined;
  try {
    parsed = parseCommandLine(request.text);
    option = takeTaskForceOption(parsed.args);
  } catch (error) {
    if (error instanceof TokenizeError || error instanceof UserFacingError) {
      return {
        subcommand: "(unparsed)",
        outcome: "invalid",
        reply: errorReply(error.message, error instanceof UserFacingError ? error.hint : undefined),
      };
    }
    throw error;
  }
  const stateLevel = findCommand(registry, parsed.name ?? "")?.stateLevel?.(parsed.args) ?? false;
  const place = await placeOf(request, services, option, parsed.name ?? "help", stateLevel);
  if ("refusal" in place) return place.refusal;
  const scoped = place.services;
  const where = {
    taskForceNamed: option !== undefined,
    ...(option !== undefined ? { taskForceCode: option } : {}),
    taskForceNote: place.note,
  };
  const caller = await callerOf(request, scoped);
  const visible = registry.filter((c) => roleAllows(caller.role, c.minimumRole));
  if (parsed.name === undefined) {
    return {
      subcommand: "help",
      outcome: "ok",
      reply: message(overview(visible, caller, scoped.access.admins)),
    };
  }
  const command = findCommand(registry, parsed.name);
  if (!command) {
    const suggestion = closestMatch(
      parsed.name,
      visible.flatMap((c) => [c.name, ...c.aliases]),
    );
    const didYouMean = suggestion ? ` Did you mean \`/tf ${suggestion}\`?` : "";
    return {
      subcommand: "(unknown)",
      outcome: "invalid",
      reply: message(
        `\`/tf ${quoteInput(parsed.name)}\` is not a Task Force Bot command.${didYouMean}\n\n${overview(visible, caller, scoped.access.admins)}`,
      ),
    };
  }
  return run(command, parsed.args, caller, visible, request, scoped, where);
}

/**
 * `tf:<code>` names the task force on any command, after the verb like any other option; it is
 * taken off before the subcommand reads its own options.
 */
function takeTaskForceOption(args: CommandArgs): string | undefined {
  const given = args.options.filter((o) => o.key === "tf");
  if (given.length === 0) return undefined;
  if (given.length > 1) {
    throw new UserFacingError(
      "invalid",
      "Give `tf:` once: one command acts in one task force.",
      "e.g. tf:hartford",
      "tf",
    );
  }
  args.options = args.options.filter((o) => o.key !== "tf");
  return parseTaskForceCode(given[0]?.value ?? "");
}

/**
 * The task force the request acts in, and its use cases; or the answer that lists the caller's
 * task forces. A `tf:` naming one the caller holds no role in is refused like any refusal, and
 * audited in the task force it named.
 */
async function placeOf(
  request: CommandRequest,
  services: Services,
  option: string | undefined,
  subcommand: string,
  /** A state-level command runs in the first task force's services when none can be decided. */
  stateLevel = false,
): Promise<{ services: Services; note?: string } | { refusal: CommandResult }> {
  const place = await services.placeOf({
    teamId: request.teamId,
    userId: request.userId,
    channelId: request.channelId,
    option,
    now: request.now,
  });
  if ("refused" in place && place.refused === "undetermined" && stateLevel) return { services };
  if (!("refused" in place)) {
    const note =
      place.others.length > 0
        ? `Acting in ${place.taskForce.name} (\`${place.taskForce.code}\`). Add \`tf:<code>\` to any command to act in another of yours: ${place.others.map((t) => `\`${t.code}\``).join(", ")}.`
        : undefined;
    return { services: place.services, ...(note ? { note } : {}) };
  }
  if (place.refused === "no-role") {
    const named = (await services.taskForces.all()).find((t) => t.code === option);
    const scoped = named ? await services.forTaskForce(named.id) : services;
    await scoped.audit({
      actorUserId: request.userId,
      actorTeamId: request.teamId,
      action: `${subcommand}.denied`,
      outcome: "denied",
      requestId: request.requestId,
      after: { taskForce: option, reason: "no role in the task force" },
      at: request.now,
    });
  }
  return {
    refusal: {
      subcommand,
      outcome: place.refused === "no-role" ? "denied" : "invalid",
      reply: errorReply(place.message),
    },
  };
}

/** A modal's submission, already turned into the arguments its subcommand takes when typed. */
export async function routeSubmission(
  name: string,
  args: CommandArgs,
  /** `taskForce`: the code the form's command named with `tf:`, carried in its metadata. */
  request: CommandRequest & { taskForce?: string },
  services: Services,
  registry: readonly Subcommand[] = subcommands,
): Promise<CommandResult> {
  const command = findCommand(registry, name);
  if (!command) throw new Error(`no subcommand ${name} for a modal submission`);
  const place = await placeOf(request, services, request.taskForce, command.name);
  if ("refusal" in place) return place.refusal;
  const caller = await callerOf(request, place.services);
  const visible = registry.filter((c) => roleAllows(caller.role, c.minimumRole));
  return run(command, args, caller, visible, request, place.services, {
    taskForceNamed: request.taskForce !== undefined,
  });
}

async function callerOf(request: CommandRequest, services: Services): Promise<Caller> {
  const person = { teamId: request.teamId, userId: request.userId };
  return { ...person, ...(await services.accessOf(person, request.now)) };
}

async function run(
  command: Subcommand,
  args: CommandArgs,
  caller: Caller,
  visibleCommands: readonly Subcommand[],
  request: CommandRequest,
  services: Services,
  where: { taskForceNamed: boolean; taskForceCode?: string; taskForceNote?: string },
): Promise<CommandResult> {
  const auditRefusal = (reason: string) =>
    services.audit({
      actorUserId: caller.userId,
      actorTeamId: caller.teamId,
      action: `${command.name}.denied`,
      outcome: "denied",
      requestId: request.requestId,
      after: { required: command.minimumRole, held: caller.role, reason },
      at: request.now,
    });

  if (!roleAllows(caller.role, command.minimumRole)) {
    await auditRefusal("role");
    return {
      subcommand: command.name,
      outcome: "denied",
      reply: denial(command, caller, services.access.admins),
    };
  }
  try {
    const reply = await command.execute(args, {
      caller,
      actor: { ...caller, requestId: request.requestId, now: request.now },
      directory: request.directory,
      files: request.files,
      digestPublisher: request.digestPublisher,
      channelId: request.channelId,
      triggerId: request.triggerId,
      requestId: request.requestId,
      mentioned: (userId) => mentionedPerson(userId, caller, request.directory, services),
      now: request.now,
      services,
      ...where,
      visibleCommands,
    });
    return { subcommand: command.name, outcome: "ok", reply };
  } catch (error) {
    if (error instanceof UserFacingError) {
      // A use case's own refusal (e.g. voiding someone else's record) is audited like a role refusal.
      if (error.kind === "denied") await auditRefusal(error.message);
      const outcome: CommandOutcome = error.kind === "denied" ? "denied" : "invalid";
      return {
        subcommand: command.name,
        outcome,
        reply: errorReply(error.message, error.hint),
        field: error.field,
      };
    }
    services.logger.error(
      { err: error, subcommand: command.name, requestId: request.requestId },
      "subcommand failed",
    );
    if (isDatabaseUnavailable(error)) services.onDatabaseError();
    return {
      subcommand: command.name,
      outcome: "error",
      reply: errorReply(failureMessage(error, request.requestId, `\`/tf ${command.name}\``)),
    };
  }
}

/**
 * Whom `<@userId>` in a command names: the caller when it is their own id, else whom Slack's
 * directory says. When Slack cannot say, the one person on record with that id, else someone in
 * the caller's own namespace (a mention names someone the caller can see: usually a colleague).
 */
async function mentionedPerson(
  userId: string,
  caller: Caller,
  directory: SlackDirectory,
  services: Services,
): Promise<SlackIdentity> {
  if (userId === caller.userId) return { teamId: caller.teamId, userId };
  const listed = await directory.personOf(userId);
  if (listed) return listed;
  const known = await services.peopleWithUserId(userId);
  return known.length === 1 && known[0] ? known[0] : { teamId: caller.teamId, userId };
}

function denial(command: Subcommand, caller: Caller, admins: readonly SlackIdentity[]): Reply {
  const need = command.minimumRole === "anyone" ? "" : ` It needs the *${command.minimumRole}* role`;
  const have = caller.role ? `; you are a *${caller.role}*.` : "; you have no task force role yet.";
  const why = caller.unmappedWorkspace ? `${unmappedWorkspaceNote(caller.unmappedWorkspace)} ` : "";
  return errorReply(
    `You can't run \`/tf ${command.name}\`.${need}${have}`,
    `${why}${whoGrantsAccess(admins)} \`/tf help\` lists what you can run.`,
  );
}

function errorReply(problem: string, hint?: string): Reply {
  return message(hint ? `:warning: ${problem}\n${hint}` : `:warning: ${problem}`);
}

/**
 * What a person is told when their request failed unexpectedly (`what` names it): that the database
 * cannot be reached, or else a request id to give an admin.
 */
export function failureMessage(error: unknown, requestId: string, what: string): string {
  return isDatabaseUnavailable(error)
    ? `Task Force Bot can't reach its database right now. Nothing was recorded. Try again shortly (request id \`${requestId}\`).`
    : `Something went wrong running ${what}. Nothing was recorded. Try again shortly; if it keeps failing, give an admin this request id: \`${requestId}\`.`;
}
