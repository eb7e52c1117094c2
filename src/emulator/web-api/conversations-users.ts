// conversations.*, users.*, team.* and auth.*: the workspace the bot sees, and whether it may post where it asks to.
import type { Json } from "../json-values.js";
import type { EmulatorContext, Methods } from "./context.js";
import type { ChannelSetup, EmulatedTeam, UserSetup } from "./types.js";

export interface Directory {
  methods: Methods;
  setChannel(id: string, setup: ChannelSetup): void;
  setUser(id: string, setup: UserSetup): void;
  setTeam(id: string, setup: { name: string; domain?: string }): void;
  /** The id a `channel` argument names: a #name the emulator knows, or a user's DM with the app. */
  resolveChannelId(channel: string): string;
  /** The error Slack answers a post to this channel with, if it refuses it. */
  postingDenied(channelId: string): string | undefined;
  /** Whether a user described with their channels is outside this one (Slack: user_not_in_channel). */
  userOutside(userId: string, channelId: string): boolean;
  reset(): void;
}

export function createDirectory(context: EmulatorContext): Directory {
  const { team, bot, now, manifestScopes } = context;
  const channels = new Map<string, Required<ChannelSetup>>();
  const users = new Map<string, UserSetup>();
  const teams = new Map<string, EmulatedTeam>();

  function resolveChannelId(channel: string): string {
    if (channel.startsWith("#")) {
      for (const [id, c] of channels) if (c.name === channel.slice(1)) return id;
    }
    // Posting to a user id lands in the app's DM with that user, which Slack reports as a D… channel.
    if (/^[UW][A-Z0-9]+$/.test(channel)) return `D${channel.slice(1)}`;
    return channel;
  }

  // Channels nobody described are taken on trust so local mode works anywhere; a channel described as not joined
  // behaves as Slack does for a bot outside it.
  function postingDenied(channelId: string): string | undefined {
    const known = channels.get(channelId);
    if (!known || known.isMember) return undefined;
    if (known.isPrivate) return "channel_not_found";
    return manifestScopes?.has("chat:write.public") ? undefined : "not_in_channel";
  }

  function userOutside(userId: string, channelId: string): boolean {
    const joined = users.get(userId)?.channels;
    return joined !== undefined && !joined.includes(channelId);
  }

  function channelObject(id: string): Json {
    const known = channels.get(id);
    const name = known?.name ?? id.toLowerCase();
    if (id.startsWith("D")) {
      return {
        id,
        created: 1_700_000_000,
        is_im: true,
        is_org_shared: false,
        user: `U${id.slice(1)}`,
        is_open: true,
      };
    }
    return {
      id,
      name,
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: known?.isPrivate ?? false,
      created: 1_700_000_000,
      is_archived: false,
      is_general: false,
      unlinked: 0,
      name_normalized: name,
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      pending_shared: [],
      is_pending_ext_shared: false,
      // Taken on trust like posting to it: a channel nobody described has the bot in it.
      is_member: known?.isMember ?? true,
      context_team_id: team.id,
      creator: "U0000000001",
      topic: { value: "", creator: "", last_set: 0 },
      purpose: { value: "", creator: "", last_set: 0 },
      previous_names: [],
    };
  }

  function userObject(id: string): Json {
    const setup = users.get(id) ?? {};
    const isBot = id === bot.userId;
    const name = setup.name ?? (isBot ? bot.name : id.toLowerCase());
    const realName = setup.realName ?? name;
    const tz = setup.tz ?? "America/New_York";
    const zone = describeTimeZone(tz, now());
    const teamId = setup.teamId ?? team.id;
    const enterpriseId = setup.enterpriseId ?? (teamId === team.id ? team.enterpriseId : undefined);
    return {
      id,
      team_id: teamId,
      ...(enterpriseId
        ? {
            enterprise_user: {
              id,
              enterprise_id: enterpriseId,
              enterprise_name: enterpriseId,
              teams: [teamId],
            },
          }
        : {}),
      name,
      deleted: false,
      color: "9f69e7",
      real_name: realName,
      tz,
      tz_label: zone.label,
      tz_offset: zone.offsetSeconds,
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: name,
        display_name_normalized: name,
        team: setup.teamId ?? team.id,
        ...(isBot ? { bot_id: bot.botId } : {}),
      },
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: isBot,
      is_app_user: false,
      updated: Math.floor(now() / 1000),
    };
  }

  function teamObject(id: string): Json {
    const known = id === team.id ? team : teams.get(id);
    return {
      id,
      name: known?.name ?? id,
      domain: known?.domain ?? id.toLowerCase(),
      email_domain: "",
      icon: { image_default: true },
    };
  }

  const methods: Methods = {
    "auth.test": () => ({
      body: {
        ok: true,
        url: `https://${team.domain}.slack.com/`,
        team: team.name,
        user: bot.name,
        team_id: team.id,
        user_id: bot.userId,
        bot_id: bot.botId,
        ...(team.enterpriseId ? { enterprise_id: team.enterpriseId } : {}),
        is_enterprise_install: false,
      },
    }),
    "conversations.info": (args) => {
      const id = String(args.channel ?? "");
      const known = channels.get(id);
      // A private channel is invisible to a bot outside it.
      if (known?.isPrivate && !known.isMember) return { body: { ok: false, error: "channel_not_found" } };
      return { body: { ok: true, channel: channelObject(id) } };
    },
    "conversations.join": (args) => {
      const id = String(args.channel ?? "");
      const known = channels.get(id);
      if (known?.isPrivate) return { body: { ok: false, error: "method_not_supported_for_channel_type" } };
      const already = known?.isMember ?? false;
      channels.set(id, { name: known?.name ?? id.toLowerCase(), isPrivate: false, isMember: true });
      const body: Json = { ok: true, channel: channelObject(id) };
      if (already)
        Object.assign(body, {
          warning: "already_in_channel",
          response_metadata: { warnings: ["already_in_channel"] },
        });
      return { body };
    },
    // A direct message between the bot and one user: Slack answers with the same D… id each time.
    "conversations.open": (args) => {
      const userIds = String(args.users ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean);
      if (userIds.length !== 1)
        return { body: { ok: false, error: userIds.length ? "not_implemented" : "users_list_not_supplied" } };
      const id = `D${(userIds[0] ?? "").slice(1)}`;
      if (!channels.has(id)) channels.set(id, { name: id.toLowerCase(), isPrivate: true, isMember: true });
      return { body: { ok: true, no_op: true, already_open: true, channel: { id } } };
    },
    "users.info": (args) => {
      const id = String(args.user ?? "");
      if (!users.has(id) && !/^[UW][A-Z0-9]+$/.test(id))
        return { body: { ok: false, error: "user_not_found" } };
      return { body: { ok: true, user: userObject(id) } };
    },
    "team.info": (args) => ({
      body: { ok: true, team: teamObject(typeof args.team === "string" ? args.team : team.id) },
    }),
  };

  return {
    methods,
    resolveChannelId,
    postingDenied,
    userOutside,
    setChannel(id, setup) {
      const known = channels.get(id);
      channels.set(id, {
        isMember: setup.isMember ?? known?.isMember ?? true,
        name: setup.name ?? known?.name ?? id.toLowerCase(),
        isPrivate: setup.isPrivate ?? known?.isPrivate ?? false,
      });
    },
    setUser(id, setup) {
      users.set(id, { ...users.get(id), ...setup });
    },
    setTeam(id, setup) {
      teams.set(id, { id, name: setup.name, domain: setup.domain ?? id.toLowerCase() });
    },
    reset() {
      channels.clear();
      users.clear();
      teams.clear();
    },
  };
}

function describeTimeZone(tz: string, at: number): { label: string; offsetSeconds: number } {
  try {
    const part = (style: "long" | "longOffset") =>
      new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: style })
        .formatToParts(at)
        .find((p) => p.type === "timeZoneName")?.value ?? "";
    const offset = part("longOffset").match(/GMT([+-])(\d{2}):(\d{2})/);
    const offsetSeconds = offset
      ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 3600 + Number(offset[3]) * 60)
      : 0;
    return { label: part("long"), offsetSeconds };
  } catch {
    return { label: tz, offsetSeconds: 0 };
  }
}
