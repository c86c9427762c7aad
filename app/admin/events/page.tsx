import { EventRow } from "./_components/event-row";
import { requireSignedIn } from "@/lib/auth/session";
import { listEvents } from "@/lib/dal/events";

export default async function EventsAdminPage() {
  const { ctx } = await requireSignedIn("/admin/events", "users:manage");
  const events = await listEvents(ctx);
  return (
    <>
      <h1>Event markers</h1>
      <p className="notice">
        Events are drawn on the charts of their pair (either direction), or on every chart when no pair is given. Staff add them from the
        dashboard; here managers correct and remove them. Every change is audited.
      </p>
      {events.length === 0 ? (
        <p>No events yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Event</th>
              <th scope="col">Country A</th>
              <th scope="col">Country B</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <EventRow key={e.id} event={e} />
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
