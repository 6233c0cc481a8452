import { describe, expect, it } from "vitest";
import { compensationRuleFor, compensationRules } from "../../src/porting/compensation-rules.js";
import { computeCompensation, type CompensationInput } from "../../src/porting/compensation.js";
import { PORTING_COUNTRIES } from "../../src/porting/country-rules.js";
import type { PortRequestRecord } from "../../src/porting/port-request.js";
import { reschedule } from "../../src/porting/schedule.js";

const de = (until: string, numberCount = 1): CompensationInput => ({
  country: "DE",
  region: "DE-BY",
  timeZone: "Europe/Berlin",
  numberCount,
  // Monday 28 December 2026, the first business day after Christmas.
  deadline: { date: "2026-12-28", at: "2026-12-28T23:59:59.999+01:00" },
  until,
  final: false,
});

describe("Germany, § 59 TKG: EUR 10 per further working day, per request", () => {
  it("owes nothing before or at the deadline", () => {
    expect(computeCompensation(de("2026-12-28T20:00:00+01:00"))).toBeNull();
    expect(computeCompensation(de("2026-12-28T23:59:59.999+01:00"))).toBeNull();
  });
  it("owes EUR 10 on the first working day after the deadline, whatever the number count", () => {
    expect(computeCompensation(de("2026-12-29T00:00:00.001+01:00", 3))).toMatchObject({
      currency: "EUR",
      amount: 10,
      days: 1,
      citation: "§ 59 TKG",
      basis: { per: "request", day: "working", amountPerDay: 10 },
    });
  });
  it("counts working days only: New Year, the weekend and Epiphany (Bavaria) are not counted", () => {
    // 29, 30, 31 December, 4 and 5 January count; 1 January, 2–3 January, 6 January do not.
    expect(computeCompensation(de("2027-01-06T10:00:00+01:00"))).toMatchObject({ days: 5, amount: 50 });
    expect(computeCompensation(de("2027-01-07T10:00:00+01:00"))).toMatchObject({ days: 6, amount: 60 });
  });
  it("marks the amount final and dated at activation", () => {
    expect(computeCompensation({ ...de("2026-12-30T08:00:00+01:00"), final: true })).toMatchObject({
      days: 2,
      amount: 20,
      final: true,
      asOf: "2026-12-30T07:00:00.000Z",
    });
  });
});

const pt = (until: string, numberCount: number): CompensationInput => ({
  country: "PT",
  region: null,
  timeZone: "Europe/Lisbon",
  numberCount,
  deadline: { date: "2026-12-02", at: "2026-12-02T23:59:59.999+00:00" },
  until,
  final: false,
});

describe("Portugal, ANACOM: EUR 2.50 per number per full day of delay", () => {
  it("owes nothing at the deadline", () => {
    expect(computeCompensation(pt("2026-12-02T23:59:59.999+00:00", 2))).toBeNull();
  });
  it("is due but zero until a full day of delay has passed", () => {
    expect(computeCompensation(pt("2026-12-03T10:00:00Z", 2))).toMatchObject({ days: 0, amount: 0 });
  });
  it("counts every full calendar day, weekends included, per number", () => {
    expect(computeCompensation(pt("2026-12-04T10:00:00Z", 3))).toMatchObject({ days: 1, amount: 7.5 });
    // 3–8 December: six full days (the 5th and 6th are a weekend, the 8th a holiday), two numbers.
    expect(computeCompensation(pt("2026-12-09T08:00:00Z", 2))).toMatchObject({
      days: 6,
      amount: 30,
      basis: { per: "number", day: "calendar", fullDaysOnly: true, amountPerDay: 2.5 },
    });
  });
});

const it_ = (until: string): CompensationInput => ({
  country: "IT",
  region: null,
  timeZone: "Europe/Rome",
  numberCount: 4,
  deadline: { date: "2026-12-23", at: "2026-12-23T23:59:59.999+01:00" },
  until,
  final: true,
});

describe("Italy, AGCOM 347/18/CONS art. 7(2): EUR 5 per day of delay, per request", () => {
  it("owes nothing at the deadline, EUR 5 on the first day after, every calendar day counted", () => {
    expect(computeCompensation(it_("2026-12-23T23:00:00+01:00"))).toBeNull();
    expect(computeCompensation(it_("2026-12-24T09:00:00+01:00"))).toMatchObject({ days: 1, amount: 5 });
    // 24 December to 2 January: ten days, Christmas and the weekend included.
    expect(computeCompensation(it_("2027-01-02T09:00:00+01:00"))).toMatchObject({ days: 10, amount: 50 });
  });
});

