/** Runs once when the server starts: migrate, seed what is missing, and close the database cleanly on exit. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase } = await import("./lib/boot/startup");
  await prepareDatabase();
}
