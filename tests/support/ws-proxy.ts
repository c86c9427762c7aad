import net from "node:net";
import { WebSocketServer } from "ws";

/**
 * The WebSocket-to-TCP bridge Neon runs in front of Postgres, in miniature: lets the @vercel/postgres
 * driver talk to the local test server. Only forwards to localhost.
 */
export async function startWsProxy(): Promise<{ hostPort: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  server.on("connection", (socket, request) => {
    const address = new URL(request.url ?? "/", "http://proxy").searchParams.get("address") ?? "";
    const [host, port] = address.split(":");
    if (host !== "localhost" && host !== "127.0.0.1") return socket.close(1008, "only localhost");
    const tcp = net.connect(Number(port), "127.0.0.1");
    tcp.on("data", (chunk) => socket.send(chunk));
    tcp.on("close", () => socket.close());
    tcp.on("error", () => socket.close());
    socket.on("message", (data) => tcp.write(data as Buffer));
    socket.on("close", () => tcp.end());
  });
  await new Promise<void>((resolve) => server.on("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    hostPort: `127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
