// Serves `adr mcp` (stdio) over a minimal Streamable HTTP endpoint, so that
// HTTP-only tools such as the MCP conformance suite can reach it:
//   node http-bridge.mjs PORT ADR_BINARY [adr mcp arguments…]
// then `conformance server --url http://localhost:PORT/mcp`. One child
// process serves every request; replies are matched by id.
import http from "node:http";
import { spawn } from "node:child_process";
import readline from "node:readline";

const [port, adr, ...args] = process.argv.slice(2);
const child = spawn(adr, ["mcp", ...args], { stdio: ["pipe", "pipe", "inherit"] });
const waiting = new Map();
readline.createInterface({ input: child.stdout }).on("line", (line) => {
  const message = JSON.parse(line);
  const key = JSON.stringify(message.id ?? null);
  waiting.get(key)?.(line);
  waiting.delete(key);
});
http
  .createServer((req, res) => {
    if (req.method !== "POST") {
      res.writeHead(405, { Allow: "POST" }).end();
      return;
    }
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      let message;
      try {
        message = JSON.parse(body);
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (message.id === undefined) {
        child.stdin.write(JSON.stringify(message) + "\n");
        res.writeHead(202).end();
        return;
      }
      waiting.set(JSON.stringify(message.id), (line) => {
        res.writeHead(200, { "Content-Type": "application/json" }).end(line);
      });
      child.stdin.write(JSON.stringify(message) + "\n");
    });
  })
  .listen(Number(port), "127.0.0.1");
