import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

type Options = Record<string, { type: "string" | "boolean"; short?: string; default?: string | boolean; multiple?: boolean }>;

/**
 * A command's arguments by node:util parseArgs (strict: an unknown option is refused). `--help` prints the usage
 * and exits; a wrong argument prints what was wrong and the usage, and exits with 2.
 */
export function cliArgs<const O extends Options>(usage: string, options: O, { positionals = false } = {}) {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usage);
    process.exit(0);
  }
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (!positionals && parsed.positionals.length > 0) throw new Error(`Unexpected argument '${parsed.positionals[0]}'.`);
    return parsed;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

/** A number option: the fallback when absent, else a finite number or a clear refusal (exit 2). */
export function numberArg(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) {
    console.error(`--${name} ${value}: give a number.`);
    process.exit(2);
  }
  return n;
}

/** True when this module is the script node was started with (not imported by another script or a test). */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}
