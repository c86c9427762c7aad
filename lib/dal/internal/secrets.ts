import { createHash, randomBytes } from "node:crypto";

/** A new secret handed to a person once (an API token, a feed address, a set-password link): prefix + 32 random characters. */
export const newSecret = (prefix: string) => `${prefix}${randomBytes(24).toString("base64url")}`;

/** What is stored of a secret: its SHA-256, so a copy of the database opens nothing. */
export const hashSecret = (secret: string) => createHash("sha256").update(secret).digest("hex");
