import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startService, type TestService } from "../support/service.js";
import { accountBody } from "../support/fixtures.js";

let service: TestService;
let signer: Webhook;
beforeAll(async () => {
  service = await startService();
  signer = new Webhook(service.hookSecret);
});
afterAll(async () => {
  await service.close();
});

let counter = 0;
function signed(event: unknown, options: { id?: string; at?: Date; secret?: Webhook } = {}) {
  const id = options.id ?? `msg_${Date.now()}_${counter++}`;
  const at = options.at ?? new Date();
  const raw = JSON.stringify(event);
  const signature = (options.secret ?? signer).sign(id, at, raw);
  return {
    raw,
    key: null,
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    },
  };
}

describe("provisioning hooks", () => {
  it("applies a correctly signed account and device event", async () => {
    const account = await service.request(
      "POST",
      "/v1/hooks/provisioning",
      signed({ type: "account.upserted", data: { accountId: "hook-a", ...accountBody() } }),
    );
    expect(account.status).toBe(201);
    const device = await service.request(
      "POST",
      "/v1/hooks/provisioning",
      signed({
        type: "device.upserted",
        data: {
          accountId: "hook-a",
          deviceId: "h1",
          type: "softphone",
          callbackNumber: "+1 (415) 555-2671",
          serviceCountry: "US",
        },
      }),
    );
    expect(device.status).toBe(201);
    const stored = await service.request("GET", "/v1/accounts/hook-a/devices/h1");
    expect(stored.body).toMatchObject({
      type: "softphone",
      callbackNumber: "+14155552671",
      updatedBy: "provisioning-hook",
    });
  });

  it("refuses a bad signature, another secret, a stale or future timestamp, and no headers (401, nothing changes)", async () => {
    const event = { type: "account.upserted", data: { accountId: "hook-bad", ...accountBody() } };
    const tampered = signed(event);
    tampered.raw = tampered.raw.replace("Acme", "Evil");
    const attempts = [
      tampered,
      signed(event, { secret: new Webhook(`whsec_${Buffer.from("another-secret-entirely-0000").toString("base64")}`) }),
      signed(event, { at: new Date(Date.now() - 6 * 60_000) }),
      signed(event, { at: new Date(Date.now() + 6 * 60_000) }),
      { raw: JSON.stringify(event), key: null, headers: { "content-type": "application/json" } },
    ];
    for (const attempt of attempts) {
      const reply = await service.request("POST", "/v1/hooks/provisioning", attempt);
      expect(reply.status).toBe(401);
      expect(reply.body.type).toMatch(/\/problems\/unauthorized$/);
    }
    expect((await service.request("GET", "/v1/accounts/hook-bad")).status).toBe(404);
  });

  it("accepts a timestamp within the 5-minute window", async () => {
    const reply = await service.request(
      "POST",
      "/v1/hooks/provisioning",
      signed(
        { type: "account.upserted", data: { accountId: "hook-window", ...accountBody() } },
        { at: new Date(Date.now() - 4 * 60_000) },
      ),
    );
    expect(reply.status).toBe(201);
  });

  it("answers a replayed webhook-id as the first time and applies it once", async () => {
    await service.request(
      "POST",
      "/v1/hooks/provisioning",
      signed({ type: "account.upserted", data: { accountId: "hook-r", ...accountBody() } }),
    );
    const event = {
      type: "device.upserted",
      data: { accountId: "hook-r", deviceId: "r1", type: "ata", callbackNumber: "+14155552671", serviceCountry: "US" },
    };
    const first = await service.request("POST", "/v1/hooks/provisioning", signed(event, { id: "msg_replay_1" }));
    // Someone changes the device in between; the replay must not undo that.
    await service.request("PUT", "/v1/accounts/hook-r/devices/r1", {
      body: { type: "fax", callbackNumber: "+14155552671", serviceCountry: "US" },
    });
    const replay = await service.request("POST", "/v1/hooks/provisioning", signed(event, { id: "msg_replay_1" }));
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    const device = await service.request("GET", "/v1/accounts/hook-r/devices/r1");
    expect(device.body).toMatchObject({ type: "fax", version: 2 });
  });

  it("validates the event body after the signature (400 naming the field)", async () => {
    const reply = await service.request(
      "POST",
      "/v1/hooks/provisioning",
      signed({
        type: "device.upserted",
        data: {
          accountId: "hook-a",
          deviceId: "h2",
          type: "toaster",
          callbackNumber: "+14155552671",
          serviceCountry: "US",
        },
      }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].path).toBe("data.type");
  });

  it("treats deleting an unknown device as done", async () => {
    const reply = await service.request(
      "POST",
      "/v1/hooks/provisioning",
      signed({ type: "device.deleted", data: { accountId: "hook-a", deviceId: "never" } }),
    );
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe("absent");
  });
});
