import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { accountBody, portConsent } from "../support/fixtures.js";

let service: TestService;
let staff: string;
beforeAll(async () => {
  service = await startService({ workers: true });
  staff = await service.key("fulfillment");
});
afterAll(async () => {
  await service.close();
});

const BASE = ["validations_completed", "network_ready", "donor_activation_requested"];

async function account(accountId: string, overrides: Record<string, unknown> = {}) {
  const reply = await service.request("PUT", `/v1/accounts/${accountId}`, {
    body: accountBody({ country: "DE", locale: "de", ...overrides }),
  });
  expect(reply.status).toBeLessThan(300);
}

async function open(accountId: string, body: Record<string, unknown>) {
  const reply = await service.request("POST", `/v1/accounts/${accountId}/port-requests`, {
    body: { consent: portConsent(), ...body },
  });
  expect(reply.status, reply.text).toBe(201);
  return reply.body as { id: string; version: number };
}

const path = (accountId: string, id: string) => `/v1/accounts/${accountId}/port-requests/${id}`;

async function satisfyAll(accountId: string, id: string, names: string[], at?: string) {
  let last: any;
  for (const name of names) {
    last = await service.request("PUT", `${path(accountId, id)}/requirements/${name}`, {
      key: staff,
      body: { satisfied: true, note: `${name} done`, ...(at ? { at } : {}) },
    });
    expect(last.status, last.text).toBe(200);
  }
  return last;
}

async function notices(accountId: string, type?: string) {
  const reply = await service.request("GET", `/v1/accounts/${accountId}/notifications${type ? `?type=${type}` : ""}`);
  return reply.body.items as { type: string; channel: string; body: string; subject: string; locale: string }[];
}

