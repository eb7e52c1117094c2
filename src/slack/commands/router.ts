import { roleAllows } from "../../domain/access/roles.js";
import { UserFacingError } from "../../domain/errors.js";
import { parseCommandLine } from "../../domain/grammar/args.js";
import { TokenizeError } from "../../domain/grammar/tokenize.js";
import { closestMatch } from "../../domain/text/suggest.js";
import type { Services } from "../../usecases/services.js";
import { findCommand, overview } from "./help.js";
import { subcommands } from "./index.js";
import { type Caller, message, quoteUserText, type Reply, type Subcommand } from "./subcommand.js";

export type CommandOutcome = "ok" | "invalid" | "denied" | "error";

export interface CommandRequest {
  text: string;
  userId: string;
  teamId: string;
  channelId: string;
  triggerId: string;
  requestId: string;
  now: Date;
}

export interface CommandResult {
  subcommand: string;
  outcome: CommandOutcome;
  reply: Reply;
}

/**
 * The one gate every `/tf` subcommand passes through: parse, find, check the caller's role, run.
 * Role checks live here rather than in handlers so no subcommand can forget one.
 */
export async function routeCommand(
  request: CommandRequest,
  services: Services,
  registry: readonly Subcommand[] = subcommands,
): Promise<CommandResult> {
  const caller: Caller = {
    userId: request.userId,
    teamId: request.teamId,
    role: await services.roleOf(request.userId),
  };
  const visibleCommands = registry.filter((c) => roleAllows(caller.role, c.minimumRole));

  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(request.text);
  } catch (error) {
    if (error instanceof TokenizeError) {
      return { subcommand: "(unparsed)", outcome: "invalid", reply: errorReply(error.message) };
    }
    throw error;
  }

  if (parsed.name === undefined) {
    return {
      subcommand: "help",
      outcome: "ok",
      reply: message(overview(visibleCommands, caller.role === null)),
    };
  }

  const command = findCommand(registry, parsed.name);
  if (!command) {
    const suggestion = closestMatch(
      parsed.name,
      visibleCommands.flatMap((c) => [c.name, ...c.aliases]),
    );
    const didYouMean = suggestion ? ` Did you mean \`/tf ${suggestion}\`?` : "";
    return {
      subcommand: "(unknown)",
      outcome: "invalid",
      reply: message(
        `\`/tf ${quoteUserText(parsed.name, 40)}\` is not a Task Force Bot command.${didYouMean}\n\n${overview(visibleCommands, caller.role === null)}`,
      ),
    };
  }

  if (!roleAllows(caller.role, command.minimumRole)) {
    await services.audit({
      actorUserId: caller.userId,
      actorTeamId: caller.teamId,
      action: `${command.name}.denied`,
      outcome: "denied",
      requestId: request.requestId,
      after: { required: command.minimumRole, held: caller.role },
      at: request.now,
    });
    return { subcommand: command.name, outcome: "denied", reply: denial(command, caller) };
  }

  try {
    const reply = await command.execute(parsed.args, {
      caller,
      channelId: request.channelId,
      triggerId: request.triggerId,
      requestId: request.requestId,
      now: request.now,
      services,
      visibleCommands,
    });
    return { subcommand: command.name, outcome: "ok", reply };
  } catch (error) {
    if (error instanceof UserFacingError) {
      const outcome: CommandOutcome = error.kind === "denied" ? "denied" : "invalid";
      return { subcommand: command.name, outcome, reply: errorReply(error.message, error.hint) };
    }
    services.logger.error(
      { err: error, subcommand: command.name, requestId: request.requestId },
      "subcommand failed",
    );
    return {
      subcommand: command.name,
      outcome: "error",
      reply: errorReply(
        `Something went wrong running \`/tf ${command.name}\`. Nothing was recorded. Try again shortly; if it keeps failing, give an admin this request id: \`${request.requestId}\`.`,
      ),
    };
  }
}

function denial(command: Subcommand, caller: Caller): Reply {
  const need = command.minimumRole === "anyone" ? "" : ` It needs the *${command.minimumRole}* role`;
  const have = caller.role ? `; you are a *${caller.role}*.` : "; you have no task force role yet.";
  return errorReply(
    `You can't run \`/tf ${command.name}\`.${need}${have}`,
    "Ask a task force admin to grant access with `/tf admin role`. `/tf help` lists what you can run.",
  );
}

function errorReply(problem: string, hint?: string): Reply {
  return message(hint ? `:warning: ${problem}\n${hint}` : `:warning: ${problem}`);
}
