// A local stand-in for slack.com: the Web API at <base>/api/<method>, response_url endpoints and file-upload URLs.
// Tests and local mode both run the bot against it, so it answers the way Slack does and it records every contract
// breach it can see (arguments against Slack's method references, scopes against manifest.yml, Block Kit limits).
// This file is the HTTP side and the checks every method shares; each family of methods has a file of its own.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { checkMessage, checkViewCall } from "../block-kit/check.js";
import { decodeJson, describe, isMissing, isRecord, type Json, tryJson } from "../json-values.js";
import { findProjectRoot, loadSlackReference, type MethodContract } from "../slack-reference.js";
import { chatMethods } from "./chat.js";
import type { EmulatorContext, Methods } from "./context.js";
import { createDirectory } from "./conversations-users.js";
import { createFiles } from "./files.js";
import {
  type Encoding,
  invalidArguments,
  type ParsedCall,
  parseApiCall,
  sendFailure,
  sendJson,
  tokenOf,
} from "./http.js";
import { createRateLimiter } from "./rate-limiter.js";
import { createResponseUrls } from "./response-urls.js";
import type {
  CallRecord,
  EmulatedBot,
  EmulatedTeam,
  EmulatorEvent,
  InjectedFailure,
  RateLimitedCall,
  SlackApiServer,
  SlackApiServerOptions,
  SocketModeHost,
} from "./types.js";
import { createViews } from "./views.js";
import { createWaiters } from "./waiters.js";

const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.postEphemeral", "chat.update"]);
const VIEW_METHODS = new Set(["views.open", "views.push", "views.update", "views.publish"]);
// Arguments Slack documents as "a JSON-encoded string": form bodies must encode them, JSON bodies may nest them.
const JSON_ARGS = new Set(["blocks", "attachments", "unfurled_attachments", "view", "metadata", "files"]);
// Methods that take an app-level token (xapp-…) instead of the bot token.
const APP_TOKEN_METHODS = new Set(["apps.connections.open"]);

let referenceNoticeLogged = false;

