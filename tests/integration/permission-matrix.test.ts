import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriesQueryFromParams } from "@/app/_lib/series-query";
import { seedCodebook, seedCountries, seedStatementDraft } from "@/lib/boot/seed";
import { roleHas, scopeGrants, type Permission, type TokenScope } from "@/lib/dal/permissions";
import { activeCodebook } from "@/lib/dal/internal/codebook";
import { listPairs, listThemes } from "@/lib/dal/catalog";
import type { DalContext } from "@/lib/dal/context";
import { DalError } from "@/lib/dal/errors";
import { exportStatements } from "@/lib/dal/exports";
import { pairSeries, pairThemeOverview } from "@/lib/dal/pair-series";
import { passagesBehind } from "@/lib/dal/drill";
import { addEvent, eventsFor } from "@/lib/dal/events";
import { searchStatements } from "@/lib/dal/search";
import { writeStatement } from "@/lib/dal/internal/write-statement";
import { getStatement, importStatement, listStatements } from "@/lib/dal/statements";
import { addThemeTag, removeThemeTag } from "@/lib/dal/tags";
import { contextForToken } from "@/lib/dal/public/api-token";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/dal/api-tokens";
import { listCodebook, updateThemeRules } from "@/lib/dal/codebook-admin";
import { runJobsUntilIdle } from "@/lib/dal/internal/job-runner";
import { retagStatus } from "@/lib/dal/background-progress";
import { toneRescoreStatus } from "@/lib/dal/background-progress";
import { stageBulkUpload, startStagedImport } from "@/lib/dal/bulk-uploads";
import { draftFromSource, getImportJob, importDraft, previewDraft, startBulkImport } from "@/lib/dal/imports";
import { analyseDraft } from "@/lib/ingest/pipeline";
import { eq } from "drizzle-orm";
import { tags as schemaTags } from "@/db/schema";
import { adjudicate, codingTask, createSample, listSamples, myAssignments, sampleReport, submitCoding } from "@/lib/dal/agreement";
import { claimStatement, releaseClaim } from "@/lib/dal/claims";
import { requestRetrain, taggerQuality } from "@/lib/dal/tagger-quality";
import { readState } from "@/lib/dal/internal/statement-state";
import { restoreStatement, statementHistory } from "@/lib/dal/history";
import { markReviewed, nextInQueue, reviewQueue, reviewStatement } from "@/lib/dal/review";
import { setPairs, updateMetadata } from "@/lib/dal/statement-edits";
import { acceptSuggestions, addSpanTag, decideTag, togglePassageTheme } from "@/lib/dal/tags";
import { setToneOverride } from "@/lib/dal/tone-overrides";
import { changeUserRole, createUser, listUsers, resetUserPassword, setUserDisabled } from "@/lib/dal/user-admin";
import { exportAudit, listAudit } from "@/lib/dal/audit-view";
import { deleteEvent, listEvents, updateEvent } from "@/lib/dal/events";
import { createTheme, updateTheme } from "@/lib/dal/codebook-admin";
import { previewThemeRules } from "@/lib/dal/codebook-preview";
import { deleteReport, getReport, listReports, saveReport } from "@/lib/dal/report-definitions";
import { buildReport, exportReport, openReportStatements } from "@/lib/dal/reports";
import { reportSpecSchema } from "@/lib/export/report-spec";
import { listChanges } from "@/lib/dal/changes";
import { deleteView, getView, listViews, replaceFeedToken, saveView } from "@/lib/dal/saved-views";
import { resolveShortLink, shortLinkFor } from "@/lib/dal/short-links";
import { countryProfile, pairProfile, quotedPassages } from "@/lib/dal/profiles";
import { deleteFeed, listFeeds, pollFeedNow, setFeedPaused, subscribeFeed } from "@/lib/dal/feeds";
import { createPeople, PEOPLE, tableCounts, type Person } from "../support/fixtures";
import { createTestDatabase, TEST_DRIVERS, type TestDatabase } from "../support/db";

const filtersOf = (query: string) => seriesQueryFromParams(new URLSearchParams(query));

