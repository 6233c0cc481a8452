import { describe, expect, it } from "vitest";
import { customerAddressLine } from "../../src/notifications/address-line.js";
import { filledText } from "../../src/platform/i18n.js";

const berlin = {
  country: "DE",
  city: "Berlin",
  street: "Friedrichstraße",
  houseNumber: "43",
  postalCode: "10117",
  floor: "3",
  room: "12",
};

describe("customerAddressLine", () => {
  it("labels floor and room in the account's language, in the country's order", () => {
    expect(customerAddressLine(berlin, "de")).toBe("Friedrichstraße 43, 3. Etage, Raum 12, 10117 Berlin");
    expect(customerAddressLine(berlin, "pt-BR")).toBe("Friedrichstraße 43, 3º andar, Sala 12, 10117 Berlin");
    expect(customerAddressLine({ ...berlin, country: "US", street: "Broadway", city: "New York" }, "en")).toBe(
      "43 Broadway, Floor 3, Room 12, New York 10117",
    );
  });

  it("keeps a value that names itself as given", () => {
    expect(customerAddressLine({ ...berlin, floor: "Erdgeschoss", room: "Suite 300" }, "de")).toBe(
      "Friedrichstraße 43, Erdgeschoss, Suite 300, 10117 Berlin",
    );
  });
});

describe("filledText", () => {
  it("fills plain placeholders, inserting values as they are", () => {
    expect(filledText("fr", "notifications", "civic.floor", { value: "<2>" })).toBe("Étage <2>");
  });

  it("says a missing key by its name rather than inventing a text", () => {
    expect(filledText("de", "notifications", "civic.nowhere", { value: "1" })).toBe("civic.nowhere");
  });
});