export async function startSlackApiServer(options: SlackApiServerOptions = {}): Promise<SlackApiServer> {
  const strict = options.strict ?? false;
  const now = options.now ?? Date.now;
  const team: EmulatedTeam = {
    id: "T0TASKF0RC",
    name: "Task Force (local)",
    domain: "taskforce-local",
    ...options.team,
  };
  const bot: EmulatedBot = {
    userId: "U0TFB0T001",
    botId: "B0TFB0T001",
    appId: "A0TFB0T001",
    name: "task_force_bot",
    ...options.bot,
  };

  const reference = loadSlackReference(options.referenceRoot ? { root: options.referenceRoot } : {});
  const referenceNotice = reference.available
    ? undefined
    : `Slack references not found at ${reference.root}: the Slack emulator skips argument, type, scope and ` +
      "rate-tier checks (Block Kit limits, text fallbacks and chat.postMessage's per-channel limit still apply).";
  if (referenceNotice && !referenceNoticeLogged) {
    referenceNoticeLogged = true;
    (options.log ?? console.warn)(referenceNotice);
  }
  const manifestScopes = readManifestScopes(options.manifestPath);

  const calls: CallRecord[] = [];
  const rateLimited: RateLimitedCall[] = [];
  const violations: string[] = [];
  const warnings: string[] = [];
  const failures = new Map<string, InjectedFailure[]>();
  const listeners = new Set<(event: EmulatorEvent) => void>();
  const callCursor = new Map<string, number>();
  let counter = 0;
  let socketMode: SocketModeHost | undefined;

  function emit(event: EmulatorEvent): void {
    for (const listener of listeners) listener(event);
  }

  function addViolation(message: string): void {
    violations.push(message);
    emit({ type: "violation", message });
  }

  function warn(message: string): void {
    if (!warnings.includes(message)) warnings.push(message);
  }

  const context: EmulatorContext = {
    team,
    bot,
    now,
    manifestScopes,
    baseUrl: "",
    nextId: () => ++counter,
    addViolation,
    emit,
  };
  const waiters = createWaiters((kind) =>
    kind === "call" ? ` Calls so far: ${calls.map((c) => c.method).join(", ") || "none"}.` : "",
  );
  const directory = createDirectory(context);
  const views = createViews(context);
  const files = createFiles(context, directory);
  const responseUrls = createResponseUrls(context, strict, waiters);
  const rateLimiter = options.rateLimits === false ? undefined : createRateLimiter(now);

  const handlers: Methods = {
    "apps.connections.open": (_args, token) => {
      if (!socketMode) {
        return {
          body: { ok: false, error: "internal_error" },
          violation:
            "apps.connections.open: this emulator has no Socket Mode server; start one with startSocketModeServer " +
            "(src/emulator/socket-mode-server.ts)",
        };
      }
      return { body: { ok: true, url: socketMode.openConnection(token) } };
    },
    ...directory.methods,
    ...chatMethods(context, directory),
    ...views.methods,
    ...files.methods,
  };

  function recordCall(call: CallRecord): void {
    calls.push(call);
    emit({ type: "call", call });
    waiters.deliver(
      "call",
      call.method,
      calls.filter((c) => c.method === call.method),
      callCursor,
    );
  }

  function takeFailure(key: string): InjectedFailure | undefined {
    return failures.get(key)?.shift();
  }

  function validateCall(method: string, call: ParsedCall, contract: MethodContract | undefined): string[] {
    const problems: string[] = [];
    if (contract) {
      for (const name of contract.required) {
        const present = name === "token" ? tokenOf(call) !== undefined : !isMissing(call.args[name]);
        if (!present) problems.push(`missing required argument \`${name}\``);
      }
      for (const [name, value] of Object.entries(call.args)) {
        const arg = contract.args.get(name);
        if (!arg) {
          warn(
            `${method}: argument \`${name}\` is not in Slack's reference (the scrape has gaps; check the docs)`,
          );
          continue;
        }
        const problem = checkArgType(name, value, arg.types, call.encoding, arg.minimum, arg.maximum);
        if (problem) problems.push(problem);
      }
      if (contract.botScopes.length > 0 && manifestScopes) {
        if (!contract.botScopes.some((s) => manifestScopes.has(s))) {
          const needed = contract.botScopes.join(" or ");
          problems.push(
            `needs bot scope ${needed}, which manifest.yml does not declare (it has: ${[...manifestScopes].join(", ")})`,
          );
        }
      }
      if (call.encoding === "json" && contract.jsonInputSupported !== true) {
        warn(`${method}: sent as JSON, but Slack's reference does not say this method accepts JSON bodies`);
      }
    }
    if (MESSAGE_METHODS.has(method)) problems.push(...checkMessage(call.args));
    if (VIEW_METHODS.has(method)) problems.push(...checkViewCall(method, call.args));
    return problems;
  }

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const injected = takeFailure(method);
    if (injected) return sendFailure(res, injected);

    let call: ParsedCall;
    try {
      call = await parseApiCall(req);
    } catch (error) {
      const message = `${method}: request body could not be parsed (${(error as Error).message})`;
      addViolation(message);
      return sendJson(res, 200, { ok: false, error: "invalid_form_data" });
    }
    const at = now();
    const record = (response: Json) => {
      const error = typeof response.error === "string" ? response.error : undefined;
      const args = Object.fromEntries(
        Object.entries(call.args).map(([k, v]) => [k, JSON_ARGS.has(k) ? decodeJson(v) : v]),
      );
      recordCall({
        method,
        args,
        at,
        token: tokenOf(call),
        encoding: call.encoding,
        ok: response.ok === true,
        ...(error ? { error } : {}),
        response,
      });
      sendJson(res, 200, response, manifestScopes);
    };

    const contract = reference.method(method);
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (!handler) {
      addViolation(
        contract || !reference.available
          ? `${method}: the Slack emulator does not implement this method; add it to src/emulator/web-api/`
          : `${method}: Slack has no such Web API method`,
      );
      return record({ ok: false, error: "unknown_method" });
    }
    const token = tokenOf(call);
    if (token === undefined) {
      addViolation(`${method}: no token (neither an Authorization: Bearer header nor a token argument)`);
      return record({ ok: false, error: "not_authed" });
    }
    // Slack reads a JSON body's token from the header only.
    if (call.encoding === "json" && call.headerToken === undefined) {
      addViolation(
        `${method}: a JSON body must carry its token in the Authorization header; Slack ignores it in the body`,
      );
      return record({ ok: false, error: "not_authed" });
    }
    // apps.connections.open refuses anything but an app-level token with invalid_auth (which @slack/socket-mode
    // treats as unrecoverable rather than retrying); every other method refuses an app-level token.
    if (APP_TOKEN_METHODS.has(method)) {
      if (!token.startsWith("xapp-")) return record({ ok: false, error: "invalid_auth" });
    } else if (token.startsWith("xapp-")) {
      addViolation(`${method}: called with the app-level token; only apps.connections.open takes one`);
      return record({ ok: false, error: "not_allowed_token_type" });
    } else if (options.botToken !== undefined && token !== options.botToken) {
      return record({ ok: false, error: "invalid_auth" });
    }

    if (rateLimiter) {
      const channel =
        method === "chat.postMessage" && typeof call.args.channel === "string"
          ? directory.resolveChannelId(call.args.channel)
          : undefined;
      const retryAfterSeconds = rateLimiter.admit(method, contract?.rateTier, channel);
      if (retryAfterSeconds !== undefined) {
        const limited: RateLimitedCall = { method, ...(channel ? { channel } : {}), at, retryAfterSeconds };
        rateLimited.push(limited);
        emit({ type: "rate_limited", call: limited });
        return sendFailure(res, { status: 429, retryAfterSeconds });
      }
    }

    const problems = validateCall(method, call, contract).map((p) => `${method}: ${p}`);
    for (const p of problems) addViolation(p);
    if (strict && problems.length > 0) return record(invalidArguments(problems));

    const result = handler(call.args, token);
    if (result.violation) addViolation(result.violation);
    record(result.body);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", context.baseUrl).pathname;
    const [, area, rest] = path.match(/^\/(api|response|upload)\/(.+)$/) ?? [];
    if (!area || !rest || req.method !== "POST") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const key = decodeURIComponent(rest);
    if (area === "api") return handleApi(key, req, res);
    if (area === "response") {
      const injected = takeFailure("response_url");
      if (injected) return sendFailure(res, injected);
      return responseUrls.handle(key, req, res);
    }
    return files.handleUpload(key, req, res);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      addViolation(`Slack emulator failed on ${req.method} ${req.url}: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  context.baseUrl = `http://${host}:${address.port}`;

  return {
    url: context.baseUrl,
    apiUrl: `${context.baseUrl}/api/`,
    strict,
    referencesAvailable: reference.available,
    referenceNotice,
    team,
    bot,
    calls,
    rateLimited,
    violations,
    warnings,
    responses: responseUrls.responses,
    uploads: files.uploads,
    views: views.views,
    responseUrl: responseUrls.responseUrl,
    mintTriggerId: views.mintTriggerId,
    waitForResponse(id, timeoutMs = 2_000) {
      return responseUrls.waitForResponse(id, timeoutMs);
    },
    waitForCall(method, timeoutMs = 2_000) {
      const seen = calls.filter((c) => c.method === method);
      return waiters.waitFor("call", method, seen, callCursor, timeoutMs);
    },
    failNext(method, failure) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    setChannel: directory.setChannel,
    setUser: directory.setUser,
    setTeam: directory.setTeam,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attachSocketMode(host) {
      socketMode = host;
    },
    reportViolation(message) {
      addViolation(message);
    },
    reset() {
      calls.length = 0;
      rateLimited.length = 0;
      violations.length = 0;
      warnings.length = 0;
      failures.clear();
      callCursor.clear();
      directory.reset();
      views.reset();
      files.reset();
      responseUrls.reset();
      rateLimiter?.reset();
    },
    async close() {
      waiters.failAll(new Error("Slack emulator closed"));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

function readManifestScopes(manifestPath: string | undefined): Set<string> | undefined {
  const path = manifestPath ?? join(findProjectRoot(), "manifest.yml");
  if (!existsSync(path)) {
    if (manifestPath) throw new Error(`Slack emulator: manifest not found at ${manifestPath}`);
    return undefined;
  }
  const manifest: unknown = parseYaml(readFileSync(path, "utf8"));
  const oauth = isRecord(manifest) ? manifest.oauth_config : undefined;
  const scopes = isRecord(oauth) ? oauth.scopes : undefined;
  const botScopes = isRecord(scopes) ? scopes.bot : undefined;
  return new Set(Array.isArray(botScopes) ? botScopes.filter((s): s is string => typeof s === "string") : []);
}

function checkArgType(
  name: string,
  value: unknown,
  types: readonly string[],
  encoding: Encoding,
  minimum: number | undefined,
  maximum: number | undefined,
): string | undefined {
  if (types.length === 0) return undefined;
  // Form bodies can only carry strings; JSON bodies may nest what Slack documents as a JSON-encoded string.
  const accepted = types.some((type) => {
    switch (type) {
      case "string":
        return (
          typeof value === "string" ||
          (JSON_ARGS.has(name) && encoding === "json" && typeof value === "object")
        );
      case "integer":
        return Number.isInteger(value) || (typeof value === "string" && /^-?\d+$/.test(value));
      case "number":
        return (
          typeof value === "number" ||
          (typeof value === "string" && value.trim() !== "" && !Number.isNaN(+value))
        );
      case "boolean":
        return typeof value === "boolean" || (typeof value === "string" && /^(true|false|1|0)$/.test(value));
      case "array":
        return Array.isArray(value) || (typeof value === "string" && Array.isArray(tryJson(value)));
      case "object":
        return isRecord(value) || (typeof value === "string" && isRecord(tryJson(value)));
      case "null":
        return value === null;
      default:
        return true;
    }
  });
  if (!accepted) return `argument \`${name}\` should be ${types.join(" or ")}, got ${describe(value)}`;
  const numeric = types.includes("integer") || types.includes("number") ? Number(value) : Number.NaN;
  if (!Number.isNaN(numeric)) {
    if (minimum !== undefined && numeric < minimum)
      return `argument \`${name}\` is ${numeric}, below the minimum ${minimum}`;
    if (maximum !== undefined && numeric > maximum)
      return `argument \`${name}\` is ${numeric}, above the maximum ${maximum}`;
  }
  return undefined;
}