interface Fixture {
  statementId: number;
  admin: DalContext;
  uploadId?: string;
  jobId?: number;
  auditId?: number;
  sampleId?: number;
  targetUserId?: number;
  eventId?: number;
  reportId?: number;
  feedId?: number;
  version(): Promise<number>;
  freshDraftText(): string;
}

/** Every DAL action a person can trigger, with the permission it needs. */
const ACTIONS: Record<
  string,
  { permission: Permission; prepare?(f: Fixture): Promise<unknown>; run(ctx: DalContext, f: Fixture): Promise<unknown> }
> = {
  listStatements: { permission: "statements:read", run: (ctx) => listStatements(ctx, {}) },
  getStatement: { permission: "statements:read", run: (ctx, f) => getStatement(ctx, f.statementId) },
  listThemes: { permission: "statements:read", run: (ctx) => listThemes(ctx) },
  listPairs: { permission: "statements:read", run: (ctx) => listPairs(ctx) },
  pairSeries: {
    permission: "series:read",
    run: (ctx) =>
      pairSeries(ctx, {
        pairs: [{ speaker: "USA", counterpart: "AZE" }],
        themes: ["energy-security"],
        bothDirections: false,
        interval: "year",
        measure: "statements",
        scale: "count",
      }),
  },
  addThemeTag: {
    permission: "tags:write",
    run: async (ctx, f) => addThemeTag(ctx, { statementId: f.statementId, theme: "nonproliferation", version: await f.version() }),
  },
  removeThemeTag: {
    permission: "tags:write",
    prepare: async (f) => addThemeTag(f.admin, { statementId: f.statementId, theme: "regional-security", version: await f.version() }),
    run: async (ctx, f) => removeThemeTag(ctx, { statementId: f.statementId, theme: "regional-security", version: await f.version() }),
  },
  importStatement: {
    permission: "statements:import",
    run: async (ctx, f) =>
      importStatement(ctx, analyseDraft({ raw: f.freshDraftText(), speakerCountry: "USA" }, await activeCodebook(ctx.db))),
  },
  exportStatements: { permission: "reports:export", run: (ctx) => exportStatements(ctx, { speaker: "USA", counterpart: "AZE" }) },
  draftFromSource: {
    permission: "statements:import",
    run: (ctx) => draftFromSource(ctx, { kind: "paste", text: "We welcome the talks.", html: false }),
  },
  previewDraft: {
    permission: "statements:import",
    run: (ctx) => previewDraft(ctx, { raw: "Baku and Washington agreed on energy security.", speakerCountry: "USA" }),
  },
  importDraft: { permission: "statements:import", run: (ctx, f) => importDraft(ctx, { raw: f.freshDraftText(), speakerCountry: "USA" }) },
  stageBulkUpload: {
    permission: "statements:import",
    run: (ctx) => stageBulkUpload(ctx, "rows.jsonl", streamOf('{"text":"We agree."}\n')),
  },
  startStagedImport: {
    permission: "statements:import",
    prepare: async (f) =>
      (f.uploadId = (await stageBulkUpload(f.admin, "rows.jsonl", streamOf('{"text":"Staged and imported."}\n'))).uploadId),
    run: async (ctx, f) => {
      const jobId = await startStagedImport(ctx, f.uploadId!, { text: "text" });
      await runJobsUntilIdle(ctx.db); // what the server's worker does
      return jobId;
    },
  },
  getImportJob: {
    permission: "statements:import",
    prepare: async (f) => (f.jobId = await startBulkImport(f.admin, "matrix")),
    run: (ctx, f) => getImportJob(ctx, f.jobId!),
  },
  listCodebook: { permission: "statements:read", run: (ctx) => listCodebook(ctx) },
  retagStatus: { permission: "statements:read", run: (ctx) => retagStatus(ctx) },
  toneRescoreStatus: { permission: "statements:read", run: (ctx) => toneRescoreStatus(ctx) },
  updateThemeRules: {
    permission: "codebook:manage",
    run: async (ctx) => {
      const { version, themes } = await listCodebook(ctx);
      const theme = themes.find((t) => t.slug === "nonproliferation")!;
      const result = await updateThemeRules(ctx, {
        slug: theme.slug,
        enabled: true,
        version,
        rules: { ...theme.rules, phrases: [...theme.rules.phrases, `uranium ${version}`] },
      });
      await runJobsUntilIdle(ctx.db); // let the re-tag finish so later rows compare quiet tables
      return result;
    },
  },
  addEvent: {
    permission: "events:write",
    run: (ctx) => addEvent(ctx, { day: "2020-09-27", label: "War resumes in Nagorno-Karabakh", countryA: "ARM", countryB: "AZE" }),
  },
  eventsFor: { permission: "series:read", run: (ctx) => eventsFor(ctx, [{ speaker: "USA", counterpart: "AZE" }]) },
  passagesBehind: {
    permission: "statements:read",
    run: (ctx) =>
      passagesBehind(ctx, {
        speaker: "USA",
        counterpart: "AZE",
        bothDirections: false,
        theme: "energy-security",
        period: "2008",
        interval: "year",
        page: 1,
      }),
  },
  searchStatements: { permission: "statements:read", run: (ctx) => searchStatements(ctx, "energy security", {}) },
  pairThemeOverview: { permission: "series:read", run: (ctx) => pairThemeOverview(ctx, {}) },
  createApiToken: { permission: "tokens:manage", run: (ctx) => createApiToken(ctx, { name: "matrix", scopes: ["read", "write"] }) },
  listApiTokens: { permission: "tokens:manage", run: (ctx) => listApiTokens(ctx) },
  revokeApiToken: {
    permission: "tokens:manage",
    run: async (ctx) => revokeApiToken(ctx, (await createApiToken(ctx, { name: "to revoke" })).id).then(() => "revoked"),
  },
  reviewQueue: { permission: "tags:write", run: (ctx) => reviewQueue(ctx, {}) },
  nextInQueue: { permission: "tags:write", run: (ctx) => nextInQueue(ctx, {}, null) },
  reviewStatement: { permission: "tags:write", run: (ctx, f) => reviewStatement(ctx, f.statementId) },
  claimStatement: {
    permission: "tags:write",
    run: async (ctx, f) => {
      const claim = await claimStatement(ctx, f.statementId);
      await releaseClaim(ctx, f.statementId);
      return claim;
    },
  },
  releaseClaim: { permission: "tags:write", run: (ctx, f) => releaseClaim(ctx, f.statementId) },
  decideTag: {
    permission: "tags:write",
    run: async (ctx, f) => {
      const [tag] = await ctx.db.select({ id: schemaTags.id }).from(schemaTags).where(eq(schemaTags.statementId, f.statementId)).limit(1);
      return decideTag(ctx, { statementId: f.statementId, version: await f.version(), tagId: tag!.id, decision: "accepted" });
    },
  },
  acceptSuggestions: {
    permission: "tags:write",
    run: async (ctx, f) => acceptSuggestions(ctx, { statementId: f.statementId, version: await f.version(), passageId: null }),
  },
  togglePassageTheme: {
    permission: "tags:write",
    run: async (ctx, f) => {
      const passage = (await reviewStatement(f.admin, f.statementId)).passages[0]!;
      return togglePassageTheme(ctx, { statementId: f.statementId, version: await f.version(), passageId: passage.id, theme: "elections" });
    },
  },
  addSpanTag: {
    permission: "tags:write",
    run: async (ctx, f) => {
      const passage = (await reviewStatement(f.admin, f.statementId)).passages[0]!;
      const start = passage.start + passage.text.search(/\S/);
      return addSpanTag(ctx, {
        statementId: f.statementId,
        version: await f.version(),
        passageId: passage.id,
        theme: "democracy",
        start,
        end: start + 3,
      });
    },
  },
  setToneOverride: {
    permission: "tags:write",
    run: async (ctx, f) =>
      setToneOverride(ctx, { statementId: f.statementId, version: await f.version(), passageId: null, value: 1, note: "matrix" }),
  },
  updateMetadata: {
    permission: "tags:write",
    run: async (ctx, f) =>
      updateMetadata(ctx, {
        statementId: f.statementId,
        version: await f.version(),
        metadata: (await readState(f.admin.db, f.statementId)).metadata,
      }),
  },
  setPairs: {
    permission: "tags:write",
    run: async (ctx, f) =>
      setPairs(ctx, { statementId: f.statementId, version: await f.version(), pairs: (await readState(f.admin.db, f.statementId)).pairs }),
  },
  markReviewed: {
    permission: "tags:write",
    run: async (ctx, f) => markReviewed(ctx, { statementId: f.statementId, version: await f.version() }),
  },
  restoreStatement: {
    permission: "tags:write",
    prepare: async (f) =>
      (f.auditId = (await acceptSuggestions(f.admin, { statementId: f.statementId, version: await f.version(), passageId: null })).auditId),
    run: async (ctx, f) => restoreStatement(ctx, { statementId: f.statementId, version: await f.version(), auditId: f.auditId! }),
  },
  statementHistory: { permission: "statements:read", run: (ctx, f) => statementHistory(ctx, f.statementId) },
  createSample: {
    permission: "codebook:manage",
    run: async (ctx, f) => createSample(ctx, { name: "matrix", coderIds: await coderIds(f), statementIds: [f.statementId] }),
  },
  listSamples: { permission: "codebook:manage", run: (ctx) => listSamples(ctx) },
  myAssignments: { permission: "tags:write", run: (ctx) => myAssignments(ctx) },
  codingTask: {
    permission: "tags:write",
    prepare: async (f) =>
      (f.sampleId = (await createSample(f.admin, { name: "matrix", coderIds: await coderIds(f), statementIds: [f.statementId] })).sampleId),
    run: async (ctx) => codingTask(ctx, (await myAssignments(ctx))[0]!.id),
  },
  submitCoding: {
    permission: "tags:write",
    run: async (ctx) => submitCoding(ctx, { assignmentId: (await myAssignments(ctx))[0]!.id, answers: [] }),
  },
  sampleReport: { permission: "codebook:manage", run: (ctx, f) => sampleReport(ctx, f.sampleId!) },
  adjudicate: {
    permission: "codebook:manage",
    run: async (ctx, f) => adjudicate(ctx, { sampleId: f.sampleId!, statementId: f.statementId, version: await f.version(), passages: [] }),
  },
  taggerQuality: { permission: "tags:write", run: (ctx) => taggerQuality(ctx).then((q) => q ?? "no model yet") },
  requestRetrain: {
    permission: "tags:write",
    run: async (ctx) => {
      const started = await requestRetrain(ctx);
      await runJobsUntilIdle(ctx.db); // let it finish before the next row compares tables
      return started;
    },
  },
  listUsers: { permission: "users:manage", run: (ctx) => listUsers(ctx) },
  createUser: {
    permission: "users:manage",
    run: (ctx) => createUser(ctx, { email: `matrix-${++userCounter}@test.example`, name: "Matrix", role: "analyst", credential: "link" }),
  },
  changeUserRole: {
    permission: "users:manage",
    prepare: async (f) => (f.targetUserId = await aTargetUser(f)),
    run: (ctx, f) => changeUserRole(ctx, { userId: f.targetUserId!, role: "staff" }),
  },
  setUserDisabled: {
    permission: "users:manage",
    prepare: async (f) => (f.targetUserId = await aTargetUser(f)),
    run: (ctx, f) => setUserDisabled(ctx, { userId: f.targetUserId!, disabled: true }),
  },
  resetUserPassword: {
    permission: "users:manage",
    prepare: async (f) => (f.targetUserId = await aTargetUser(f)),
    run: (ctx, f) => resetUserPassword(ctx, { userId: f.targetUserId!, credential: "link" }),
  },
  listAudit: { permission: "users:manage", run: (ctx) => listAudit(ctx, { action: "user." }) },
  exportAudit: { permission: "users:manage", run: (ctx) => exportAudit(ctx, {}) },
  listEvents: { permission: "codebook:manage", run: (ctx) => listEvents(ctx) },
  updateEvent: {
    permission: "codebook:manage",
    prepare: async (f) => (f.eventId = await addEvent(f.admin, { day: "1994-05-12", label: "Bishkek ceasefire" })),
    run: (ctx, f) =>
      updateEvent(ctx, f.eventId!, { day: "1994-05-12", label: "Bishkek Protocol ceasefire", countryA: "ARM", countryB: "AZE" }),
  },
  deleteEvent: {
    permission: "codebook:manage",
    prepare: async (f) => (f.eventId = await addEvent(f.admin, { day: "1994-05-12", label: "to delete" })),
    run: (ctx, f) => deleteEvent(ctx, f.eventId!),
  },
  createTheme: {
    permission: "codebook:manage",
    run: async (ctx) =>
      createTheme(ctx, {
        slug: `matrix-${++themeCounter}`,
        name: "Matrix",
        color: "#123456",
        parent: null,
        enabled: true,
        version: (await listCodebook(ctx)).version,
      }),
  },
  updateTheme: {
    permission: "codebook:manage",
    run: async (ctx) => {
      const { version, themes } = await listCodebook(ctx);
      const theme = themes.find((t) => t.slug === "regional-security")!;
      return updateTheme(ctx, {
        slug: theme.slug,
        name: `Regional security ${version}`,
        color: theme.color,
        parent: theme.parent,
        enabled: theme.enabled,
        version,
      });
    },
  },
  previewThemeRules: {
    permission: "codebook:manage",
    run: async (ctx) => {
      const theme = (await listCodebook(ctx)).themes.find((t) => t.slug === "energy-security")!;
      return previewThemeRules(ctx, { slug: theme.slug, rules: { ...theme.rules, aliases: ["Baku"] } });
    },
  },
  buildReport: { permission: "reports:export", run: (ctx) => buildReport(ctx, REPORT_SPEC) },
  exportReport: { permission: "reports:export", run: (ctx) => exportReport(ctx, REPORT_SPEC, "matrix", "pdf") },
  openReportStatements: {
    permission: "reports:export",
    run: async (ctx) => {
      const rows = [];
      for await (const batch of await openReportStatements(ctx, REPORT_SPEC, { name: "matrix", format: "csv-statements" }))
        rows.push(...batch);
      return rows;
    },
  },
  saveReport: { permission: "reports:export", run: (ctx) => saveReport(ctx, { name: `matrix ${++reportCounter}`, spec: REPORT_SPEC }) },
  listReports: { permission: "reports:export", run: (ctx) => listReports(ctx) },
  getReport: {
    permission: "reports:export",
    prepare: async (f) => (f.reportId = (await saveReport(f.admin, { name: `to open ${++reportCounter}`, spec: REPORT_SPEC })).id),
    run: (ctx, f) => getReport(ctx, f.reportId!),
  },
  deleteReport: {
    permission: "reports:export",
    prepare: async (f) => (f.reportId = (await saveReport(f.admin, { name: `to delete ${++reportCounter}`, spec: REPORT_SPEC })).id),
    run: (ctx, f) => deleteReport(ctx, f.reportId!).then(() => "deleted"),
  },
  listChanges: { permission: "series:read", run: (ctx) => listChanges(ctx, { themes: ["energy-security"] }) },
  saveView: { permission: "views:save", run: (ctx) => saveView(ctx, { name: `matrix ${++viewCounter}`, filters: filtersOf(VIEW_QUERY) }) },
  listViews: { permission: "views:save", run: (ctx) => listViews(ctx) },
  getView: {
    permission: "views:save",
    run: async (ctx) => getView(ctx, (await saveView(ctx, { name: `to open ${++viewCounter}`, filters: filtersOf(VIEW_QUERY) })).id),
  },
  deleteView: {
    permission: "views:save",
    run: async (ctx) =>
      deleteView(ctx, (await saveView(ctx, { name: `to delete ${++viewCounter}`, filters: filtersOf(VIEW_QUERY) })).id).then(
        () => "deleted",
      ),
  },
  replaceFeedToken: {
    permission: "views:save",
    run: async (ctx) =>
      replaceFeedToken(ctx, (await saveView(ctx, { name: `to renew ${++viewCounter}`, filters: filtersOf(VIEW_QUERY) })).id),
  },
  pairProfile: { permission: "statements:read", run: (ctx) => pairProfile(ctx, "USA", "AZE") },
  quotedPassages: { permission: "statements:read", run: (ctx) => quotedPassages(ctx, "USA", "AZE") },
  countryProfile: { permission: "statements:read", run: (ctx) => countryProfile(ctx, "AZE") },
  shortLinkFor: { permission: "series:read", run: (ctx) => shortLinkFor(ctx, filtersOf(VIEW_QUERY)) },
  subscribeFeed: {
    permission: "feeds:manage",
    run: (ctx) =>
      subscribeFeed(ctx, {
        url: `https://press.example/matrix-${++feedCounter}.xml`,
        speakerCountry: "USA",
        language: "en",
        intervalMinutes: 60,
      }),
  },
  listFeeds: { permission: "feeds:manage", run: (ctx) => listFeeds(ctx) },
  pollFeedNow: { permission: "feeds:manage", prepare: followFeed, run: (ctx, f) => pollFeedNow(ctx, f.feedId!).then(() => "queued") },
  setFeedPaused: {
    permission: "feeds:manage",
    prepare: followFeed,
    run: (ctx, f) => setFeedPaused(ctx, f.feedId!, true).then(() => "paused"),
  },
  deleteFeed: { permission: "feeds:manage", prepare: followFeed, run: (ctx, f) => deleteFeed(ctx, f.feedId!).then(() => "deleted") },
  resolveShortLink: {
    permission: "series:read",
    prepare: async (f) => (shortCode = (await shortLinkFor(f.admin, filtersOf(VIEW_QUERY))).code),
    run: (ctx) => resolveShortLink(ctx, shortCode),
  },
};

