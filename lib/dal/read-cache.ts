import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import type { Permission } from "@/lib/dal/permissions";
import { requirePermission, type Actor, type DalContext } from "./context";

/**
 * Chart reads answered from memory between writes. An entry is keyed by what was asked (normalised by the
 * caller) and lives only while the data version it was computed at is current (db/schema/data-version.ts:
 * every write moves it at commit, on whichever instance wrote). Each process keeps its own entries; several
 * instances stay correct because each reads the version from the database: one tiny query, shared by the reads
 * that ask at the same moment.
 *
 * Only what every holder of `permission` may see goes in: the permission is checked for every caller, hit or
 * miss, before anything is returned, and per-user things (role, saved views, token scopes) stay outside.
 * `DYAD_CACHE=off` turns it off (the load benchmark compares both).
 */

/** Roughly how much JSON the entries of one database may hold, in characters (DYAD_CACHE_MB, default 64). */
const maxChars = () => Number(process.env.DYAD_CACHE_MB || 64) * 1024 * 1024;

export function cacheEnabled(): boolean {
  return process.env.DYAD_CACHE !== "off";
}

/** The data version as the database has it now (committed writes only). */
export async function dataVersion(ctx: Pick<DalContext, "db">): Promise<bigint> {
  const [row] = rowsOf<{ version: string }>(await ctx.db.execute(sql`select version::text as version from data_version where id = 1`));
  return BigInt(row?.version ?? 0);
}

/**
 * Process-wide, like the database (db/client.ts): Next bundles this module more than once (the proxy, pages,
 * route handlers), and the proxy answers from entries a route handler made (lib/auth/cached-response.ts).
 */
const processWide = globalThis as typeof globalThis & {
  __dyadReadCache?: { unsent: WeakMap<object, Promise<bigint>>; byDatabase: WeakMap<object, Entries> };
};
function shared() {
  processWide.__dyadReadCache ??= { unsent: new WeakMap(), byDatabase: new WeakMap() };
  return processWide.__dyadReadCache;
}

/**
 * The data version for a cached read, one query shared by every read that asks before it is sent (the page's
 * several cached reads, and those of concurrent requests): it goes out on the next turn of the event loop, after
 * all of them asked, so each still sees every write committed before it asked — its own included.
 */
export function sharedDataVersion(ctx: Pick<DalContext, "db">): Promise<bigint> {
  const { unsent } = shared();
  let next = unsent.get(ctx.db);
  if (!next) {
    next = new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      unsent.delete(ctx.db); // from here on, a new asker waits for a query sent after it asked
      return dataVersion(ctx);
    });
    unsent.set(ctx.db, next);
  }
  return next;
}

interface Entry {
  value: Promise<unknown>;
  chars: number;
}

/** Least recently used first: a Map keeps insertion order, and a hit is moved to the end. */
class Entries {
  private map = new Map<string, Entry>();
  private chars = 0;

  constructor(
    readonly version: bigint,
    private readonly maxChars: number,
  ) {}

  get(key: string): Promise<unknown> | undefined {
    const entry = this.map.get(key);
    if (!entry) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: string, value: Promise<unknown>): void {
    const entry: Entry = { value, chars: 0 };
    this.map.set(key, entry);
    value.then(
      (resolved) => {
        if (this.map.get(key) !== entry) return;
        entry.chars = sizeOf(resolved);
        this.chars += entry.chars;
        for (const [oldest, old] of this.map) {
          if (this.chars <= this.maxChars || oldest === key) break;
          this.map.delete(oldest);
          this.chars -= old.chars;
        }
      },
      () => {
        if (this.map.get(key) === entry) this.map.delete(key);
      },
    );
  }

  get size(): number {
    return this.map.size;
  }
}

// Entries by database object (shared().byDatabase): tests open one database per file in one process, and their
// versions would collide.

/**
 * `compute()`'s result for `key` at the current data version, computed once and shared until a write. The
 * caller's permission is checked first on every call. The result is frozen: it is shared between requests.
 */
export async function cachedRead<T>(
  ctx: DalContext,
  permission: Permission,
  kind: string,
  key: unknown,
  compute: () => Promise<T>,
  options: { evenWhenOff?: boolean } = {},
): Promise<T> {
  if (!cacheEnabled() && !options.evenWhenOff) return compute();
  const [, version] = await Promise.all([requirePermission(ctx, permission), sharedDataVersion(ctx)]);
  return lookUp(ctx, version, `${kind}\u0000${JSON.stringify(key)}`, compute);
}

/** The same with the version and actor given (read by the caller, e.g. for an ETag). */
export async function cachedAt<T>(ctx: DalContext, version: bigint, kind: string, key: unknown, compute: () => Promise<T>): Promise<T> {
  if (!cacheEnabled()) return compute();
  return lookUp(ctx, version, `${kind}\u0000${JSON.stringify(key)}`, compute);
}

/** What is held for `key` at `version`, computed by someone else, or undefined: nothing is computed here. */
export function heldAt<T>(ctx: DalContext, version: bigint, kind: string, key: unknown): Promise<T> | undefined {
  if (!cacheEnabled()) return undefined;
  const entries = shared().byDatabase.get(ctx.db);
  if (entries?.version !== version) return undefined;
  return entries.get(`${kind}\u0000${JSON.stringify(key)}`) as Promise<T> | undefined;
}

function lookUp<T>(ctx: DalContext, version: bigint, key: string, compute: () => Promise<T>): Promise<T> {
  // evenWhenOff: only for what was cached before this cache existed, so "off" still measures the app without it.
  const { byDatabase } = shared();
  let entries = byDatabase.get(ctx.db);
  if (!entries || version > entries.version) {
    // Entries of an older version can never be asked for again (bar a request that read it just before).
    entries = new Entries(version, maxChars());
    byDatabase.set(ctx.db, entries);
  }
  // A request that read the version just before a write: answered, but not remembered under the new version.
  if (version < entries.version) return compute();
  const hit = entries.get(key);
  if (hit) return hit as Promise<T>;
  const value = compute().then(deepFreeze);
  entries.set(key, value);
  return value;
}

/** Entries held for a database now (for tests). */
export function cachedEntries(ctx: Pick<DalContext, "db">): number {
  return shared().byDatabase.get(ctx.db)?.size ?? 0;
}

/** What a caller is allowed, as it shapes an answer's validator: role, and a token's scopes. */
export function callerScope(ctx: DalContext, actor: Actor): string {
  return ctx.auth?.kind === "token" ? `${actor.role}/token:${[...ctx.auth.scopes].sort().join(",")}` : `${actor.role}/session`;
}

function sizeOf(value: unknown): number {
  if (typeof value === "string") return value.length;
  let bytes = 0; // byte arrays (pre-encoded bodies) count by their length, not as JSON objects of every index
  try {
    const json = JSON.stringify(value, (_k, v: unknown) => {
      if (ArrayBuffer.isView(v)) {
        bytes += v.byteLength;
        return null;
      }
      return v instanceof Map ? [...v] : v;
    });
    return (json?.length ?? 0) + bytes;
  } catch {
    return bytes;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value) && !ArrayBuffer.isView(value)) {
    Object.freeze(value);
    if (value instanceof Map) for (const v of value.values()) deepFreeze(v);
    else for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
