import { describe, expect, it } from "vitest";
import {
  drugCatalog,
  drugNames,
  findDrug,
  type NibrsDrugCode,
  nibrsDrugTypes,
  nibrsLabel,
} from "../../src/domain/seizures/drug-catalog.js";
import { activityItemKeys, seizureAttributeKeys } from "../../src/domain/seizures/seizure-items.js";

describe("drug catalog", () => {
  it("maps the names detectives use to NIBRS suspected drug types", () => {
    const expected: Array<[string, string, NibrsDrugCode]> = [
      ["fentanyl", "fentanyl", "H"],
      ["fent", "fentanyl", "H"],
      ["heroin", "heroin", "D"],
      ["cocaine", "cocaine", "B"],
      ["coke", "cocaine", "B"],
      ["crack", "crack", "A"],
      ["marijuana", "marijuana", "E"],
      ["cannabis", "marijuana", "E"],
      ["weed", "marijuana", "E"],
      ["hashish", "hashish", "C"],
      ["hash", "hashish", "C"],
      ["meth", "meth", "L"],
      ["methamphetamine", "meth", "L"],
      ["crystal", "meth", "L"],
      ["amphetamine", "amphetamine", "L"],
      ["mdma", "mdma", "K"],
      ["ecstasy", "mdma", "K"],
      ["molly", "mdma", "K"],
      ["oxycodone", "oxycodone", "H"],
      ["oxy", "oxycodone", "H"],
      ["percocet", "oxycodone", "H"],
      ["pills", "pills", "P"],
      ["xanax", "xanax", "P"],
      ["alprazolam", "xanax", "P"],
      ["pcp", "pcp", "J"],
      ["lsd", "lsd", "I"],
      ["morphine", "morphine", "F"],
      ["opium", "opium", "G"],
      ["psilocybin", "psilocybin", "K"],
      ["mushrooms", "psilocybin", "K"],
      ["k2", "k2", "P"],
      ["synthetic-cannabinoids", "k2", "P"],
      ["unknown", "unknown", "U"],
    ];
    for (const [typed, name, code] of expected) {
      expect(findDrug(typed), typed).toMatchObject({ name, code, label: nibrsLabel(code) });
    }
  });

  it("gives each entry its NIBRS label", () => {
    expect(findDrug("fentanyl")).toEqual({
      name: "fentanyl",
      code: "H",
      label: "Other Narcotics",
      aliases: ["fent"],
    });
    expect(findDrug("meth")?.label).toBe("Amphetamines/Methamphetamines");
    expect(findDrug("unknown")?.label).toBe("Unknown");
  });

  it("ignores case, hyphens, underscores and spaces", () => {
    expect(findDrug("FENTANYL")?.name).toBe("fentanyl");
    expect(findDrug("Crystal_Meth")?.name).toBe("meth");
    expect(findDrug("crystalmeth")?.name).toBe("meth");
    expect(findDrug("crystal meth")?.name).toBe("meth");
    expect(findDrug(" Magic-Mushrooms ")?.name).toBe("psilocybin");
    expect(findDrug("unknown_pills")?.name).toBe("pills");
  });

  it("knows nothing of other words", () => {
    expect(findDrug("fentanil")).toBeUndefined();
    expect(findDrug("guns")).toBeUndefined();
    expect(findDrug("")).toBeUndefined();
  });

  it("lists every name and alias for suggestions, without clashing with other option keys", () => {
    const names = drugNames();
    expect(names).toContain("fentanyl");
    expect(names).toContain("coke");
    expect(names).toContain("synthetic-cannabinoids");
    expect(names.length).toBe(drugCatalog.reduce((sum, drug) => sum + 1 + drug.aliases.length, 0));
    expect(new Set(names.map((n) => n.replace(/-/g, ""))).size).toBe(names.length);
    const itemKeys = ["guns", "stolen-guns", "ghost-guns", "conversion-devices", "switches", "cash"];
    for (const key of [
      ...itemKeys,
      "vehicles",
      "arrests",
      "warrants",
      ...activityItemKeys,
      ...seizureAttributeKeys,
    ]) {
      expect(findDrug(key), key).toBeUndefined();
    }
    // Every name must survive the tokenizer's option-key pattern.
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it("labels every NIBRS code", () => {
    expect(Object.keys(nibrsDrugTypes).join("")).toBe("ABCDEFGHIJKLMNOPU");
    expect(nibrsLabel("A")).toBe("Crack Cocaine");
    expect(nibrsLabel("B")).toBe("Cocaine");
    expect(nibrsLabel("H")).toBe("Other Narcotics");
    expect(nibrsLabel("K")).toBe("Other Hallucinogens");
    expect(nibrsLabel("P")).toBe("Other Drugs");
    expect(nibrsLabel("U")).toBe("Unknown");
  });
});