describe("countries without a verified scheme", () => {
  it.each(["BE", "IE", "FR", "NL", "GB", "US", "CA", "AU", "BR"])(
    "%s owes no computed amount, however late",
    (country) => {
      expect(
        computeCompensation({
          country,
          region: null,
          timeZone: "UTC",
          numberCount: 1,
          deadline: { date: "2026-12-01", at: "2026-12-01T23:59:59.999Z" },
          until: "2027-01-15T12:00:00Z",
          final: true,
        }),
      ).toBeNull();
    },
  );
});

describe("the rule table", () => {
  it("has a rule for every porting country, each cited, with a note", () => {
    expect(compensationRules().map((rule) => rule.country)).toEqual([...PORTING_COUNTRIES]);
    for (const rule of compensationRules()) {
      expect(rule.note.length, rule.country).toBeGreaterThan(30);
      if (rule.scheme) {
        expect(rule.source.length, rule.country).toBeGreaterThan(40);
        expect(rule.scheme.amountPerDay).toBeGreaterThan(0);
        expect(rule.scheme.fromDay).toBeGreaterThanOrEqual(1);
      }
    }
  });
  it("has verified schemes for exactly DE, IT and PT", () => {
    expect(
      compensationRules()
        .filter((rule) => rule.scheme)
        .map((rule) => rule.country),
    ).toEqual(["DE", "IT", "PT"]);
    expect(compensationRuleFor("IE")?.note).toMatch(/ComReg/);
    expect(compensationRuleFor("BE")?.note).toMatch(/EUR 3 or EUR 5/);
  });
});

describe("reschedule: measured when overdue, remeasured as days accrue, final at completion", () => {
  const base: PortRequestRecord = {
    id: "port_x",
    accountId: "a",
    numbers: ["+49891234567"],
    country: "DE",
    region: "DE-BY",
    timeZone: "Europe/Berlin",
    donorProvider: "Telekom",
    status: "scheduled",
    requirements: {
      validations_completed: { satisfied: true, at: "2026-12-21T10:00:00+01:00", by: "k", note: null },
      network_ready: { satisfied: true, at: "2026-12-21T10:00:00+01:00", by: "k", note: null },
      donor_activation_requested: { satisfied: true, at: "2026-12-21T10:00:00+01:00", by: "k", note: null },
    },
    agreedDate: "2026-12-24",
    agreedDateHistory: [],
    deadline: null,
    completedAt: null,
    completedOnTime: null,
    consent: null,
    compensation: null,
    createdAt: "t",
    createdBy: "k",
    updatedAt: "t",
    updatedBy: "k",
  };
  it("is scheduled without compensation before the deadline, overdue with it after", () => {
    expect(reschedule(base, Date.parse("2026-12-22T12:00:00+01:00"))).toMatchObject({
      status: "scheduled",
      deadline: { date: "2026-12-28" },
      compensation: null,
    });
    const late = reschedule(base, Date.parse("2026-12-29T09:00:00+01:00"));
    expect(late).toMatchObject({ status: "overdue", compensation: { days: 1, amount: 10, final: false } });
    // The same day again: the stored measurement is kept as it is.
    const overdue = { ...base, ...late };
    expect(reschedule(overdue, Date.parse("2026-12-29T18:00:00+01:00")).compensation).toBe(late.compensation);
    // Two working days later it has grown.
    expect(reschedule(overdue, Date.parse("2026-12-31T09:00:00+01:00")).compensation).toMatchObject({
      days: 3,
      amount: 30,
    });
    // Completed: final, measured at activation.
    const completed = reschedule(
      { ...overdue, status: "completed", completedAt: "2027-01-04T08:00:00.000Z", completedOnTime: false },
      Date.parse("2027-01-10T09:00:00Z"),
    );
    expect(completed.compensation).toMatchObject({
      days: 4,
      amount: 40,
      final: true,
      asOf: "2027-01-04T08:00:00.000Z",
    });
  });
});
