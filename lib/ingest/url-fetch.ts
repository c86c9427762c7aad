import dns from "node:dns";
import http from "node:http";
import net from "node:net";
import tls from "node:tls";
import type { StatementDraft } from "./draft";
import { IngestError } from "./errors";
import { draftFromHtmlPage } from "./html-page";
import { formatBytes, LIMITS } from "./limits";
import { readSingleFile } from "./single-file";

const PRIVATE_V4 = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  PRIVATE_V4.addSubnet(address, prefix, "ipv4");
/** Public IPv6 is global unicast (2000::/3) less the special-purpose blocks inside it. */
const GLOBAL_V6 = new net.BlockList();
GLOBAL_V6.addSubnet("2000::", 3, "ipv6");
const SPECIAL_V6 = new net.BlockList();
for (const [address, prefix] of [
  ["2001::", 23],
  ["2001:db8::", 32],
  ["3fff::", 20],
  ["5f00::", 16],
] as const)
  SPECIAL_V6.addSubnet(address, prefix, "ipv6");

/** An IPv6 address as its eight 16-bit groups (a zone such as %eth0 dropped), or null when it is not IPv6. */
function ipv6Groups(address: string): number[] | null {
  if (!net.isIPv6(address)) return null;
  let text = address.replace(/%.*$/, "");
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const front = parse(head);
  const back = parse(tail);
  return tail === undefined ? front : [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

const v4 = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;

/**
 * The IPv4 addresses an IPv6 address stands for or tunnels to: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d),
 * translated (::ffff:0:a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16, bits 16-47) and Teredo (2001::/32:
 * the server in bits 32-63, the client inverted in the last 32). Null when it embeds none.
 */
function embeddedIPv4(groups: number[]): string[] | null {
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups as [number, number, number, number, number, number, number, number];
  if (zeros(0, 5) && (g5 === 0xffff || g5 === 0)) return [v4(g6, g7)];
  if (zeros(0, 4) && g4 === 0xffff && g5 === 0) return [v4(g6, g7)];
  if (g0 === 0x64 && g1 === 0xff9b && zeros(2, 6)) return [v4(g6, g7)];
  if (g0 === 0x2002) return [v4(g1, g2)];
  if (g0 === 0x2001 && g1 === 0) return [v4(g2, g3), v4(g6 ^ 0xffff, g7 ^ 0xffff)];
  return null;
}

/**
 * True for addresses on the public internet; loopback, private, link-local, metadata and reserved ranges are
 * not, in whatever spelling: an IPv6 form that carries an IPv4 address is judged by the IPv4 address it carries.
 */
export function isPublicAddress(address: string): boolean {
  if (net.isIPv4(address)) return !PRIVATE_V4.check(address, "ipv4");
  const groups = ipv6Groups(address);
  if (!groups) return false;
  const embedded = embeddedIPv4(groups);
  if (embedded) return embedded.every((inner) => !PRIVATE_V4.check(inner, "ipv4"));
  const canonical = groups.map((g) => g.toString(16)).join(":");
  return GLOBAL_V6.check(canonical, "ipv6") && !SPECIAL_V6.check(canonical, "ipv6");
}

export interface FetchOptions {
  /** Which addresses may be connected to, per redirect hop; the default allows public addresses only. Tests narrow it. */
  allowAddress?: (address: string, hop: number) => boolean;
  timeoutMs?: number;
  maxBytes?: number;
  /** Sent on every hop: what is accepted, and the validators of a conditional GET (If-None-Match, If-Modified-Since). */
  headers?: Record<string, string>;
}

export interface Fetched {
  finalUrl: string;
  /** 200, or 304 when a conditional GET found nothing changed (the body is then empty). */
  status: number;
  contentType: string;
  body: Buffer;
  /** The answer's validators, for the next conditional GET. */
  etag: string | null;
  lastModified: string | null;
}

/**
 * Fetches a statement's page server-side, refusing anything that is not http(s) on a public address. The host
 * is resolved and vetted here, the connection is made to that vetted address (no DNS rebinding), and the
 * connected socket's address is checked again before a byte is sent; so on every redirect. The body stops at a
 * size cap, and the whole fetch, redirects included, at one deadline.
 */
export async function fetchUrl(rawUrl: string, options: FetchOptions = {}): Promise<Fetched> {
  const allow = options.allowAddress ?? ((address) => isPublicAddress(address));
  const timeoutMs = options.timeoutMs ?? LIMITS.urlTimeoutMs;
  let url = parseHttpUrl(rawUrl);
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new IngestError("timeout", `${url.host} did not answer within ${timeoutMs / 1000} s: stopped.`)),
    timeoutMs,
  );
  try {
    for (let hop = 0; hop <= LIMITS.urlRedirects; hop++) {
      const response = await requestOnce(
        url,
        (address) => allow(address, hop),
        deadline.signal,
        options.maxBytes ?? LIMITS.urlBytes,
        options.headers,
      );
      if (!("redirect" in response)) return { finalUrl: url.toString(), ...response };
      url = parseHttpUrl(new URL(response.redirect, url).toString());
    }
  } finally {
    clearTimeout(timer);
  }
  throw new IngestError("fetch_failed", `More than ${LIMITS.urlRedirects} redirects: stopped.`);
}

const VET_WITHIN_MS = 5_000;

/**
 * Refuses, without connecting, what fetchUrl would refuse on its first hop: an address that is not http(s), or a
 * host that is or resolves to an address `allow` rejects. A host that cannot be resolved now passes; its fetch
 * will say so.
 */
