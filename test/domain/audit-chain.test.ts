import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { auditRowHash, chainVerifier, GENESIS_HASH, nextLink } from "../../src/domain/audit/chain.js";
import { describeChange } from "../../src/domain/audit/change.js";

const row = {
  at: new Date("2025-03-10T15:00:00.123Z"),
  actorUserId: "U0ADMIN001",
  actorTeamId: "T0HOME0001",
  action: "admin.role",
  targetType: "member",
  targetId: "T0HOME0001:U0ANALYST1",
  outcome: "ok",
  before: '{"role":null}',
  after: '{"role":"viewer"}',
  requestId: null,
};

describe("the audit row hash", () => {
  it("is sha256 over the documented canonical form, so a chain can be checked without this code", () => {
    const canonical = `[1,"${GENESIS_HASH}",1741618800123,"U0ADMIN001","T0HOME0001","admin.role","member","T0HOME0001:U0ANALYST1","ok","{\\"role\\":null}","{\\"role\\":\\"viewer\\"}",null]`;
    expect(auditRowHash(1, GENESIS_HASH, row)).toBe(createHash("sha256").update(canonical).digest("hex"));
  });

  it("changes with any field, the place in the chain, and the previous hash", () => {
    const base = auditRowHash(1, GENESIS_HASH, row);
    const variants = [
      auditRowHash(2, GENESIS_HASH, row),
      auditRowHash(1, "f".repeat(64), row),
      auditRowHash(1, GENESIS_HASH, { ...row, at: new Date(row.at.getTime() + 1) }),
      auditRowHash(1, GENESIS_HASH, { ...row, outcome: "denied" }),
      auditRowHash(1, GENESIS_HASH, { ...row, requestId: "null" }),
      auditRowHash(1, GENESIS_HASH, { ...row, before: null }),
    ];
    expect(new Set([base, ...variants]).size).toBe(7);
  });

  it("at version 2 is sha256 over a tagged form that adds the task force, and moves with it", () => {
    const canonical = `["v2",1,"${GENESIS_HASH}",1741618800123,"U0ADMIN001","T0HOME0001","admin.role","member","T0HOME0001:U0ANALYST1","ok","{\\"role\\":null}","{\\"role\\":\\"viewer\\"}",null,7]`;
    const inSeven = { ...row, taskForceId: 7 };
    expect(auditRowHash(1, GENESIS_HASH, inSeven, 2)).toBe(
      createHash("sha256").update(canonical).digest("hex"),
    );
    const hashes = [
      auditRowHash(1, GENESIS_HASH, inSeven, 2),
      auditRowHash(1, GENESIS_HASH, { ...row, taskForceId: 8 }, 2),
      auditRowHash(1, GENESIS_HASH, { ...row, taskForceId: null }, 2),
      auditRowHash(1, GENESIS_HASH, inSeven, 1),
    ];
    expect(new Set(hashes).size).toBe(4);
    // Version 1 never covered the task force: the same row in another one hashes the same.
    expect(auditRowHash(1, GENESIS_HASH, { ...row, taskForceId: 8 }, 1)).toBe(hashes[3]);
    // An absent task force is the state level, the same as null.
    expect(auditRowHash(1, GENESIS_HASH, row, 2)).toBe(hashes[2]);
  });

  it("writes new links at version 2, and verifies version 1 rows followed by version 2 rows", () => {
    const v1 = {
      seq: 1,
      prevHash: GENESIS_HASH,
      hash: auditRowHash(1, GENESIS_HASH, row, 1),
      hashVersion: 1,
    };
    const v2 = nextLink(v1, { ...row, taskForceId: 3 });
    expect(v2).toEqual({
      seq: 2,
      prevHash: v1.hash,
      hash: auditRowHash(2, v1.hash, { ...row, taskForceId: 3 }, 2),
      hashVersion: 2,
    });
    const verifier = chainVerifier();
    expect(verifier.check({ ...row, taskForceId: 5, id: 1, ...v1 })).toBeUndefined();
    expect(verifier.check({ ...row, taskForceId: 4, id: 2, ...v2 })).toEqual({
      id: 2,
      seq: 2,
      reason: "its content does not match its hash (the row was edited)",
    });
    expect(chainVerifier().check({ ...row, id: 1, ...v1, hashVersion: 3 })).toEqual({
      id: 1,
      seq: 1,
      reason: "its hash version (3) is not one this release knows",
    });
    const whole = chainVerifier();
    expect(whole.check({ ...row, id: 1, ...v1 })).toBeUndefined();
    expect(whole.check({ ...row, taskForceId: 3, id: 2, ...v2 })).toBeUndefined();
    expect(whole.finish({ seq: 2, hash: v2.hash })).toBeUndefined();
  });

  it("verifies a chain it built, and names the first row that does not follow", () => {
    const first = nextLink({ seq: 0, hash: GENESIS_HASH }, row);
    const second = nextLink(first, { ...row, after: '{"role":"admin"}' });
    const verifier = chainVerifier();
    expect(verifier.check({ ...row, id: 10, ...first })).toBeUndefined();
    expect(verifier.check({ ...row, id: 11, ...second })).toEqual({
      id: 11,
      seq: 2,
      reason: "its content does not match its hash (the row was edited)",
    });
    expect(verifier.checked).toBe(1);
    expect(verifier.finish({ seq: 1, hash: first.hash })).toBeUndefined();
  });
});

describe("describeChange", () => {
  it("names each field that differs, old value first", () => {
    expect(describeChange('{"role":"viewer"}', '{"role":"leadership"}')).toBe("role: viewer → leadership");
    expect(describeChange('{"role":null}', '{"role":"viewer"}')).toBe("role: none → viewer");
    expect(describeChange('{"agency":"HPD","n":1}', '{"agency":"CSP","n":1}')).toBe("agency: HPD → CSP");
  });

  it("says nothing for a creation, a read, or a change that changed nothing", () => {
    expect(describeChange(null, '{"role":"viewer"}')).toBeUndefined();
    expect(describeChange('{"role":"viewer"}', '{"role":"viewer"}')).toBeUndefined();
  });

  it("escapes stored text, cuts long values and counts the fields it leaves out", () => {
    expect(describeChange('{"name":"a"}', '{"name":"<!channel> & <https://evil.test|x>"}')).toBe(
      "name: a → &lt;!channel&gt; &amp; &lt;https://evil.test|x&gt;",
    );
    expect(describeChange('{"note":""}', `{"note":"${"x".repeat(60)}"}`)).toBe(`note:  → ${"x".repeat(39)}…`);
    expect(describeChange('{"a":1,"b":1,"c":1,"d":1,"e":1}', '{"a":2,"b":2,"c":2,"d":2,"e":2}')).toBe(
      "a: 1 → 2, b: 1 → 2, c: 1 → 2 (+2 more)",
    );
  });
});
