// The Slack Web API emulator's public entry point; the implementation lives in ./web-api/, a file per method family.
export { startSlackApiServer } from "./web-api/server.js";
export type * from "./web-api/types.js";
