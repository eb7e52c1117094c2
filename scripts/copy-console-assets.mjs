// `npm run build`: tsc compiles the TypeScript; the local console's page, script and styles are
// files it serves as they are, so they are copied beside the compiled console.
import { cpSync } from "node:fs";

cpSync("src/local/console/assets", "dist/local/console/assets", { recursive: true });
