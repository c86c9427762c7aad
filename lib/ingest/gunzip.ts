import { createGunzip } from "node:zlib";
import { IngestError } from "./errors";
import { formatBytes, LIMITS } from "./limits";

/**
 * Decompresses a .gz as a stream and stops as soon as it grows past the byte cap or the ratio cap,
 * so a gzip bomb costs a few megabytes of work, not the server's memory.
 */
export async function gunzipBounded(compressed: Uint8Array, name: string): Promise<Buffer> {
  const cap = Math.min(LIMITS.gunzipBytes, Math.max(1024 * 1024, compressed.length * LIMITS.gunzipRatio));
  const gunzip = createGunzip();
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    gunzip.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        gunzip.destroy();
        reject(new IngestError("bomb", `${name} expands to more than ${formatBytes(cap)}: refused as a possible decompression bomb.`));
        return;
      }
      chunks.push(chunk);
    });
    gunzip.on("end", () => resolve(Buffer.concat(chunks)));
    gunzip.on("error", () => reject(new IngestError("malformed", `${name} is not a valid gzip file.`)));
    gunzip.end(compressed);
  });
}
