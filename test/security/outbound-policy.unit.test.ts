import { describe, expect, it } from "vitest";
import { addressProblem, hostProblem, SPECIAL_RANGES, specialRangeOf } from "../../src/platform/outbound-policy.js";

const prod = { allowPrivate: false };
const dev = { allowPrivate: true };

describe("outbound policy", () => {
  it.each([
    ["169.254.169.254", "cloud metadata"],
    ["::ffff:169.254.169.254", "cloud metadata"],
    ["::ffff:a9fe:a9fe", "cloud metadata"],
    ["::a9fe:a9fe", "cloud metadata"],
    ["64:ff9b::a9fe:a9fe", "cloud metadata"],
    ["2002:a9fe:a9fe::1", "cloud metadata"],
    ["fd00:ec2::254", "cloud metadata (AWS IPv6)"],
    ["169.254.1.1", "link-local"],
    ["fe80::1", "link-local"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["224.0.0.251", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "limited broadcast"],
    ["0.0.0.0", "this network (unspecified)"],
    ["::", "unspecified"],
  ])("refuses %s (%s) in every mode", (address, name) => {
    expect(specialRangeOf(address)?.name).toBe(name);
    expect(addressProblem(address, prod)).not.toBeNull();
    expect(addressProblem(address, dev)).not.toBeNull();
  });

  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "::1",
    "::ffff:127.0.0.1",
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "100.64.0.1",
    "fd12::1",
  ])("refuses %s in production, allows it in development", (address) => {
    expect(addressProblem(address, prod)).not.toBeNull();
    expect(addressProblem(address, dev)).toBeNull();
  });

  it.each(["8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "198.20.0.1", "172.32.0.1"])(
    "allows public %s",
    (a) => {
      expect(addressProblem(a, prod)).toBeNull();
    },
  );

  it("refuses metadata names with or without trailing dots and in any case", () => {
    for (const host of [
      "metadata.google.internal",
      "metadata.google.internal.",
      "Metadata.Google.Internal..",
      "metadata",
    ])
      expect(hostProblem(host, dev), host).toMatch(/metadata/);
    expect(hostProblem("localhost.", prod)).toMatch(/loopback/);
    expect(hostProblem("example.com", prod)).toBeNull();
  });

  it("cites a source for every range", () => {
    for (const range of SPECIAL_RANGES) expect(range.source, range.cidr).toMatch(/RFC \d+|IMDS/);
  });
});