/** A followed source nobody polls here: its address is never fetched, the rows only check who may manage it. */
async function followFeed(f: Fixture) {
  const followed = await subscribeFeed(f.admin, {
    url: `https://press.example/feed-${++feedCounter}.xml`,
    speakerCountry: "USA",
    language: "en",
    intervalMinutes: 60,
  });
  return (f.feedId = followed.id);
}
let feedCounter = 0;

const VIEW_QUERY = "pair=USA>AZE&theme=energy-security";
let viewCounter = 0;
let shortCode = "";

/** Every active person who may code: staff, manager and admin of the fixture. */
async function coderIds(f: Fixture): Promise<number[]> {
  const { users } = await import("@/db/schema");
  const rows = await f.admin.db.select({ id: users.id, role: users.role, disabled: users.disabled }).from(users);
  return rows.filter((r) => !r.disabled && r.role !== "analyst").map((r) => r.id);
}

let userCounter = 0;
let themeCounter = 0;

/** A fresh analyst for a user-administration row to act on, so no row changes the people of the matrix. */
async function aTargetUser(f: Fixture): Promise<number> {
  return (await createUser(f.admin, { email: `target-${++userCounter}@test.example`, name: "Target", role: "analyst", credential: "link" }))
    .id;
}

const REPORT_SPEC = reportSpecSchema.parse({ pairs: [{ speaker: "USA", counterpart: "AZE" }], themes: ["energy-security"] });
let reportCounter = 0;

