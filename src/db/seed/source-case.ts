/**
 * The reference data of the source case: a joint task force in a city of 17 neighbourhoods.
 * It is only the default: admins add, rename and retire entries at run time, and seeding never
 * overwrites or resurrects what they changed.
 */
export interface ReferenceData {
  agencies: Array<{ code: string; name: string }>;
  units: Array<{ code: string; name: string }>;
  areas: Array<{ code: string; name: string; kind: "neighborhood" | "highway" }>;
}

const neighborhoods = [
  "Asylum Hill",
  "Barry Square",
  "Behind the Rocks",
  "Blue Hills",
  "Clay Arsenal",
  "Downtown",
  "Frog Hollow",
  "North East",
  "North Meadows",
  "Parkville",
  "Sheldon-Charter Oak",
  "South End",
  "South Green",
  "South Meadows",
  "Southwest",
  "Upper Albany",
  "West End",
];

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export const sourceCase: ReferenceData = {
  agencies: [
    { code: "HPD", name: "City Police Department" },
    { code: "CSP", name: "State Police" },
    { code: "DOC", name: "Department of Correction (Parole)" },
    { code: "ATF", name: "Bureau of Alcohol, Tobacco, Firearms and Explosives" },
    { code: "FBI", name: "Federal Bureau of Investigation" },
    { code: "DEA", name: "Drug Enforcement Administration" },
    { code: "USMS", name: "U.S. Marshals Service" },
    { code: "HSI", name: "Homeland Security Investigations" },
  ],
  units: [
    { code: "vctf", name: "Violent Crimes Task Force" },
    { code: "sntf", name: "Statewide Narcotics Task Force" },
    { code: "attf", name: "Auto Theft Task Force" },
    { code: "tsu", name: "Traffic Services Unit" },
    { code: "parole", name: "Parole Supervision" },
  ],
  areas: [
    ...neighborhoods.map((name) => ({ code: slugify(name), name, kind: "neighborhood" as const })),
    { code: "i-84-ramps", name: "I-84 ramps", kind: "highway" },
    { code: "i-91-ramps", name: "I-91 ramps", kind: "highway" },
  ],
};
