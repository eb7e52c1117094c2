// files.* (upload v2): the bot asks for an upload URL, posts the bytes there, then completes the upload.
import type { IncomingMessage, ServerResponse } from "node:http";
import { decodeJson, isRecord, type Json } from "../json-values.js";
import { readBody } from "../request-body.js";
import type { EmulatorContext, Methods } from "./context.js";
import type { Directory } from "./conversations-users.js";
import { formData, MAX_BODY_BYTES, mediaType } from "./http.js";
import type { UploadedFile } from "./types.js";

export interface Files {
  methods: Methods;
  readonly uploads: UploadedFile[];
  /** The upload URL files.getUploadURLExternal handed out: <base>/upload/<file id>. */
  handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void>;
  reset(): void;
}

export function createFiles(context: EmulatorContext, directory: Directory): Files {
  const { team, bot, now } = context;
  const uploads: UploadedFile[] = [];

  function fileObject(upload: UploadedFile): Json {
    const created = Math.floor(now() / 1000);
    return {
      id: upload.id,
      created,
      timestamp: created,
      name: upload.filename,
      title: upload.title ?? upload.filename,
      mimetype: "",
      filetype: upload.filename.includes(".") ? upload.filename.split(".").pop() : "",
      user: bot.userId,
      user_team: team.id,
      size: upload.bytes?.length ?? 0,
      is_external: false,
      url_private: `${context.baseUrl}/files/${upload.id}/${encodeURIComponent(upload.filename)}`,
      permalink: `https://${team.domain}.slack.com/files/${bot.userId}/${upload.id}/${encodeURIComponent(upload.filename)}`,
      shares: {},
      channels: upload.channelId ? [upload.channelId] : [],
    };
  }

  const methods: Methods = {
    "files.getUploadURLExternal": (args) => {
      const id = `F${String(context.nextId()).padStart(10, "0")}`;
      uploads.push({
        id,
        filename: String(args.filename ?? ""),
        length: Number(args.length),
        ...(typeof args.alt_text === "string" ? { altText: args.alt_text } : {}),
        ...(typeof args.alt_txt === "string" ? { altText: args.alt_txt } : {}),
        ...(typeof args.snippet_type === "string" ? { snippetType: args.snippet_type } : {}),
        completed: false,
      });
      return { body: { ok: true, upload_url: `${context.baseUrl}/upload/${id}`, file_id: id } };
    },
    "files.completeUploadExternal": (args) => {
      const files = decodeJson(args.files);
      if (!Array.isArray(files)) return { body: { ok: false, error: "invalid_arguments" } };
      const channelId =
        typeof args.channel_id === "string"
          ? args.channel_id
          : typeof args.channels === "string"
            ? args.channels.split(",")[0]
            : undefined;
      if (channelId) {
        const denied = directory.postingDenied(channelId);
        if (denied) return { body: { ok: false, error: denied } };
      }
      const done: Json[] = [];
      for (const entry of files) {
        const upload = isRecord(entry) ? uploads.find((u) => u.id === entry.id) : undefined;
        if (!upload?.bytes) {
          const why = upload ? "its bytes were never uploaded" : "no such file id";
          return {
            body: { ok: false, error: "file_not_found" },
            violation: `files.completeUploadExternal: file ${String(isRecord(entry) ? entry.id : entry)}: ${why}`,
          };
        }
        upload.completed = true;
        if (isRecord(entry) && typeof entry.title === "string") upload.title = entry.title;
        if (channelId) upload.channelId = channelId;
        if (typeof args.initial_comment === "string") upload.initialComment = args.initial_comment;
        if (typeof args.thread_ts === "string") upload.threadTs = args.thread_ts;
        done.push(fileObject(upload));
      }
      return { body: { ok: true, files: done } };
    },
  };

  async function handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const upload = uploads.find((u) => u.id === fileId);
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (!upload) {
      res.writeHead(404, { "content-type": "text/plain" }).end("file not found");
      return;
    }
    // @slack/web-api posts the bytes as multipart/form-data; curl-style clients post them raw.
    let bytes = raw;
    if (mediaType(req) === "multipart/form-data") {
      const form = await formData(req, raw);
      const file = [...form.values()].find((v) => typeof v !== "string");
      bytes = file && typeof file !== "string" ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
    }
    upload.bytes = bytes;
    if (bytes.length !== upload.length) {
      context.addViolation(
        `upload ${fileId}: ${bytes.length} bytes uploaded, but files.getUploadURLExternal announced ${upload.length}`,
      );
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${bytes.length}`);
  }

  return {
    methods,
    uploads,
    handleUpload,
    reset() {
      uploads.length = 0;
    },
  };
}
