/** The incident kinds CompStat counts. Stored as these strings on both engines. */
export const incidentKinds = ["shooting", "stolen_vehicle", "recovered_vehicle"] as const;
export type IncidentKind = (typeof incidentKinds)[number];

export const incidentKindLabels: Record<IncidentKind, string> = {
  shooting: "shooting",
  stolen_vehicle: "stolen vehicle",
  recovered_vehicle: "recovered vehicle",
};
