import { personOf, type SlackIdentity, type Workspace } from "../domain/access/identity.js";

/**
 * Who sent a request, as the pair (workspace or Grid org, user), read from where each payload
 * family puts it (test/fixtures/slack: Slack's own SDKs' payloads). Resolved once here, at the
 * edge, and carried in every Actor from then on.
 *
 * A slash command's `team_id` is the workspace it was typed in: the caller's own, also in a Slack
 * Connect channel hosted by another workspace. An interaction names the caller's workspace in
 * `user.team_id`; its `team` is the workspace it came through (null under an org-wide install).
 * Where the two differ the payload's org says nothing about the caller, so it is not used.
 */
function caller(
  userId: string,
  seen: { userTeam?: string | undefined; team?: string | undefined; enterprise?: string | undefined },
  home: Workspace,
): SlackIdentity {
  const teamId = seen.userTeam || seen.team || "";
  const external = Boolean(seen.userTeam && seen.team && seen.userTeam !== seen.team);
  return personOf(userId, { teamId, enterpriseId: external ? undefined : seen.enterprise }, home);
}

export interface SlashCommandIdentityFields {
  user_id: string;
  team_id: string;
  enterprise_id?: string;
}

export function commandCaller(body: SlashCommandIdentityFields, home: Workspace): SlackIdentity {
  return caller(body.user_id, { team: body.team_id, enterprise: body.enterprise_id }, home);
}

export interface InteractionIdentityFields {
  user: { id: string; team_id?: string };
  team: { id: string; enterprise_id?: string } | null;
  enterprise?: { id: string } | null;
}

export function interactionCaller(body: InteractionIdentityFields, home: Workspace): SlackIdentity {
  const enterprise = body.enterprise?.id ?? body.team?.enterprise_id;
  return caller(body.user.id, { userTeam: body.user.team_id, team: body.team?.id, enterprise }, home);
}

export interface EventIdentityFields {
  team_id?: string;
  enterprise_id?: string;
}

/** The user an Events API callback is about (e.g. who opened the Home tab), in the callback's workspace. */
export function eventCaller(userId: string, body: EventIdentityFields, home: Workspace): SlackIdentity {
  return caller(userId, { team: body.team_id, enterprise: body.enterprise_id }, home);
}