describe("port requests", () => {
  it("opens a request: numbers in E.164, requirements per country, zone from the region", async () => {
    await account("port-open", { country: "AU", locale: "en" });
    const created = await open("port-open", {
      numbers: ["(03) 9123 4567"],
      country: "AU",
      region: "AU-VIC",
      donorProvider: "Telstra",
    });
    expect(created).toMatchObject({
      numbers: ["+61391234567"],
      country: "AU",
      region: "AU-VIC",
      timeZone: "Australia/Melbourne",
      status: "awaiting_requirements",
      agreedDate: null,
      deadline: null,
      version: 1,
    });
    expect(Object.keys((created as any).requirements).sort()).toEqual([...BASE, "underlying_carrier_ported"].sort());
  });

  it("reads a request stored before consent and compensation existed as having neither", async () => {
    await account("port-legacy");
    const created = await open("port-legacy", { numbers: ["+493012345699"], country: "DE", donorProvider: "Telekom" });
    const key = service.ctx.keys.portRequest("port-legacy", created.id);
    const raw = (await service.ctx.redis.get(key))!;
    const bar = raw.indexOf("|");
    const { consent: _c, compensation: _k, ...older } = JSON.parse(raw.slice(bar + 1));
    await service.ctx.redis.set(key, `${raw.slice(0, bar)}|${JSON.stringify(older)}`);
    const read = await service.request("GET", path("port-legacy", created.id));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.id, consent: null, compensation: null, version: created.version });
  });

  it("refuses bad input naming the field and changes nothing", async () => {
    await account("port-bad");
    const invalid = await service.request("POST", "/v1/accounts/port-bad/port-requests", {
      body: { numbers: ["+49 89 1234567", "12"], country: "DE", donorProvider: "Telekom" },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.type).toMatch(/invalid-number$/);
    expect(invalid.body.errors).toEqual([{ path: "numbers.1", message: expect.stringContaining("DE") }]);
    const foreign = await service.request("POST", "/v1/accounts/port-bad/port-requests", {
      body: { numbers: ["+14155552671"], country: "DE", donorProvider: "Telekom" },
    });
    expect(foreign.body.errors[0].path).toBe("numbers.0");
    const tooMany = await service.request("POST", "/v1/accounts/port-bad/port-requests", {
      body: {
        numbers: Array.from({ length: 1001 }, (_, i) => `+4989${String(1000000 + i)}`),
        country: "DE",
        donorProvider: "Telekom",
      },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].path).toBe("numbers");
    const region = await service.request("POST", "/v1/accounts/port-bad/port-requests", {
      body: { numbers: ["+49891234567"], country: "DE", region: "AU-VIC", donorProvider: "Telekom" },
    });
    expect(region.body.errors[0].path).toBe("region");
    const unavailable = await service.request("POST", "/v1/accounts/port-bad/port-requests", {
      body: {
        numbers: ["+49891234567"],
        country: "DE",
        donorProvider: "Rheinfeld Telefonie GmbH",
        consent: portConsent(),
      },
    });
    expect(unavailable.status).toBe(422);
    expect(unavailable.body.type).toMatch(/porting-unavailable$/);
    expect((await service.request("GET", "/v1/accounts/port-bad/port-requests")).body.items).toEqual([]);
  });

  it("refuses a number already in another open request (409), and frees it when that one is cancelled", async () => {
    await account("port-dup");
    const first = await open("port-dup", { numbers: ["+49301234567"], country: "DE", donorProvider: "Telekom" });
    const again = await service.request("POST", "/v1/accounts/port-dup/port-requests", {
      body: {
        numbers: ["+49 30 7654321", "030 1234567"],
        country: "DE",
        donorProvider: "Telekom",
        consent: portConsent(),
      },
    });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/number-in-open-request$/);
    expect(again.body.errors[0].path).toBe("numbers.1");
    await service.request("POST", `${path("port-dup", first.id)}/cancel`, {
      key: staff,
      body: { reason: "customer changed mind" },
    });
    await open("port-dup", { numbers: ["+49301234567"], country: "DE", donorProvider: "Telekom" });
  });

  it("is scheduled exactly when every requirement is met and a date agreed; one notice per change, even when retried", async () => {
    await account("port-flow", { country: "DE", locale: "de" });
    const { id } = await open("port-flow", {
      numbers: ["+49891234567"],
      country: "DE",
      region: "DE-BY",
      donorProvider: "Telekom",
    });
    await service.request("PUT", `${path("port-flow", id)}/agreed-date`, { key: staff, body: { date: "2026-12-24" } });
    let current = await satisfyAll("port-flow", id, BASE.slice(0, 2), "2026-11-20T10:00:00+01:00");
    expect(current.body.status).toBe("awaiting_requirements");
    current = await satisfyAll("port-flow", id, BASE.slice(2), "2026-11-20T11:00:00+01:00");
    expect(current.body.status).toBe("scheduled");
    expect(current.body.deadline).toMatchObject({ date: "2026-12-28", at: "2026-12-28T23:59:59.999+01:00" });
    expect(current.body.deadline.skipped.map((s: { date: string }) => s.date)).toEqual([
      "2026-12-25",
      "2026-12-26",
      "2026-12-27",
    ]);
    // A retried request changes nothing and sends nothing.
    const retry = await service.request("PUT", `${path("port-flow", id)}/requirements/network_ready`, {
      key: staff,
      body: { satisfied: true },
    });
    expect(retry.body.version).toBe(current.body.version);
    const scheduled = await notices("port-flow", "port.transfer_scheduled");
    expect(scheduled).toHaveLength(1);
    expect(scheduled[0]!.body).toContain(
      new Intl.DateTimeFormat("de", { dateStyle: "long", timeZone: "Europe/Berlin" }).format(
        new Date("2026-12-24T12:00:00Z"),
      ),
    );
    expect(scheduled[0]!.body).toContain("28. Dezember 2026");

    const moved = await service.request("PUT", `${path("port-flow", id)}/agreed-date`, {
      key: staff,
      body: { date: "2027-01-05", reason: "Donor requested a later date" },
    });
    expect(moved.body).toMatchObject({
      status: "scheduled",
      agreedDate: "2027-01-05",
      deadline: { date: "2027-01-07" },
    });
    expect(moved.body.deadline.skipped).toEqual([
      { date: "2027-01-06", reason: expect.stringMatching(/Epiphany|Heilige Drei Könige/) },
    ]);
    expect(moved.body.agreedDateHistory.map((h: { date: string }) => h.date)).toEqual(["2026-12-24", "2027-01-05"]);
    const changed = await notices("port-flow", "port.date_changed");
    expect(changed).toHaveLength(1);
    expect(changed[0]!.body).toContain("5. Januar 2027");
    expect(changed[0]!.body).toContain("Donor requested a later date");

    const withdrawn = await service.request("PUT", `${path("port-flow", id)}/requirements/network_ready`, {
      key: staff,
      body: { satisfied: false, note: "line fault" },
    });
    expect(withdrawn.body).toMatchObject({ status: "awaiting_requirements", deadline: null });
    expect(withdrawn.body.requirements.network_ready).toMatchObject({ satisfied: false, note: "line fault" });
    expect(await notices("port-flow", "port.delayed")).toHaveLength(1);

    const back = await satisfyAll("port-flow", id, ["network_ready"]);
    expect(back.body.status).toBe("scheduled");
    expect(await notices("port-flow", "port.transfer_scheduled")).toHaveLength(2);

    const done = await service.request("POST", `${path("port-flow", id)}/complete`, {
      key: staff,
      body: { activatedAt: "2026-11-23T09:00:00+01:00" },
    });
    expect(done.body).toMatchObject({
      status: "completed",
      completedOnTime: true,
      completedAt: "2026-11-23T08:00:00.000Z",
    });
    expect(await notices("port-flow", "port.completed")).toHaveLength(1);
    const cancel = await service.request("POST", `${path("port-flow", id)}/cancel`, { key: staff });
    expect(cancel.status).toBe(409);
    expect(cancel.body.type).toMatch(/invalid-transition$/);

    const timeline = await service.request("GET", `${path("port-flow", id)}/history`);
    const events = timeline.body.items.map((e: { event: string; field?: string }) => `${e.event}:${e.field ?? ""}`);
    expect(events[0]).toBe("status:status");
    expect(events).toContain("completed:completedAt");
    expect(events.at(-1)).toBe("created:");
    expect(timeline.body.items.find((e: { field?: string }) => e.field === "network_ready")).toMatchObject({
      old: false,
      new: true,
      by: expect.stringContaining("test fulfillment"),
    });
  });

  it("refuses unknown requirement names, future `at`, impossible and far dates, and completing an unscheduled request", async () => {
    await account("port-rules", { country: "AU", locale: "en" });
    const { id } = await open("port-rules", {
      numbers: ["+61291234567"],
      country: "AU",
      region: "AU-NSW",
      donorProvider: "Telstra",
    });
    const unknown = await service.request("PUT", `${path("port-rules", id)}/requirements/stfc_carrier_confirmed`, {
      key: staff,
      body: { satisfied: true },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].path).toBe("name");
    const future = await service.request("PUT", `${path("port-rules", id)}/requirements/network_ready`, {
      key: staff,
      body: { satisfied: true, at: "2099-01-01T00:00:00Z" },
    });
    expect(future.body.errors[0].path).toBe("at");
    for (const date of ["2026-02-30", "2031-01-01", "26-12-01"]) {
      const bad = await service.request("PUT", `${path("port-rules", id)}/agreed-date`, { key: staff, body: { date } });
      expect(bad.status, date).toBe(400);
      expect(bad.body.errors[0].path).toMatch(/date|agreedDate/);
    }
    const early = await service.request("POST", `${path("port-rules", id)}/complete`, { key: staff });
    expect(early.status).toBe(409);
    const customer = await service.key("customer", "port-rules");
    expect(
      (
        await service.request("PUT", `${path("port-rules", id)}/requirements/network_ready`, {
          key: customer,
          body: { satisfied: true },
        })
      ).status,
    ).toBe(403);
    const current = await service.request("GET", path("port-rules", id));
    expect(current.body.version).toBe(1);
  });

  it("marks a request overdue when its deadline passes (worker), once, with the EU compensation notice", async () => {
    await account("port-late", { country: "NL", locale: "nl" });
    const { id } = await open("port-late", { numbers: ["+31201234567"], country: "NL", donorProvider: "KPN" });
    await service.request("PUT", `${path("port-late", id)}/agreed-date`, { key: staff, body: { date: "2026-11-02" } });
    const scheduled = await satisfyAll("port-late", id, BASE, "2026-11-02T09:00:00+01:00");
    expect(scheduled.body.deadline.date).toBe("2026-11-03");
    await expect
      .poll(async () => (await service.request("GET", path("port-late", id))).body.status, { timeout: 10_000 })
      .toBe("overdue");
    await expect.poll(async () => (await notices("port-late", "port.overdue")).length, { timeout: 5_000 }).toBe(1);
    const [overdue] = await notices("port-late", "port.overdue");
    expect(overdue!.locale).toBe("nl");
    expect(overdue!.body).toContain("3 november 2026");
    expect(overdue!.body).toMatch(/Europese|Wetboek|compensatie|vergoeding/i);
    const board = await service.request("GET", "/v1/porting/board", { key: staff });
    expect(board.body.items[0]).toMatchObject({ id, status: "overdue" });
    const done = await service.request("POST", `${path("port-late", id)}/complete`, { key: staff });
    expect(done.body).toMatchObject({ status: "completed", completedOnTime: false });
  });
});