export async function vetUrl(rawUrl: string, allow: (address: string) => boolean = isPublicAddress): Promise<void> {
  const url = parseHttpUrl(rawUrl);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  try {
    await beforeDeadline(AbortSignal.timeout(VET_WITHIN_MS), vettedAddress(host, allow));
  } catch (error) {
    if (error instanceof IngestError && error.code === "blocked_url") throw error;
  }
}

function parseHttpUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new IngestError("blocked_url", `"${raw}" is not a web address.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new IngestError("blocked_url", `Only http and https addresses can be imported, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new IngestError("blocked_url", "Addresses with a user name or password are not fetched.");
  return url;
}

function refused(host: string): IngestError {
  return new IngestError(
    "blocked_url",
    `${host} points to a private, loopback or reserved network address: Dyad only fetches public web pages.`,
  );
}

/** Settles with the promise, or rejects with the deadline's reason once it passes (calling `stop` to free what it holds). */
function beforeDeadline<T>(signal: AbortSignal, promise: Promise<T>, stop: () => void = () => {}): Promise<T> {
  if (signal.aborted) {
    stop();
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      stop();
      reject(signal.reason as Error);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** The address to connect to: the host itself when it is an IP, else what DNS gives, all of which must pass. */
async function vettedAddress(host: string, allow: (address: string) => boolean): Promise<string> {
  if (net.isIP(host)) {
    if (!allow(host)) throw refused(host);
    return host;
  }
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch (error) {
    throw new IngestError("fetch_failed", `Could not find ${host}: ${(error as Error).message}`);
  }
  if (addresses.length === 0 || addresses.some((a) => !allow(a.address))) throw refused(host);
  return addresses[0]!.address;
}

/** A connected socket to the vetted address, its remote address checked before anything is written to it. */
async function connectVetted(url: URL, allow: (address: string) => boolean, signal: AbortSignal): Promise<net.Socket> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const address = await beforeDeadline(signal, vettedAddress(host, allow));
  const port = Number(url.port) || (url.protocol === "https:" ? 443 : 80);
  const socket = net.connect({ host: address, port });
  await beforeDeadline(
    signal,
    new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("error", (error) => reject(new IngestError("fetch_failed", `Could not reach ${url.host}: ${error.message}`)));
    }),
    () => socket.destroy(),
  );
  if (!allow(socket.remoteAddress ?? "")) {
    socket.destroy();
    throw refused(host);
  }
  if (url.protocol === "http:") return socket;
  const secure = tls.connect({ socket, host, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ["http/1.1"] });
  await beforeDeadline(
    signal,
    new Promise<void>((resolve, reject) => {
      secure.once("secureConnect", resolve);
      secure.once("error", (error) => reject(new IngestError("fetch_failed", `No secure connection to ${url.host}: ${error.message}`)));
    }),
    () => secure.destroy(),
  );
  return secure;
}

type Once = { redirect: string } | Omit<Fetched, "finalUrl">;

async function requestOnce(
  url: URL,
  allow: (address: string) => boolean,
  signal: AbortSignal,
  maxBytes: number,
  headers: Record<string, string> = {},
): Promise<Once> {
  const socket = await connectVetted(url, allow, signal);
  const request = http.request({
    createConnection: () => socket,
    method: "GET",
    path: `${url.pathname}${url.search}`,
    headers: {
      host: url.host,
      "user-agent": "Dyad statement importer",
      accept: "text/html,application/pdf,text/plain;q=0.9,*/*;q=0.5",
      ...headers,
      connection: "close",
    },
  });
  const stop = () => {
    request.destroy();
    socket.destroy();
  };
  const exchange = new Promise<Once>((resolve, reject) => {
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const contentType = String(response.headers["content-type"] ?? "");
      const validators = { etag: response.headers.etag ?? null, lastModified: response.headers["last-modified"] ?? null };
      if (status >= 300 && status < 400 && response.headers.location) return resolve({ redirect: response.headers.location });
      if (status === 304) return resolve({ status, contentType, body: Buffer.alloc(0), ...validators });
      if (status >= 400) return reject(new IngestError("fetch_failed", `${url.host} answered ${status}.`));
      const declared = Number(response.headers["content-length"] ?? 0);
      if (declared > maxBytes) {
        return reject(
          new IngestError("too_large", `The download is ${formatBytes(declared)}; at most ${formatBytes(maxBytes)} is fetched.`),
        );
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return reject(new IngestError("too_large", `The download is larger than ${formatBytes(maxBytes)}: stopped.`));
        chunks.push(chunk);
      });
      response.on("end", () => resolve({ status, contentType, body: Buffer.concat(chunks), ...validators }));
      response.on("error", (error) => reject(new IngestError("fetch_failed", `Reading ${url.host} failed: ${error.message}`)));
    });
    request.on("error", (error) =>
      reject(error instanceof IngestError ? error : new IngestError("fetch_failed", `Could not reach ${url.host}: ${error.message}`)),
    );
    request.end();
  });
  // One connection per hop: whatever the outcome, it is closed once the hop is settled.
  return beforeDeadline(signal, exchange, stop).finally(stop);
}

/** A statement from a web address: HTML through Readability, PDF and plain text as files are. */
export async function draftFromUrl(rawUrl: string, options: FetchOptions = {}): Promise<StatementDraft> {
  const { finalUrl, contentType, body } = await fetchUrl(rawUrl, options);
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type === "application/pdf") return { ...(await readSingleFile("page.pdf", body)), sourceUrl: finalUrl };
  if (type === "text/plain") return { ...(await readSingleFile("page.txt", body)), sourceUrl: finalUrl };
  if (type === "text/html" || type === "application/xhtml+xml" || type === "") {
    return draftFromHtmlPage(new TextDecoder("utf-8").decode(body), finalUrl);
  }
  throw new IngestError("wrong_type", `${new URL(finalUrl).host} sent ${type}, which is not a web page, PDF or text.`);
}
