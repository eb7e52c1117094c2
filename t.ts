import { applyMigrations } from "./src/db/migrate.js";
const t = setTimeout(() => { console.log("still pending"); process.exit(3); }, 5000);
try { await applyMigrations("file:/proc/tf/x.db"); } catch (e) { console.log("threw", (e as Error).message); }
clearTimeout(t);