function streamOf(text: string): ReadableStream<Uint8Array> {
  return new Blob([text]).stream();
}

/** Every server action and route handler in app/, and the DAL actions behind it ("public" for sign-in itself). */
const ENTRY_POINTS: Record<string, string[]> = {
  "app/statements/[id]/actions.ts#changeThemeTag": ["addThemeTag", "removeThemeTag"],
  "app/api/export/statements/route.ts#GET": ["exportStatements"],
  "app/api/v1/series/route.ts#GET": ["pairSeries"],
  "app/api/imports/upload/route.ts#POST": ["stageBulkUpload"],
  "app/import/actions.ts#previewImportAction": ["draftFromSource", "previewDraft"],
  "app/import/actions.ts#saveImportAction": ["importDraft"],
  "app/import/bulk/actions.ts#startBulkImportAction": ["startStagedImport"],
  "app/import/bulk/actions.ts#importJobAction": ["getImportJob"],
  "app/codebook/actions.ts#updateThemeRulesAction": ["updateThemeRules"],
  "app/api/v1/statements/route.ts#GET": ["listStatements"],
  "app/dashboard/actions.ts#addEventAction": ["addEvent"],
  "app/tokens/actions.ts#createTokenAction": ["createApiToken"],
  "app/tokens/actions.ts#revokeTokenAction": ["revokeApiToken"],
  "app/api/auth/[...nextauth]/route.ts#GET": ["public"],
  "app/api/auth/[...nextauth]/route.ts#POST": ["public"],
  // No signed-in user: guarded by DYAD_JOBS_SECRET instead (tests/integration/jobs.test.ts).
  "app/api/jobs/tick/route.ts#GET": ["public"],
  "app/api/jobs/tick/route.ts#POST": ["public"],
  "app/review/actions.ts#claimAction": ["claimStatement"],
  "app/review/actions.ts#nextInQueueAction": ["nextInQueue"],
  "app/review/[id]/actions.ts#decideTagAction": ["decideTag"],
  "app/review/[id]/actions.ts#acceptSuggestionsAction": ["acceptSuggestions"],
  "app/review/[id]/actions.ts#togglePassageThemeAction": ["togglePassageTheme"],
  "app/review/[id]/actions.ts#addSpanTagAction": ["addSpanTag"],
  "app/review/[id]/actions.ts#setToneAction": ["setToneOverride"],
  "app/review/[id]/actions.ts#updateMetadataAction": ["updateMetadata"],
  "app/review/[id]/actions.ts#setPairsAction": ["setPairs"],
  "app/review/[id]/actions.ts#markReviewedAction": ["markReviewed"],
  "app/review/[id]/actions.ts#restoreAction": ["restoreStatement"],
  "app/review/agreement/actions.ts#createSampleAction": ["createSample"],
  "app/review/agreement/actions.ts#submitCodingAction": ["submitCoding"],
  "app/review/agreement/actions.ts#adjudicateAction": ["adjudicate"],
  "app/review/quality/actions.ts#retrainAction": ["requestRetrain"],
  "app/admin/users/actions.ts#createUserAction": ["createUser"],
  "app/admin/users/actions.ts#changeRoleAction": ["changeUserRole"],
  "app/admin/users/actions.ts#setDisabledAction": ["setUserDisabled"],
  "app/admin/users/actions.ts#resetPasswordAction": ["resetUserPassword"],
  "app/admin/audit/export/route.ts#GET": ["exportAudit"],
  "app/admin/events/actions.ts#updateEventAction": ["updateEvent"],
  "app/admin/events/actions.ts#deleteEventAction": ["deleteEvent"],
  "app/codebook/actions.ts#createThemeAction": ["createTheme"],
  "app/codebook/actions.ts#updateThemeAction": ["updateTheme"],
  "app/codebook/actions.ts#previewRulesAction": ["previewThemeRules"],
  "app/set-password/actions.ts#setPasswordAction": ["public"],
  "app/api/reports/export/route.ts#GET": ["getReport", "exportReport", "openReportStatements"],
  "app/reports/actions.ts#saveReportAction": ["saveReport"],
  "app/reports/actions.ts#deleteReportAction": ["deleteReport"],
  "app/api/v1/pairs/route.ts#GET": ["listPairs"],
  "app/api/v1/changes/route.ts#GET": ["listChanges"],
  "app/feeds/[token]/route.ts#GET": ["listChanges"],
  "app/v/[code]/route.ts#GET": ["resolveShortLink"],
  "app/views/actions.ts#saveViewAction": ["saveView"],
  "app/views/actions.ts#deleteViewAction": ["deleteView"],
  "app/views/actions.ts#replaceFeedTokenAction": ["replaceFeedToken"],
  "app/views/actions.ts#shortLinkAction": ["shortLinkFor"],
  "app/import/feeds/actions.ts#subscribeFeedAction": ["subscribeFeed"],
  "app/import/feeds/actions.ts#pollFeedNowAction": ["pollFeedNow"],
  "app/import/feeds/actions.ts#pauseFeedAction": ["setFeedPaused"],
  "app/import/feeds/actions.ts#deleteFeedAction": ["deleteFeed"],
};