describe("GET /v1/porting/deadline", () => {
  it("explains the deadline and the skipped days", async () => {
    const reply = await service.request("GET", "/v1/porting/deadline?country=DE&region=DE-BY&agreedDate=2026-12-24");
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      country: "DE",
      region: "DE-BY",
      timeZone: "Europe/Berlin",
      agreedDate: "2026-12-24",
      deadline: { date: "2026-12-28", at: "2026-12-28T23:59:59.999+01:00" },
    });
    expect(reply.body.skipped.map((s: { reason: string }) => s.reason)).toEqual([
      expect.stringMatching(/Christ|Weihnacht/),
      expect.stringMatching(/Boxing|Stephen|Weihnacht/),
      "weekend",
    ]);
  });

  it("refuses impossible input naming the field", async () => {
    for (const [query, field] of [
      ["country=UK&agreedDate=2026-12-24", "country"],
      ["country=DE&agreedDate=2026-02-30", "agreedDate"],
      ["country=DE&region=DE-XX&agreedDate=2026-12-24", "region"],
      ["country=DE&timeZone=Mars/Base&agreedDate=2026-12-24", "timeZone"],
    ] as const) {
      const reply = await service.request("GET", `/v1/porting/deadline?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.errors[0].path, query).toBe(field);
    }
  });
});

describe("deadline jobs", () => {
  it("moves the delayed job with the deadline and removes it on completion", async () => {
    await account("port-jobs", { country: "DE", locale: "de" });
    const { id } = await open("port-jobs", {
      numbers: ["+49711123456"],
      country: "DE",
      region: "DE-BW",
      donorProvider: "Telekom",
    });
    await service.request("PUT", `${path("port-jobs", id)}/agreed-date`, { key: staff, body: { date: "2027-06-01" } });
    await satisfyAll("port-jobs", id, BASE);
    const jobsFor = async () =>
      (await service.ctx.queues.portDeadlines.getJobs(["delayed", "waiting"]))
        .filter((j) => j.data.portRequestId === id)
        .map((j) => j.data.deadlineAt);
    expect(await jobsFor()).toEqual(["2027-06-02T23:59:59.999+02:00"]);
    await service.request("PUT", `${path("port-jobs", id)}/agreed-date`, { key: staff, body: { date: "2027-06-04" } });
    expect(await jobsFor()).toEqual(["2027-06-07T23:59:59.999+02:00"]);
    await service.request("POST", `${path("port-jobs", id)}/complete`, { key: staff });
    expect(await jobsFor()).toEqual([]);
  });
});
