// The Slack Web API emulator as tests, local mode and the benchmarks see it.

export interface SlackApiServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Tests: a contract breach is also answered as an error so the bot sees it. Local mode leaves this off. */
  strict?: boolean;
  /** manifest.yml whose oauth_config.scopes.bot the scope check reads; defaults to the project's own. */
  manifestPath?: string;
  /** Folder of Slack's references; defaults to ../shared/slack beside the project. */
  referenceRoot?: string;
  /** When set, any other token is answered with invalid_auth. */
  botToken?: string;
  team?: Partial<EmulatedTeam>;
  bot?: Partial<EmulatedBot>;
  /** Clock in epoch milliseconds, for trigger and response_url expiry and for rate limits. */
  now?: () => number;
  /**
   * Answer calls beyond Slack's rate limits (src/emulator/rate-limits.ts) with HTTP 429 and Retry-After, as Slack
   * does. On unless turned off, e.g. by the benchmarks, which measure the bot rather than Slack's quotas.
   */
  rateLimits?: boolean;
  /** Where the one-line notice about missing references goes; console.warn by default. */
  log?: (line: string) => void;
}

export interface EmulatedTeam {
  id: string;
  name: string;
  domain: string;
  /** The Enterprise Grid org the workspace is in, if any: auth.test and every payload then name it. */
  enterpriseId?: string;
}

export interface EmulatedBot {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface CallRecord {
  method: string;
  /**
   * What the client sent, token excluded. Form bodies carry every scalar as a string ("true", "3"); JSON-encoded
   * arguments (blocks, attachments, view, metadata, files) are decoded back into values so tests can compare them.
   */
  args: Record<string, unknown>;
  /** Epoch milliseconds. */
  at: number;
  token: string | undefined;
  encoding: "json" | "form" | "multipart" | "none";
  ok: boolean;
  error?: string;
  response: Record<string, unknown>;
}

export interface UploadedFile {
  id: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  altText?: string;
  snippetType?: string;
  /** Undefined until the upload POST arrives. */
  bytes?: Buffer;
  completed: boolean;
  title?: string;
  channelId?: string;
  initialComment?: string;
  threadTs?: string;
}

export interface EmulatedView {
  id: string;
  hash: string;
  /** The user whose Home tab this is, for views.publish. */
  userId?: string;
  /** The view as Slack would return it: the app's view plus id, hash, state and the other server fields. */
  view: Record<string, unknown>;
}

export interface ChannelSetup {
  /** Whether the bot is in the channel: true unless set, as for a channel nobody described. */
  isMember?: boolean;
  name?: string;
  isPrivate?: boolean;
}

export interface UserSetup {
  name?: string;
  realName?: string;
  teamId?: string;
  /** The Grid org of the user's workspace; by default the emulated team's when the user is in it. */
  enterpriseId?: string;
  tz?: string;
  /**
   * The channels this user is in, for the checks that need the user there (chat.postEphemeral). Unset, the user is
   * taken to be in every channel, as channels nobody described are taken on trust.
   */
  channels?: readonly string[];
}

/** A request answered with HTTP 429 because it was over a rate limit; it is not in `calls`. */
export interface RateLimitedCall {
  method: string;
  /** The channel of a chat.postMessage, whose limit is per channel. */
  channel?: string;
  /** Epoch milliseconds. */
  at: number;
  retryAfterSeconds: number;
}

export type InjectedFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 }
  | { error: string };

/** Hands out Socket Mode WebSocket URLs; startSocketModeServer attaches one to answer apps.connections.open. */
export interface SocketModeHost {
  /** A fresh WebSocket URL carrying a one-time ticket, for an app-level (xapp-) token. */
  openConnection(appToken: string): string;
}

export type EmulatorEvent =
  | { type: "call"; call: CallRecord }
  | { type: "response"; id: string; body: unknown }
  | { type: "violation"; message: string }
  | { type: "rate_limited"; call: RateLimitedCall };

export interface SlackApiServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** <url>/api/ — for Bolt's clientOptions.slackApiUrl or SLACK_API_URL. */
  readonly apiUrl: string;
  readonly strict: boolean;
  /** False when Slack's references are missing: argument, type and scope checks are then skipped. */
  readonly referencesAvailable: boolean;
  /** Why some checks are skipped, when they are. */
  readonly referenceNotice: string | undefined;
  readonly team: EmulatedTeam;
  readonly bot: EmulatedBot;
  /** Requests the emulator processed, in arrival order. Injected failures are answered before this point. */
  readonly calls: CallRecord[];
  /** Requests answered with HTTP 429 by the emulator's own rate limits (not failNext), in arrival order. */
  readonly rateLimited: RateLimitedCall[];
  readonly violations: string[];
  /** Doubts that are not breaches, e.g. an argument the (incomplete) reference does not list. */
  readonly warnings: string[];
  /** Bodies posted to each response_url id, in order. */
  readonly responses: Map<string, unknown[]>;
  readonly uploads: UploadedFile[];
  /** Modals and Home tabs the bot opened, published or updated, by view id. */
  readonly views: Map<string, EmulatedView>;
  /** A response_url served by this server; posts to it land in responses.get(id). */
  responseUrl(id: string): string;
  /** A trigger_id that views.open / views.push accept for 3 seconds, once. */
  mintTriggerId(): string;
  /** The next post to response_url `id` not yet handed out by an earlier call; waits for it if need be. */
  waitForResponse(id: string, timeoutMs?: number): Promise<unknown>;
  /** The next call of `method` not yet handed out by an earlier call; waits for it if need be. */
  waitForCall(method: string, timeoutMs?: number): Promise<CallRecord>;
  /**
   * Answers the next request for `method` ("response_url" for response URL posts) with this failure. Queue several
   * to fail several requests. @slack/web-api retries 429s (after Retry-After) and HTTP 500s (with backoff) by
   * itself, so a single one of those reaches the bot only when its client has `retryConfig: { retries: 0 }`.
   */
  failNext(method: string, failure: InjectedFailure): void;
  setChannel(id: string, setup: ChannelSetup): void;
  setUser(id: string, setup: UserSetup): void;
  setTeam(id: string, setup: { name: string; domain?: string }): void;
  onEvent(listener: (event: EmulatorEvent) => void): () => void;
  /** Answer apps.connections.open with URLs from this host (undefined detaches it). */
  attachSocketMode(host: SocketModeHost | undefined): void;
  /** Records a contract breach seen outside the Web API (e.g. an unacknowledged Socket Mode envelope). */
  reportViolation(message: string): void;
  /** Back to the state right after start: recordings, failures, channels, users, views, triggers, rate limits. */
  reset(): void;
  close(): Promise<void>;
}
