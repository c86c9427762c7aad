import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftFromUrl, fetchUrl, isPublicAddress } from "@/lib/ingest/url-fetch";
import { ingestRefusal } from "../support/refusal";

let server: http.Server;
let base: string;
const PAGE = `<html><head><title>Press statement</title></head><body><article><h1>Press statement</h1>
<p>The Foreign Ministry welcomes the resumption of talks between Armenia and Azerbaijan and supports a durable settlement.</p>
<p>It calls on both sides to refrain from any steps that could escalate tensions along the border region.</p></article></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/page") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(PAGE);
    if (req.url === "/to-metadata") return res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    if (req.url === "/to-loopback") return res.writeHead(301, { location: `http://localhost:${(server.address() as AddressInfo).port}/page` }).end();
    if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = "x".repeat(64 * 1024);
      for (let i = 0; i < 64; i++) res.write(chunk);
      return res.end();
    }
    if (req.url === "/never") return; // never answers
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

/** The test server is on loopback, which the default refuses: tests allow exactly 127.0.0.1 on the first hop. */
const firstHopOnLoopback = { allowAddress: (address: string, hop: number) => hop === 0 && address === "127.0.0.1" };


describe("address checks", () => {
  it.each(["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1"])(
    "%s is not public",
    (address) => expect(isPublicAddress(address)).toBe(false),
  );
  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111"])("%s is public", (address) => expect(isPublicAddress(address)).toBe(true));
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

  it.each(["http://127.0.0.1/", "http://localhost/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://0x7f000001/"])(
    "refuses %s by default",
    async (url) => {
      expect((await ingestRefusal(fetchUrl(url, { timeoutMs: 2000 }))).code).toBe("blocked_url");
    },
  );

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
