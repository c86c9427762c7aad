import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { draftFromUrl, fetchUrl, isPublicAddress, vetUrl } from "@/lib/ingest/url-fetch";
import { ingestRefusal } from "../support/refusal";

let server: http.Server;
let base: string;
let port: number;
/** What reached the test server: TCP connections and request bytes, counted per test. */
const received = { connections: 0, bytes: 0 };
const PAGE = `<html><head><title>Press statement</title></head><body><article><h1>Press statement</h1>
<p>The Foreign Ministry welcomes the resumption of talks between Armenia and Azerbaijan and supports a durable settlement.</p>
<p>It calls on both sides to refrain from any steps that could escalate tensions along the border region.</p></article></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/page") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    if (req.url === "/to-metadata") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    if (req.url === "/to-loopback")
      return res.writeHead(301, { location: `http://localhost:${(server.address() as AddressInfo).port}/page` }).end();
    if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = "x".repeat(64 * 1024);
      for (let i = 0; i < 64; i++) res.write(chunk);
      return res.end();
    }
    if (req.url === "/never") return; // never answers
    if (req.url === "/trickle") {
      // one byte every 100 ms for 3 s: each gap is short, the whole is long
      res.writeHead(200, { "content-type": "text/plain" });
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed || ++sent > 30) {
          clearInterval(timer);
          return res.end();
        }
        res.write("x");
      }, 100);
      return;
    }
    res.writeHead(404).end();
  });
  server.on("connection", (socket) => {
    received.connections++;
    socket.on("data", (chunk: Buffer) => (received.bytes += chunk.length));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
beforeEach(() => {
  received.connections = 0;
  received.bytes = 0;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** The test server is on loopback, which the default refuses: tests allow exactly 127.0.0.1 on the first hop. */
const firstHopOnLoopback = { allowAddress: (address: string, hop: number) => hop === 0 && address === "127.0.0.1" };

describe("address checks", () => {
  it.each([
    "127.0.0.1",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "::1",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "224.0.0.1",
  ])("%s is not public", (address) => expect(isPublicAddress(address)).toBe(false));
  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111"])("%s is public", (address) => expect(isPublicAddress(address)).toBe(true));

  it.each([
    ["mapped, hex tail", "::ffff:7f00:1"],
    ["mapped, written out", "0:0:0:0:0:ffff:7f00:1"],
    ["mapped, leading zeros", "0000:0000:0000:0000:0000:FFFF:7F00:0001"],
    ["compatible", "::127.0.0.1"],
    ["compatible, hex", "::a9fe:a9fe"],
    ["IPv4-translated (SIIT)", "::ffff:0:10.0.0.1"],
    ["NAT64", "64:ff9b::127.0.0.1"],
    ["NAT64, hex", "64:ff9b::a9fe:a9fe"],
    ["NAT64 local use", "64:ff9b:1::8.8.8.8"],
    ["6to4 of loopback", "2002:7f00:1::"],
    ["6to4 of the metadata address", "2002:a9fe:a9fe:1::1"],
    ["Teredo with a private client", "2001:0:4136:e378:8000:63bf:f5ff:fffe"],
    ["Teredo with a private server", "2001:0:a00:1:8000:63bf:3fff:fdd2"],
    ["site-local", "fec0::1"],
    ["documentation", "3fff::1"],
    ["link-local with a zone", "fe80::1%eth0"],
  ])("%s (%s) is not public", (_form, address) => expect(isPublicAddress(address)).toBe(false));

  it.each([
    ["mapped public", "::ffff:8.8.8.8"],
    ["NAT64 of a public address", "64:ff9b::808:808"],
    ["6to4 of a public address", "2002:808:808::1"],
  ])("%s (%s) is public", (_form, address) => expect(isPublicAddress(address)).toBe(true));
});

describe("vetting an address before anything is fetched", () => {
  it.each(["http://10.1.2.3/feed.xml", "http://[::ffff:a9fe:a9fe]/latest", "http://2130706433/", "http://localhost/rss"])(
    "refuses %s: it is, or resolves to, a private address",
    async (url) => expect(vetUrl(url)).rejects.toThrow(/private, loopback or reserved network address/),
  );
  it("refuses what is not http(s) or carries a password", async () => {
    await expect(vetUrl("ftp://93.184.216.34/x")).rejects.toThrow(/Only http and https/);
    await expect(vetUrl("http://user:pw@93.184.216.34/")).rejects.toThrow(/user name or password/);
  });
  it("lets a public address and a host that does not resolve now pass (its fetch reports that)", async () => {
    await expect(vetUrl("https://93.184.216.34/rss")).resolves.toBeUndefined();
    await expect(vetUrl("https://press.example/rss")).resolves.toBeUndefined();
  });
});

/** Arbitrary IPv4 addresses inside the ranges nobody may fetch, and every IPv6 and URL spelling of them. */
describe("address normaliser (property)", () => {
  /** Every IPv4 block nobody may fetch, as [first address, prefix length]. */
  const PRIVATE_BLOCKS: [number[], number][] = [
    [[0, 0, 0, 0], 8],
    [[10, 0, 0, 0], 8],
    [[100, 64, 0, 0], 10],
    [[127, 0, 0, 0], 8],
    [[169, 254, 0, 0], 16],
    [[172, 16, 0, 0], 12],
    [[192, 0, 0, 0], 24],
    [[192, 0, 2, 0], 24],
    [[192, 168, 0, 0], 16],
    [[198, 18, 0, 0], 15],
    [[198, 51, 100, 0], 24],
    [[203, 0, 113, 0], 24],
    [[224, 0, 0, 0], 4],
    [[240, 0, 0, 0], 4],
  ];
  const privateV4 = fc
    .tuple(fc.constantFrom(...PRIVATE_BLOCKS), fc.integer({ min: 0, max: 0xffffffff }))
    .map(([[base, prefix], host]): [number, number, number, number] => {
      const start = ((base[0]! << 24) | (base[1]! << 16) | (base[2]! << 8) | base[3]!) >>> 0;
      const n = (start + (host % 2 ** (32 - prefix))) >>> 0;
      return [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
    });
  const publicV4 = fc.constantFrom<[number, number, number, number]>([8, 8, 8, 8], [93, 184, 216, 34], [1, 1, 1, 1], [151, 101, 1, 69]);
  const padded = fc.boolean();
  const upper = fc.boolean();

  /** Writes eight 16-bit groups as IPv6 in one of its spellings: full, zero-padded, or with the longest zero run as "::". */
  function spell(groups: readonly number[], pad: boolean, up: boolean, tailV4?: number[]): string {
    let words = groups.map((g) => (pad ? g.toString(16).padStart(4, "0") : g.toString(16)));
    if (tailV4) words = [...words.slice(0, 6), tailV4.join(".")];
    let text = words.join(":");
    if (!pad) {
      const zeroRun = /(^|:)(0(:0)+)(:|$)/.exec(text);
      if (zeroRun) text = text.replace(zeroRun[0], "::");
    }
    return up ? text.toUpperCase() : text;
  }

  type Form = (v4: number[], extra: number[], pad: boolean, up: boolean, dotted: boolean) => string;
  const forms: Record<string, Form> = {
    mapped: ([a, b, c, d], _e, pad, up, dotted) =>
      spell([0, 0, 0, 0, 0, 0xffff, (a! << 8) | b!, (c! << 8) | d!], pad, up, dotted ? [a!, b!, c!, d!] : undefined),
    compatible: ([a, b, c, d], _e, pad, up, dotted) =>
      spell([0, 0, 0, 0, 0, 0, (a! << 8) | b!, (c! << 8) | d!], pad, up, dotted ? [a!, b!, c!, d!] : undefined),
    translated: ([a, b, c, d], _e, pad, up, dotted) =>
      spell([0, 0, 0, 0, 0xffff, 0, (a! << 8) | b!, (c! << 8) | d!], pad, up, dotted ? [a!, b!, c!, d!] : undefined),
    nat64: ([a, b, c, d], _e, pad, up, dotted) =>
      spell([0x64, 0xff9b, 0, 0, 0, 0, (a! << 8) | b!, (c! << 8) | d!], pad, up, dotted ? [a!, b!, c!, d!] : undefined),
    sixToFour: ([a, b, c, d], e, pad, up) => spell([0x2002, (a! << 8) | b!, (c! << 8) | d!, e[0]!, e[1]!, e[2]!, e[3]!, e[4]!], pad, up),
    teredoClient: ([a, b, c, d], e, pad, up) =>
      spell([0x2001, 0, 0x0808, 0x0808, e[0]!, e[1]!, 0xffff ^ ((a! << 8) | b!), 0xffff ^ ((c! << 8) | d!)], pad, up),
    teredoServer: ([a, b, c, d], e, pad, up) => spell([0x2001, 0, (a! << 8) | b!, (c! << 8) | d!, e[0]!, e[1]!, 0xf7f7, 0xf7f7], pad, up),
  };
  const extra = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 5, maxLength: 5 });
  const spelled = (v4: fc.Arbitrary<[number, number, number, number]>) =>
    fc.tuple(v4, fc.constantFrom(...Object.keys(forms)), extra, padded, upper, fc.boolean()).map(([address, form, e, pad, up, dotted]) => ({
      v4: address,
      form,
      text: forms[form]!(address, e, pad, up, dotted),
    }));

  it("refuses every IPv6 spelling of a private, loopback, link-local or reserved IPv4 address", () => {
    fc.assert(
      fc.property(spelled(privateV4), ({ text }) => {
        expect(isPublicAddress(text)).toBe(false);
        // and as the URL parser hands the host on to the fetcher
        expect(isPublicAddress(new URL(`http://[${text}]/`).hostname.slice(1, -1))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses every URL spelling of a private IPv4 address (decimal, hex, octal, short)", () => {
    const spellings = (v: number[]) => {
      const n = ((v[0]! << 24) >>> 0) + (v[1]! << 16) + (v[2]! << 8) + v[3]!;
      return [
        v.join("."),
        String(n),
        `0x${n.toString(16)}`,
        v.map((o) => `0${o.toString(8)}`).join("."),
        `${v[0]}.${(v[1]! << 16) + (v[2]! << 8) + v[3]!}`,
      ];
    };
    fc.assert(
      fc.property(privateV4, fc.nat(4), (v4, which) => {
        expect(isPublicAddress(new URL(`http://${spellings(v4)[which]}/`).hostname)).toBe(false);
      }),
    );
  });

  it("refuses IPv6 loopback, unspecified, unique-local, link-local and multicast addresses in any spelling", () => {
    const groups = fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 });
    const privateV6 = fc.oneof(
      fc.constant([0, 0, 0, 0, 0, 0, 0, 1]),
      fc.constant([0, 0, 0, 0, 0, 0, 0, 0]),
      groups.map((g) => [0xfc00 | (g[0]! & 0x1ff), ...g.slice(1)]),
      groups.map((g) => [0xfe80 | (g[0]! & 0x3f), ...g.slice(1)]),
      groups.map((g) => [0xff00 | (g[0]! & 0xff), ...g.slice(1)]),
    );
    fc.assert(
      fc.property(privateV6, padded, upper, (g, pad, up) => {
        expect(isPublicAddress(spell(g, pad, up))).toBe(false);
      }),
    );
  });

  it("is no stricter than it must be: an embedded public IPv4 address stays public in the forms that route to it", () => {
    fc.assert(
      fc.property(
        spelled(publicV4).filter(({ form }) => ["mapped", "nat64", "sixToFour"].includes(form)),
        ({ text }) => {
          expect(isPublicAddress(text)).toBe(true);
        },
      ),
    );
  });
});

describe("URL import", () => {
  it("extracts the main text of a page, with its address as source", async () => {
    const draft = await draftFromUrl(`${base}/page`, firstHopOnLoopback);
    expect(draft.title).toBe("Press statement");
    expect(draft.raw).toContain("resumption of talks between Armenia and Azerbaijan");
    expect(draft.sourceUrl).toBe(`${base}/page`);
  });

  it.each(["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "gopher://x", "not a url"])("refuses %s", async (url) => {
    expect((await ingestRefusal(fetchUrl(url))).code).toBe("blocked_url");
  });

  it.each([
    "http://127.0.0.1/",
    "http://localhost/",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://0x7f000001/",
  ])("refuses %s by default", async (url) => {
    expect((await ingestRefusal(fetchUrl(url, { timeoutMs: 2000 }))).code).toBe("blocked_url");
  });

  it.each(["[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]", "[::ffff:7f00:1]", "[::ffff:0:127.0.0.1]", "[::127.0.0.1]"])(
    "refuses the test server through %s without ever connecting to it",
    async (host) => {
      expect((await ingestRefusal(fetchUrl(`http://${host}:${port}/page`, { timeoutMs: 2000 }))).code).toBe("blocked_url");
      expect(received.connections).toBe(0);
    },
  );

  it("checks the connected socket's address before sending a single byte", async () => {
    // the first check (the vetted address) passes; the check on the connected socket refuses
    let checks = 0;
    const error = await ingestRefusal(fetchUrl(`${base}/page`, { allowAddress: () => ++checks === 1 }));
    expect(error.code).toBe("blocked_url");
    expect(checks).toBe(2);
    expect(received.bytes).toBe(0);
  });

  it("holds the timeout for the whole fetch, not for each quiet gap", async () => {
    const started = Date.now();
    expect((await ingestRefusal(fetchUrl(`${base}/trickle`, { ...firstHopOnLoopback, timeoutMs: 800 }))).code).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("refuses the same test server by default: loopback is never fetched", async () => {
    expect((await ingestRefusal(fetchUrl(`${base}/page`))).code).toBe("blocked_url");
  });

  it("checks every redirect again: to the metadata address, or back to loopback", async () => {
    expect((await ingestRefusal(fetchUrl(`${base}/to-metadata`, firstHopOnLoopback))).code).toBe("blocked_url");
    expect((await ingestRefusal(fetchUrl(`${base}/to-loopback`, firstHopOnLoopback))).code).toBe("blocked_url");
  });

  it("stops at the size cap and at the timeout", async () => {
    expect((await ingestRefusal(fetchUrl(`${base}/huge`, { ...firstHopOnLoopback, maxBytes: 1024 * 1024 }))).code).toBe("too_large");
    expect((await ingestRefusal(fetchUrl(`${base}/never`, { ...firstHopOnLoopback, timeoutMs: 500 }))).code).toBe("timeout");
  });
});
