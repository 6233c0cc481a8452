import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountBody, DE_ADDRESS } from "../support/fixtures.js";
import { startService, type TestService } from "../support/service.js";

// Issue 20: problems (title, detail, field messages) in the request's language.
let service: TestService;
const ACCOUNT = "lang-co";
const DEVICE = `/v1/accounts/${ACCOUNT}/devices/desk`;

beforeAll(async () => {
  service = await startService();
  await service.request("PUT", `/v1/accounts/${ACCOUNT}`, { body: accountBody({ country: "DE", locale: "de" }) });
  await service.request("PUT", DEVICE, {
    body: { type: "desk_phone", callbackNumber: "089 1234567", serviceCountry: "DE" },
  });
});
afterAll(async () => {
  await service?.close();
});

const badAddress = { address: { ...DE_ADDRESS, postalCode: "8080", houseNumber: undefined }, reason: "move" };

describe("problems in the request's language", () => {
  it("English by default, said in Content-Language", async () => {
    const reply = await service.request("PUT", `${DEVICE}/location`, { body: badAddress });
    expect(reply.status).toBe(400);
    expect(reply.headers.get("content-language")).toBe("en");
    expect(reply.body.title).toBe("Invalid address");
    expect(reply.body.errors).toContainEqual({
      path: "address.postalCode",
      message: "must be a postal code of DE such as 10117",
    });
  });

  it("German for Accept-Language: de-DE: title, detail and every field message", async () => {
    const reply = await service.request("PUT", `${DEVICE}/location`, {
      body: badAddress,
      headers: { "accept-language": "de-DE,de;q=0.9,en;q=0.5" },
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get("content-language")).toBe("de");
    expect(reply.body.type).toMatch(/invalid-address$/); // codes never change
    expect(reply.body.title).toBe("Ungültige Adresse");
    expect(reply.body.detail).toBe("Die Adresse entspricht nicht den Regeln ihres Landes.");
    expect(reply.body.errors).toContainEqual({
      path: "address.postalCode",
      message: "muss eine Postleitzahl in DE sein, zum Beispiel 10117",
    });
    expect(reply.body.errors).toContainEqual({
      path: "address.houseNumber",
      message: expect.stringContaining("ist für Adressen in DE erforderlich"),
    });
  });

  it("zod's own messages come in the language too (fr), and q-values choose", async () => {
    const reply = await service.request("PUT", DEVICE, {
      body: { type: 7, callbackNumber: "089 1234567", serviceCountry: "DE" },
      headers: { "accept-language": "nl;q=0.2, fr;q=0.8" },
    });
    expect(reply.status).toBe(400);
    expect(reply.headers.get("content-language")).toBe("fr");
    expect(reply.body.title).toBe("Requête invalide");
    const type = reply.body.errors.find((e: any) => e.path === "type");
    expect(type.message).not.toMatch(/Invalid|expected/);
    expect(type.message).toMatch(/Entrée invalide|invalide/i);
  });

  it("the 409 of an activation lists every unmet reason, in Portuguese for pt", async () => {
    const reply = await service.request("POST", `${DEVICE}/activate`, { headers: { "accept-language": "pt" } });
    expect(reply.status).toBe(409);
    expect(reply.headers.get("content-language")).toBe("pt-BR");
    expect(reply.body.title).toBe("Local obrigatório");
    expect(reply.body.errors.map((e: any) => e.path)).toEqual(["location", "acknowledgement"]);
    expect(reply.body.errors[0].message).toBe("Nenhum local físico registrado: registre o local do dispositivo.");
  });

  it("an unsupported language falls back to English", async () => {
    const reply = await service.request("GET", "/v1/accounts/lang-co/devices/nobody", {
      headers: { "accept-language": "ja" },
    });
    expect(reply.status).toBe(404);
    expect(reply.headers.get("content-language")).toBe("en");
    expect(reply.body.title).toBe("Not found");
  });

  it("region names of an address format come in the request's language", async () => {
    const de = await service.request("GET", "/v1/address-formats/DE", { headers: { "accept-language": "de" } });
    expect(de.body.regions).toContainEqual({ code: "DE-BY", name: "Bayern" });
    const gb = await service.request("GET", "/v1/address-formats/GB", { headers: { "accept-language": "fr" } });
    expect(gb.body.regions).toContainEqual({ code: "GB-SCT", name: "Écosse" });
    const en = await service.request("GET", "/v1/address-formats/DE");
    expect(en.body.regions).toContainEqual({ code: "DE-BY", name: "Bavaria" });
  });
});
