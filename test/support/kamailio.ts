import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSocket } from "node:dgram";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A real Kamailio (Debian's, with the `lost` and `http_client` modules of kamailio-utils-modules)
 * and sipp, for the HELD interop test. Everything on 127.0.0.1, on free UDP ports, in a
 * temporary directory; nothing is left running after `stop()`.
 */

const MODULE_PATHS = [
  "/usr/lib/x86_64-linux-gnu/kamailio/modules",
  "/usr/lib/aarch64-linux-gnu/kamailio/modules",
  "/usr/lib/kamailio/modules",
];
const CONFIG_DIR = join(process.cwd(), "test", "kamailio");

/** A UDP port free right now on 127.0.0.1. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Whether kamailio (with lost.so) and sipp are installed; the test fails with this text when not. */
export function interopToolsMissing(): string | null {
  if (spawnSync("kamailio", ["-v"]).status !== 0)
    return "kamailio is not installed (apt-get install kamailio kamailio-utils-modules)";
  if (!MODULE_PATHS.some((p) => existsSync(join(p, "lost.so"))))
    return "Kamailio's lost module is missing (apt-get install kamailio-utils-modules)";
  if (spawnSync("sipp", ["-v"]).status === null) return "sipp is not installed (apt-get install sip-tester)";
  return null;
}

export interface Proxy {
  port: number;
  log(): string;
  stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${pattern}:\n${output().slice(-3000)}`));
    }, timeoutMs);
    const check = () => {
      if (pattern.test(output())) {
        cleanup();
        resolve();
      }
    };
    const exited = (code: number | null) => {
      cleanup();
      reject(new Error(`exited (${code}) before ${pattern}:\n${output().slice(-3000)}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off("data", check);
      child.stderr?.off("data", check);
      child.off("exit", exited);
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", exited);
    check();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * Starts Kamailio with test/kamailio/kamailio.cfg: asks `heldUrl`, reports each 911 call to
 * `reportUrl` with the `routingKey`, and forwards to 127.0.0.1:`uasPort`.
 */
export async function startKamailio(options: {
  heldUrl: string;
  reportUrl: string;
  routingKey: string;
  uasPort: number;
}): Promise<Proxy> {
  const dir = mkdtempSync(join(tmpdir(), "kamailio-"));
  const port = await freeUdpPort();
  const modulePath = MODULE_PATHS.find((p) => existsSync(join(p, "lost.so")))!;
  const config = readFileSync(join(CONFIG_DIR, "kamailio.cfg"), "utf8")
    .replaceAll("@@SIP_PORT@@", String(port))
    .replaceAll("@@MODULE_PATH@@", modulePath)
    .replaceAll("@@HELD_URL@@", options.heldUrl)
    .replaceAll("@@REPORT_URL@@", options.reportUrl)
    .replaceAll("@@ROUTING_KEY@@", options.routingKey)
    .replaceAll("@@UAS_PORT@@", String(options.uasPort));
  const file = join(dir, "kamailio.cfg");
  writeFileSync(file, config);
  // -D: stay in the foreground, -E: log to stderr, -Y: run directory of our own, small memory.
  const child = spawn("kamailio", ["-f", file, "-D", "-E", "-Y", dir, "-m", "32", "-M", "8", "-a", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // The UDP receive buffer is probed once the socket is bound: from then on it takes requests.
  await waitForLine(child, () => output, /SO_RCVBUF is finally/, 10_000);
  return { port, log: () => output, stop: () => stopChild(child) };
}

export interface Uas {
  port: number;
  /** Every message the UAS received or sent (sipp -trace_msg). */
  messages(): string;
  stop(): Promise<void>;
}

/** A sipp UAS (the built-in `uas` scenario) standing in for the answering point. */
export async function startUas(): Promise<Uas> {
  const dir = mkdtempSync(join(tmpdir(), "sipp-uas-"));
  const port = await freeUdpPort();
  const messages = join(dir, "messages.log");
  const child = spawn(
    "sipp",
    ["-sn", "uas", "-i", "127.0.0.1", "-p", String(port), "-nostdin", "-trace_msg", "-message_file", messages],
    { stdio: ["ignore", "pipe", "pipe"], cwd: dir },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    port,
    messages: () => (existsSync(messages) ? readFileSync(messages, "utf8") : ""),
    stop: () => stopChild(child),
  };
}

/** Places one call to 911 from `fromUri` through the proxy with a sipp UAC; resolves with sipp's exit status and output. */
export async function placeEmergencyCall(
  proxyPort: number,
  fromUri: string,
): Promise<{ status: number | null; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), "sipp-uac-"));
  const fields = join(dir, "caller.csv");
  writeFileSync(fields, `SEQUENTIAL\n${fromUri}\n`);
  const port = await freeUdpPort();
  const child = spawn(
    "sipp",
    [
      `127.0.0.1:${proxyPort}`,
      ...["-sf", join(CONFIG_DIR, "uac.xml"), "-inf", fields, "-s", "911", "-m", "1", "-l", "1"],
      ...["-i", "127.0.0.1", "-p", String(port), "-nostdin", "-timeout", "15s", "-timeout_error"],
    ],
    { stdio: ["ignore", "pipe", "pipe"], cwd: dir },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { status, output };
}
