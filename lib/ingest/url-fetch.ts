import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { StatementDraft } from "./draft";
import { IngestError } from "./errors";
import { draftFromHtmlPage } from "./html-page";
import { formatBytes, LIMITS } from "./limits";
import { readSingleFile } from "./single-file";

const PRIVATE_V4 = new net.BlockList();
for (const [address, prefix] of [
  ["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12],
  ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24],
  ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4],
] as const) PRIVATE_V4.addSubnet(address, prefix, "ipv4");
const PRIVATE_V6 = new net.BlockList();
for (const [address, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32], ["100::", 64]] as const) {
  PRIVATE_V6.addSubnet(address, prefix, "ipv6");
}

/** True for addresses on the public internet; loopback, private, link-local, metadata and reserved ranges are not. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  if (net.isIPv4(address)) return !PRIVATE_V4.check(address, "ipv4");
  if (net.isIPv6(address)) return !PRIVATE_V6.check(address, "ipv6");
  return false;
}

export interface FetchOptions {
  /** Which addresses may be connected to, per redirect hop; the default allows public addresses only. Tests narrow it. */
  allowAddress?: (address: string, hop: number) => boolean;
  timeoutMs?: number;
  maxBytes?: number;
}

interface Fetched {
  finalUrl: string;
  contentType: string;
  body: Buffer;
}

/**
 * Fetches a statement's page server-side, refusing anything that is not http(s) on a public address. The
 * address is vetted when resolved AND pinned for the connection (no DNS rebinding), re-checked on the
 * socket actually connected, and again on every redirect; the body stops at a size cap, the whole at a timeout.
 */
export async function fetchUrl(rawUrl: string, options: FetchOptions = {}): Promise<Fetched> {
  const allow = options.allowAddress ?? ((address) => isPublicAddress(address));
  const deadline = Date.now() + (options.timeoutMs ?? LIMITS.urlTimeoutMs);
  let url = parseHttpUrl(rawUrl);
  for (let hop = 0; hop <= LIMITS.urlRedirects; hop++) {
    const response = await requestOnce(url, (address) => allow(address, hop), deadline, options.maxBytes ?? LIMITS.urlBytes);
    if (response.redirect) {
      url = parseHttpUrl(new URL(response.redirect, url).toString());
      continue;
    }
    return { finalUrl: url.toString(), contentType: response.contentType, body: response.body };
  }
  throw new IngestError("fetch_failed", `More than ${LIMITS.urlRedirects} redirects: stopped.`);
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
  return new IngestError("blocked_url", `${host} points to a private, loopback or reserved network address: Dyad only fetches public web pages.`);
}

type Once = { redirect: string; contentType: string; body: Buffer } | { redirect: null; contentType: string; body: Buffer };

function requestOnce(url: URL, allow: (address: string) => boolean, deadline: number, maxBytes: number): Promise<Once> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !allow(host)) return Promise.reject(refused(host));
  const lookup: net.LookupFunction = (hostname, opts, callback) => {
    dns.lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const vetted = addresses.find((a) => allow(a.address));
      if (!vetted || addresses.some((a) => !allow(a.address))) return callback(refused(hostname), "", 4);
      if ((opts as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [vetted]);
      callback(null, vetted.address, vetted.family);
    });
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new IngestError("timeout", `${url.host} did not answer in time.`));
    const request = client.get(url, { lookup, headers: { "user-agent": "Dyad statement importer", accept: "text/html,application/pdf,text/plain;q=0.9,*/*;q=0.5" } }, (response) => {
      const remote = response.socket.remoteAddress ?? "";
      if (!allow(remote)) {
        request.destroy();
        return reject(refused(url.hostname));
      }
      const status = response.statusCode ?? 0;
      const contentType = String(response.headers["content-type"] ?? "");
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        return resolve({ redirect: response.headers.location, contentType, body: Buffer.alloc(0) });
      }
      if (status >= 400) {
        response.resume();
        return reject(new IngestError("fetch_failed", `${url.host} answered ${status}.`));
      }
      const declared = Number(response.headers["content-length"] ?? 0);
      if (declared > maxBytes) {
        request.destroy();
        return reject(new IngestError("too_large", `The page is ${formatBytes(declared)}; at most ${formatBytes(maxBytes)} is fetched.`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy();
          reject(new IngestError("too_large", `The page is larger than ${formatBytes(maxBytes)}: stopped.`));
          return;
        }
        chunks.push(chunk);
      });
      response.on("end", () => resolve({ redirect: null, contentType, body: Buffer.concat(chunks) }));
      response.on("error", (error) => reject(new IngestError("fetch_failed", `Reading ${url.host} failed: ${error.message}`)));
    });
    request.setTimeout(remaining, () => {
      request.destroy();
      reject(new IngestError("timeout", `${url.host} did not answer in time: stopped.`));
    });
    request.on("error", (error) => reject(error instanceof IngestError ? error : new IngestError("fetch_failed", `Could not reach ${url.host}: ${error.message}`)));
  });
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