describe("every server action and route handler has a row in the matrix", () => {
  it("finds no entry point missing", () => {
    const found = findEntryPoints("app");
    expect(found.filter((e) => !(e in ENTRY_POINTS))).toEqual([]);
    for (const dalActions of Object.values(ENTRY_POINTS)) {
      for (const action of dalActions) expect(action === "public" || action in ACTIONS).toBe(true);
    }
  });
});

describe.each(TEST_DRIVERS)("permission matrix on %s", (driver) => {
  let database: TestDatabase;
  let people: Record<Person, DalContext>;
  let fixture: Fixture;
  let draftCounter = 0;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    await seedCountries(database.db);
    await seedCodebook(database.db);
    people = await createPeople(database.db);
    const { id } = await writeStatement(database.db, analyseDraft(seedStatementDraft(), await activeCodebook(database.db)), null);
    const { statements } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    fixture = {
      statementId: id,
      admin: people.admin,
      version: async () => (await database.db.select({ v: statements.version }).from(statements).where(eq(statements.id, id)))[0]!.v,
      freshDraftText: () => `The United States welcomes cooperation with Azerbaijan on energy security, statement ${++draftCounter}.`,
    };
  });
  afterAll(() => database?.close());

  /** The action run by `ctx`: allowed ones succeed; refused ones throw `code` and change no table. */
  async function check(ctx: DalContext, action: (typeof ACTIONS)[string], allowed: boolean, code: DalError["code"]) {
    await action.prepare?.(fixture);
    if (allowed) {
      await expect(action.run(ctx, fixture)).resolves.toBeDefined();
      return;
    }
    const before = await tableCounts(database.db);
    const error = await action.run(ctx, fixture).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DalError);
    expect((error as DalError).code).toBe(code);
    expect(await tableCounts(database.db)).toEqual(before);
  }

  for (const person of PEOPLE) {
    for (const [name, action] of Object.entries(ACTIONS)) {
      const allowed = person !== "anonymous" && person !== "disabled" && roleHas(person, action.permission);
      it(`${person} ${allowed ? "may" : "may not"} ${name}`, async () => {
        await check(people[person], action, allowed, person === "anonymous" || person === "disabled" ? "unauthenticated" : "forbidden");
      });
    }
  }

  // An admin's API token: the most powerful owner, so every refusal below comes from the token's scopes alone.
  for (const scopes of [["read"], ["read", "write"]] satisfies TokenScope[][]) {
    const person = `admin's ${scopes.join("+")} token`;
    for (const [name, action] of Object.entries(ACTIONS)) {
      const allowed = roleHas("admin", action.permission) && scopes.some((s) => scopeGrants(s, action.permission));
      it(`${person} ${allowed ? "may" : "may not"} ${name}`, async () => {
        const { token } = await createApiToken(people.admin, { name: person, scopes });
        await check(await contextForToken(database.db, token), action, allowed, "forbidden");
      });
    }
  }
});

function findEntryPoints(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) {
      found.push(...findEntryPoints(file));
      continue;
    }
    if (!/\.(ts|tsx)$/.test(name)) continue;
    const source = readFileSync(file, "utf8");
    const isRoute = /^route\.tsx?$/.test(name);
    const isActions = /^\s*["']use server["']/m.test(source);
    if (!isRoute && !isActions) continue;
    const exported = [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g), ...source.matchAll(/export\s+const\s+(\w+)/g)].map(
      (m) => m[1]!,
    );
    const reexported = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) =>
      m[1]!.split(",").map((part) =>
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!,
      ),
    );
    for (const symbol of [...exported, ...reexported]) {
      if (isRoute && !["GET", "POST", "PUT", "PATCH", "DELETE"].includes(symbol)) continue;
      found.push(`${file.split(path.sep).join("/")}#${symbol}`);
    }
  }
  return found;
}
