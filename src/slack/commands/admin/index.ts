import { defineGroup } from "../subcommand.js";
import { adminAgency } from "./agency.js";
import { adminArea } from "./area.js";
import { adminAudit } from "./audit.js";
import { adminChannel } from "./channel.js";
import { adminDigest } from "./digest/index.js";
import { adminExport } from "./export.js";
import { adminRole } from "./role.js";
import { adminStateRole } from "./state-role.js";
import { adminTaskForce } from "./taskforce.js";
import { adminUnit } from "./unit.js";
import { adminWorkspace } from "./workspace.js";

/** `/tf admin …`: configuration and oversight, for admins only. */
export const admin = defineGroup({
  name: "admin",
  minimumRole: "admin",
  summary:
    "Roles, partner workspaces, units, agencies, areas, digest schedules, the audit log and exports; task forces and their channels.",
  children: [
    adminRole,
    adminWorkspace,
    adminUnit,
    adminAgency,
    adminArea,
    adminDigest,
    adminAudit,
    adminExport,
    adminTaskForce,
    adminChannel,
    adminStateRole,
  ],
});
