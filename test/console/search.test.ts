import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureAccountIndex, indexDevice } from "../../src/search/index-store.js";
import { interpretQuery } from "../../src/search/terms.js";
import { startService, type TestService } from "../support/service.js";
import { accountBody } from "../support/fixtures.js";

let service: TestService;
beforeAll(async () => {
  service = await startService();
  for (const [accountId, country] of [
    ["search-de", "DE"],
    ["search-us", "US"],
    ["search-at", "AT"],
  ] as const) {
    await service.request("PUT", `/v1/accounts/${accountId}`, { body: accountBody({ country }) });
  }
  const devices: [string, string, string, string][] = [
    ["search-de", "empfang-1", "+49 89 1234567", "DE"],
    ["search-de", "empfang-2", "089 7654321", "DE"],
    ["search-de", "lager", "+49 30 901820", "DE"],
    ["search-us", "front-desk", "(415) 555-2671", "US"],
    ["search-us", "EMPFANG-US", "+1 212 555 0199", "US"],
    ["search-at", "wien-1", "01 5123456", "AT"],
  ];
  for (const [accountId, deviceId, callbackNumber, serviceCountry] of devices) {
    const reply = await service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}`, {
      body: { type: "desk_phone", callbackNumber, serviceCountry },
    });
    expect(reply.status).toBe(201);
  }
});
afterAll(async () => {
  await service.close();
});

const ids = (reply: { body: { items: { accountId: string; deviceId: string }[] } }) =>
  reply.body.items.map((d) => `${d.accountId}/${d.deviceId}`);
const putUsDevice = (accountId: string, deviceId: string, callbackNumber: string) =>
  service.request("PUT", `/v1/accounts/${accountId}/devices/${deviceId}`, {
    body: { type: "desk_phone", callbackNumber, serviceCountry: "US" },
  });
const search = (q: string, key?: string, extra = "") =>
  service.request("GET", `/v1/search?q=${encodeURIComponent(q)}${extra}`, key ? { key } : {});

describe("GET /v1/search", () => {
  it("finds a device by its id, exact match first, case-insensitive prefix after", async () => {
    const reply = await search("empfang-1");
    expect(reply.status).toBe(200);
    expect(ids(reply)[0]).toBe("search-de/empfang-1");
    expect(reply.body.items[0]).toMatchObject({
      match: "deviceId",
      exact: true,
      callbackNumber: "+49891234567",
      callbackNational: "089 1234567",
      status: "pending_location",
      e911Status: "not_enabled",
      displayLine: null,
    });
    expect(ids(await search("EMPF"))).toEqual(["search-de/empfang-1", "search-de/empfang-2", "search-us/EMPFANG-US"]);
  });

  it("lists an account's devices for its account id", async () => {
    const reply = await search("search-de");
    expect(ids(reply)).toEqual(["search-de/empfang-1", "search-de/empfang-2", "search-de/lager"]);
    expect(reply.body.items.every((d: { match: string; exact: boolean }) => d.match === "accountId" && d.exact)).toBe(
      true,
    );
  });

  it.each([
    ["+49 89 1234567"],
    ["+4989 1234567"],
    ["0049 89 1234567"],
    ["089 1234567"],
    ["089/123 45 67"],
    ["(089) 1234567"],
    ["49891234567"],
  ])("finds a callback number typed as %s", async (q) => {
    const reply = await search(q);
    expect(ids(reply)[0]).toBe("search-de/empfang-1");
    expect(reply.body.items[0]).toMatchObject({ match: "callbackNumber", exact: true });
  });

  it("reads a national number in the device's service country only", async () => {
    // 01 5123456 is Vienna in Austria; read in Germany it would be +49 15123456, nobody's number.
    expect(ids(await search("01 5123456"))).toEqual(["search-at/wien-1"]);
    // Read as German only, it is no device's number; its digits still end Vienna's number.
    const asGerman = await search("01 5123456", undefined, "&country=DE");
    expect(asGerman.body.items.map((d: { match: string }) => d.match)).toEqual(["callbackNumberEnd"]);
    expect(ids(await search("415-555-2671"))[0]).toBe("search-us/front-desk");
    expect(ids(await search("1 415 555 2671"))[0]).toBe("search-us/front-desk");
  });

  it("matches incomplete numbers by their beginning and four or more digits by the end", async () => {
    expect(ids(await search("089 12"))).toEqual(["search-de/empfang-1"]);
    expect(ids(await search("+49 89"))).toEqual(["search-de/empfang-1", "search-de/empfang-2"]);
    const byEnd = await search("2671");
    expect(ids(byEnd)).toEqual(["search-us/front-desk"]);
    expect(byEnd.body.items[0].match).toBe("callbackNumberEnd");
  });

  it("follows a changed callback number and keeps deactivated devices findable", async () => {
    await service.request("PUT", `/v1/accounts/search-de/devices/lager`, {
      body: { type: "desk_phone", callbackNumber: "+49 40 1234567", serviceCountry: "DE" },
    });
    expect(ids(await search("+49 30 901820"))).toEqual([]);
    expect(ids(await search("040 1234567"))).toEqual(["search-de/lager"]);
    await service.request("DELETE", `/v1/accounts/search-de/devices/lager`);
    const reply = await search("lager");
    expect(reply.body.items[0]).toMatchObject({ deviceId: "lager", status: "deactivated" });
  });

  it("keeps the later of two index updates that finish out of order, and survives concurrent ones", async () => {
    const device = { accountId: "search-us", deviceId: "racer", serviceCountry: "US" };
    expect(await indexDevice(service.ctx, { ...device, callbackNumber: "+12125550142" }, 7)).toBe(true);
    expect(await indexDevice(service.ctx, { ...device, callbackNumber: "+12125550143" }, 6)).toBe(false);
    const digits = async (q: string) =>
      (await service.ctx.redis.zrangebylex(service.ctx.keys.searchIndex("number"), `[${q}`, `(${q}\x7f`)).length;
    expect(await digits("12125550142")).toBe(1);
    expect(await digits("12125550143")).toBe(0);
    await Promise.all(
      [8, 9, 10, 11].map((v) => indexDevice(service.ctx, { ...device, callbackNumber: `+121255501${v}` }, v)),
    );
    expect(await digits("1212555014")).toBe(0);
    expect(await digits("12125550111")).toBe(1);
    expect(await digits("1212555011")).toBe(1);
  });

  it("shows customer keys their own account only", async () => {
    const customer = await service.key("customer", "search-us");
    expect(ids(await search("empfang", customer))).toEqual(["search-us/EMPFANG-US"]);
    expect(ids(await search("search-de", customer))).toEqual([]);
    expect(ids(await search("+49 89 1234567", customer))).toEqual([]);
    expect(ids(await search("search", customer))).toEqual(["search-us/EMPFANG-US", "search-us/front-desk"]);
    const staff = await service.key("fulfillment");
    expect(ids(await search("+49 89 1234567", staff))).toEqual(["search-de/empfang-1"]);
  });

  it("builds an account's own index when its customer keys first search, and keeps it current after", async () => {
    await service.request("PUT", "/v1/accounts/search-lazy", { body: accountBody() });
    const put = (deviceId: string, callbackNumber: string) => putUsDevice("search-lazy", deviceId, callbackNumber);
    await put("lazy-1", "+1 303 555 0101");
    await put("lazy-2", "+1 303 555 0102");
    const own = service.ctx.keys.searchIndex("number", "search-lazy");
    // Staff search the cross-account sets: an account nobody searched as a customer has none of its own.
    expect(ids(await search("1303555"))).toEqual(["search-lazy/lazy-1", "search-lazy/lazy-2"]);
    expect(await service.ctx.redis.exists(own)).toBe(0);

    const customer = await service.key("customer", "search-lazy");
    expect(ids(await search("+1 303 555", customer))).toEqual(["search-lazy/lazy-1", "search-lazy/lazy-2"]);
    expect(await service.ctx.redis.zcard(own)).toBe(2);

    await put("lazy-2", "+1 720 555 0102");
    await put("lazy-3", "+1 303 555 0103");
    expect(ids(await search("+1 303 555", customer))).toEqual(["search-lazy/lazy-1", "search-lazy/lazy-3"]);
    expect(ids(await search("720 555 0102", customer))).toEqual(["search-lazy/lazy-2"]);
    expect(await service.ctx.redis.zcard(own)).toBe(3);
  });

  it("leaves no stale entry in an account's own index when a device changes while it is built", async () => {
    await service.request("PUT", "/v1/accounts/search-race", { body: accountBody() });
    const put = (deviceId: string, callbackNumber: string) => putUsDevice("search-race", deviceId, callbackNumber);
    await put("r1", "+13035551001");
    await put("r2", "+13035551002");
    // The build reads the devices' records, then r1 changes before the build writes its entries.
    const redis = service.ctx.redis as unknown as { hmget: (...args: unknown[]) => Promise<unknown> };
    const hmget = redis.hmget;
    redis.hmget = async (...args: unknown[]) => {
      redis.hmget = hmget;
      const records = await hmget.apply(service.ctx.redis, args);
      expect((await put("r1", "+17205551001")).status).toBe(200);
      return records;
    };
    try {
      await ensureAccountIndex(service.ctx, "search-race");
    } finally {
      redis.hmget = hmget;
    }
    const own = await service.ctx.redis.zrange(service.ctx.keys.searchIndex("number", "search-race"), "0", "-1");
    expect(own.sort()).toEqual(["13035551002 search-race r2 US", "17205551001 search-race r1 US"]);
  });

  it("refuses an empty or unusable query with a problem, and needs a key", async () => {
    const empty = await search("  ");
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe("q");
    expect((await search("x", undefined, "&country=XX")).status).toBe(400);
    expect((await service.request("GET", "/v1/search?q=abc", { key: null })).status).toBe(401);
    expect((await search("no such thing at all")).body.items).toEqual([]);
  });
});

describe("interpretQuery", () => {
  it("reads national numbers per country, sharing a range read between countries with one calling code", () => {
    const lookups = interpretQuery("415 555 2671", ["US", "CA", "DE"]);
    const national = lookups.filter((l) => l.kind === "number");
    expect(national).toContainEqual({
      kind: "number",
      prefix: "14155552671",
      match: "callbackNumber",
      serviceCountries: ["CA", "US"],
    });
    expect(national).toContainEqual({
      kind: "number",
      prefix: "494155552671",
      match: "callbackNumber",
      serviceCountries: ["DE"],
    });
  });
  it("reads ids and numbers from the same text", () => {
    expect(interpretQuery("12345", []).map((l) => l.kind)).toEqual(["device", "account", "number", "number-suffix"]);
    expect(
      interpretQuery("000028", [])
        .filter((l) => l.kind === "number-suffix")
        .map((l) => l.prefix),
    ).toEqual(["820000"]);
    expect(interpretQuery("a b", [])).toEqual([]);
  });
});
