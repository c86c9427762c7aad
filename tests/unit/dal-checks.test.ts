import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every exported function of a file directly in lib/dal that can reach data (it takes a DalContext) checks the
 * caller before it touches that context: its first statement that uses the context calls requirePermission,
 * currentActor, cachedRead or another function of lib/dal that does. A function that takes a bare database
 * handle checks nothing by its nature and lives in lib/dal/internal/ (or, run before anyone signs in with a token
 * or secret as its check, lib/dal/public/). A function that takes neither reaches no data (a parser, a formatter).
 */
const DAL = path.join(process.cwd(), "lib/dal");
const BASE_CHECKS = ["requirePermission", "currentActor", "cachedRead"];

/** The permission machinery itself: it defines the checks rather than passing them. */
const MACHINERY: Record<string, string> = {
  "context.ts": "defines requirePermission and currentActor",
  "read-cache.ts": "cachedRead checks first; cachedAt and dataVersion serve lib/auth's response cache after its own check",
};

interface ExportedFunction {
  file: string;
  name: string;
  /** Why the function is not checked, or null when it is (or reaches no data). */
  problem: (checks: ReadonlySet<string>) => string | null;
}

const DATA_HANDLE = /\b(DalContext|Db|Tx)\b/;

function exportedFunctions(file: string, code: string): ExportedFunction[] {
  const source = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true);
  const found: ExportedFunction[] = [];
  const add = (name: string, fn: ts.SignatureDeclaration & { body?: ts.ConciseBody }) =>
    found.push({ file, name, problem: (checks) => problemOf(fn, source, checks) });
  for (const statement of source.statements) {
    if (!ts.canHaveModifiers(statement) || !ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isFunctionDeclaration(statement) && statement.name) add(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)))
          add(d.name.text, d.initializer);
      }
    }
  }
  return found;
}

function problemOf(
  fn: ts.SignatureDeclaration & { body?: ts.ConciseBody },
  source: ts.SourceFile,
  checks: ReadonlySet<string>,
): string | null {
  const handles = fn.parameters.filter((p) => {
    const type = p.type?.getText(source) ?? "";
    return DATA_HANDLE.test(type) || (ts.isIdentifier(p.name) && ["ctx", "db", "tx"].includes(p.name.text));
  });
  if (handles.length === 0) return null;
  const context = handles.find((p) => /\bDalContext\b/.test(p.type?.getText(source) ?? ""));
  if (!context || !ts.isIdentifier(context.name)) return "takes a bare database handle: it belongs in lib/dal/internal/";
  const ctx = context.name.text;
  if (!fn.body) return "has no body";
  const steps: ts.Node[] = ts.isBlock(fn.body) ? [...fn.body.statements] : [fn.body];
  for (const step of steps) {
    if (!mentions(step, ctx)) continue;
    return callsCheck(step, ctx, checks) ? null : `uses ${ctx} before a permission check`;
  }
  return null;
}

function mentions(node: ts.Node, name: string): boolean {
  if (ts.isIdentifier(node) && node.text === name) return true;
  return ts.forEachChild(node, (child) => mentions(child, name) || undefined) ?? false;
}

/** A call of a check with the context as its first argument, anywhere in this statement. */
function callsCheck(node: ts.Node, ctx: string, checks: ReadonlySet<string>): boolean {
  if (
    ts.isCallExpression(node) &&
    ts.isIdentifier(node.expression) &&
    checks.has(node.expression.text) &&
    node.arguments[0] !== undefined &&
    ts.isIdentifier(node.arguments[0]) &&
    node.arguments[0].text === ctx
  )
    return true;
  return ts.forEachChild(node, (child) => callsCheck(child, ctx, checks) || undefined) ?? false;
}

/** The unchecked functions among these files: a function counts as a check once it passes itself (editStatement…). */
function unchecked(files: { file: string; code: string }[]): string[] {
  const functions = files.flatMap(({ file, code }) => exportedFunctions(file, code));
  const checks = new Set(BASE_CHECKS);
  for (let grown = true; grown;) {
    grown = false;
    for (const f of functions) {
      if (!checks.has(f.name) && f.problem(checks) === null) {
        checks.add(f.name);
        grown = true;
      }
    }
  }
  return functions.flatMap((f) => {
    const problem = f.problem(checks);
    return problem ? [`${f.file}: ${f.name} ${problem}`] : [];
  });
}

describe("checked and unchecked DAL functions live apart", () => {
  it("finds a planted unchecked function, and passes checked and data-free ones", () => {
    const planted = `
      import { requirePermission, type DalContext } from "./context";
      import type { Db } from "@/db/client";
      export async function listThings(ctx: DalContext) { await requirePermission(ctx, "statements:read"); return ctx.db.select(); }
      export async function editThing(ctx: DalContext, id: number) { if (id < 1) throw new Error("no"); return listThings(ctx); }
      export const formatThing = (thing: { name: string }) => thing.name.trim();
      export async function readThings(db: Db) { return db.select(); }
      export async function peekThings(ctx: DalContext) { const rows = await ctx.db.select(); await requirePermission(ctx, "statements:read"); return rows; }
      export const skipThings = (ctx: DalContext) => ctx.db.select();
    `;
    expect(unchecked([{ file: "planted.ts", code: planted }])).toEqual([
      "planted.ts: readThings takes a bare database handle: it belongs in lib/dal/internal/",
      "planted.ts: peekThings uses ctx before a permission check",
      "planted.ts: skipThings uses ctx before a permission check",
    ]);
  });

  it("every exported function directly in lib/dal checks before it reaches data", () => {
    const files = readdirSync(DAL, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(".ts") && !(e.name in MACHINERY))
      .map((e) => ({ file: e.name, code: readFileSync(path.join(DAL, e.name), "utf8") }));
    expect(files.length).toBeGreaterThan(20);
    expect(unchecked(files)).toEqual([]);
  });
});
