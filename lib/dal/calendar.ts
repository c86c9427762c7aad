/** A YYYY-MM-DD that names a day on the calendar (not 2008-02-30, which Date.parse quietly accepts). */
export function realDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day;
}
