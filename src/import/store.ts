import type { Result } from "ioredis";
import type { Principal } from "../platform/principal.js";
import type { Context } from "../platform/context.js";
import type { RowError } from "./columns.js";
import type { AddressMode, FieldChange } from "./merge.js";
import { RUN_MODES, type RunMode } from "./queue.js";

/** How long an import, its file and its reports are kept. */
export const IMPORT_TTL_MS = 7 * 24 * 3600 * 1000;

export interface ImportMeta {
  id: string;
  name: string | null;
  createdAt: string;
  createdBy: string;
  /** Whose rights the run writes with (no secret: the key's id, role, account and label). */
  principal: Principal;
  /** How rows meet the addresses devices have; absent in imports stored before it existed: merge. */
  mode?: AddressMode;
}

export interface UploadState {
  parts: number;
  characters: number;
  complete: boolean;
}

export interface RunState {
  mode: RunMode;
  status: "queued" | "running" | "done" | "failed";
  /** Data rows in the file; null until the worker has counted them. */
  total: number | null;
  processed: number;
  /** dry run: rows that would be saved; apply: rows saved. */
  ok: number;
  unchanged: number;
  failed: number;
  /** A problem with the whole file (bad header); rows are not read then. */
  fileErrors: RowError[];
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
}

/** One data row's outcome in a run's report. */
export interface ReportRow {
  row: number;
  accountId: string;
  deviceId: string;
  /** `conflict`: the device changed after the dry run; the row was not written. */
  outcome: "valid" | "invalid" | "saved" | "unchanged" | "failed" | "conflict";
  errors: RowError[];
  locationVersion: number | null;
  /** What the row changes (dry run) or changed (real run), field by field. */
  diff: FieldChange[];
  /** The location version the row was checked against (the real run writes only onto it; 0: none yet). */
  checkedVersion: number | null;
}

// Appends part `index` unless the upload is complete or over its limits; a repeated index is a
// replay and changes nothing. Returns {code, uploadJson}: 1 appended, 2 replay, -1 complete,
// -2 out of order, -3 too big.
const APPEND_SCRIPT = `
local upload = cjson.decode(redis.call('HGET', KEYS[1], 'upload'))
local index = tonumber(ARGV[1])
if index < upload.parts then return { 2, cjson.encode(upload) } end
if upload.complete then return { -1, cjson.encode(upload) } end
if index > upload.parts then return { -2, cjson.encode(upload) } end
if upload.parts + 1 > tonumber(ARGV[4]) or upload.characters + tonumber(ARGV[3]) > tonumber(ARGV[5]) then return { -3, cjson.encode(upload) } end
redis.call('RPUSH', KEYS[2], ARGV[2])
upload.parts = upload.parts + 1
upload.characters = upload.characters + tonumber(ARGV[3])
if ARGV[6] == '1' then upload.complete = true end
local encoded = cjson.encode(upload)
redis.call('HSET', KEYS[1], 'upload', encoded)
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PEXPIRE', KEYS[2], ARGV[7])
return { 1, encoded }
`;

declare module "ioredis" {
  interface RedisCommander<Context> {
    importAppend(numKeys: number, ...args: (string | number)[]): Result<[number, string], Context>;
  }
}

/** Redis access for location imports: one hash per import (meta, upload, one field per run), its parts and reports. */
export class ImportStore {
  constructor(private readonly ctx: Context) {
    if (typeof (ctx.redis as { importAppend?: unknown }).importAppend !== "function") {
      ctx.redis.defineCommand("importAppend", { lua: APPEND_SCRIPT });
    }
  }

  private get keys() {
    return this.ctx.keys;
  }

  async create(meta: ImportMeta): Promise<void> {
    const upload: UploadState = { parts: 0, characters: 0, complete: false };
    const key = this.keys.locationImport(meta.id);
    await this.ctx.redis
      .multi()
      .hset(key, "meta", JSON.stringify(meta), "upload", JSON.stringify(upload))
      .pexpire(key, IMPORT_TTL_MS)
      .exec();
  }

  async appendPart(
    id: string,
    index: number,
    text: string,
    complete: boolean,
    limits: { parts: number; characters: number },
  ): Promise<{ code: number; upload: UploadState }> {
    const [code, json] = await this.ctx.redis.importAppend(
      2,
      this.keys.locationImport(id),
      this.keys.locationImportParts(id),
      index,
      text,
      text.length,
      limits.parts,
      limits.characters,
      complete ? "1" : "0",
      IMPORT_TTL_MS,
    );
    return { code, upload: JSON.parse(json) as UploadState };
  }

  async read(
    id: string,
  ): Promise<{ meta: ImportMeta; upload: UploadState; runs: Partial<Record<RunMode, RunState>> } | null> {
    const fields = await this.ctx.redis.hgetall(this.keys.locationImport(id));
    if (!fields.meta || !fields.upload) return null;
    const runs: Partial<Record<RunMode, RunState>> = {};
    for (const mode of RUN_MODES) {
      const run = fields[`run:${mode}`];
      if (run) runs[mode] = JSON.parse(run) as RunState;
    }
    return { meta: JSON.parse(fields.meta) as ImportMeta, upload: JSON.parse(fields.upload) as UploadState, runs };
  }

  /** Records a run as queued unless one of that mode exists already; false when it did. */
  async claimRun(id: string, state: RunState): Promise<boolean> {
    return (
      (await this.ctx.redis.hsetnx(this.keys.locationImport(id), `run:${state.mode}`, JSON.stringify(state))) === 1
    );
  }

  async saveRun(id: string, state: RunState): Promise<void> {
    await this.ctx.redis.hset(this.keys.locationImport(id), `run:${state.mode}`, JSON.stringify(state));
  }

  async partCount(id: string): Promise<number> {
    return this.ctx.redis.llen(this.keys.locationImportParts(id));
  }

  async part(id: string, index: number): Promise<string | null> {
    return this.ctx.redis.lindex(this.keys.locationImportParts(id), index);
  }

  async clearReport(id: string, mode: RunMode): Promise<void> {
    await this.ctx.redis.del(this.keys.locationImportReport(id, mode));
  }

  async appendReport(id: string, mode: RunMode, rows: ReportRow[]): Promise<void> {
    if (rows.length === 0) return;
    const key = this.keys.locationImportReport(id, mode);
    await this.ctx.redis
      .multi()
      .rpush(key, ...rows.map((r) => JSON.stringify(r)))
      .pexpire(key, IMPORT_TTL_MS)
      .exec();
  }

  /** The report's rows in file order, `start`..`start + count - 1`. */
  async report(id: string, mode: RunMode, start: number, count: number): Promise<ReportRow[]> {
    const rows = await this.ctx.redis.lrange(this.keys.locationImportReport(id, mode), start, start + count - 1);
    // Reports written before diffs existed read with none.
    return rows.map((r) => ({ diff: [], checkedVersion: null, ...(JSON.parse(r) as Partial<ReportRow>) }) as ReportRow);
  }

  async reportLength(id: string, mode: RunMode): Promise<number> {
    return this.ctx.redis.llen(this.keys.locationImportReport(id, mode));
  }
}
