// Drives `adr mcp` with the official MCP TypeScript SDK clients, as an
// assistant would: v1 (`@modelcontextprotocol/sdk`, the 2025 handshake)
// and v2 (`@modelcontextprotocol/client`, which probes with
// `server/discover` and speaks 2026-07-28), over stdio.
//
// Usage: node drive.mjs ADR_BINARY READ_ONLY_PROJECT WRITABLE_PROJECT
//
// Every tool is called with arguments generated from its own inputSchema,
// valid and invalid; Ajv (JSON Schema 2020-12) says which are valid, and
// the server must refuse exactly those that are not, with an
// "invalid arguments:" tool error. Prints one JSON object: every check,
// and how many passed.

import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as V1Stdio } from "@modelcontextprotocol/sdk/client/stdio.js";
import { LATEST_PROTOCOL_VERSION as V1_LATEST } from "@modelcontextprotocol/sdk/types.js";
import { Client as V2Client } from "@modelcontextprotocol/client";
import { StdioClientTransport as V2Stdio } from "@modelcontextprotocol/client/stdio";
import Ajv2020 from "ajv/dist/2020.js";

const [adr, readDir, writeDir] = process.argv.slice(2);
if (!adr || !readDir || !writeDir) {
  console.error("usage: node drive.mjs ADR_BINARY READ_ONLY_PROJECT WRITABLE_PROJECT");
  process.exit(2);
}

const MODERN = "2026-07-28";
const INVALID = "invalid arguments:";
const checks = [];

function check(name, ok, detail) {
  checks.push(ok ? { name, ok: true } : { name, ok: false, detail });
}

async function attempt(name, body) {
  try {
    await body();
  } catch (error) {
    check(name, false, String(error?.stack ?? error));
  }
}

/// Records every message both ways, to check the wire as well as the API.
function tap(transport) {
  const wire = [];
  const send = transport.send.bind(transport);
  transport.send = (message, options) => {
    wire.push({ out: message });
    return send(message, options);
  };
  let handler;
  Object.defineProperty(transport, "onmessage", {
    configurable: true,
    get: () =>
      handler &&
      ((message, extra) => {
        wire.push({ in: message });
        handler(message, extra);
      }),
    set: (h) => {
      handler = h;
    },
  });
  return wire;
}

function params(dir, extra = []) {
  return { command: adr, args: ["mcp", ...extra], cwd: dir, env: process.env, stderr: "pipe" };
}

// Arguments a tool can run with, so each variation changes one thing.
const BASELINE = {
  list_records: {},
  read_record: { reference: "3" },
  search_records: { query: "postgresql" },
  graph: {},
  propose_record: { title: "Use Redis" },
  set_status: { reference: "1", status: "accepted" },
};

const CANDIDATES = [null, true, 0, 3, 2.5, -1, "", "3", "cockroach", [], ["3"], [3], [true], {}, [{}]];

function sample(schema) {
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      return "1";
    case "integer":
    case "number":
      return 1;
    case "boolean":
      return true;
    case "array":
      return [sample(schema.items ?? {})];
    case "object": {
      const object = {};
      for (const name of schema.required ?? []) object[name] = sample(schema.properties[name]);
      return object;
    }
    default:
      return "1";
  }
}

/// Valid and invalid argument objects for one tool, from its schema.
function variations(tool) {
  const schema = tool.inputSchema;
  const base = BASELINE[tool.name] ?? sample(schema);
  const out = [{ label: "as documented", args: base }];
  for (const name of schema.required ?? []) {
    const args = { ...base };
    delete args[name];
    out.push({ label: `without ${name}`, args });
  }
  out.push({ label: "an unknown argument", args: { ...base, bogus: "1" } });
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const values = [...CANDIDATES, ...(property.enum ?? []), ...(property.enum ?? []).map((e) => e.toUpperCase())];
    const item = property.items;
    if (item?.type === "object") {
      const good = sample(item);
      values.push([good], [{ ...good, bogus: "1" }]);
      for (const field of Object.keys(item.properties ?? {})) {
        values.push([{ ...good, [field]: 7.5 }], [{ ...good, [field]: null }]);
      }
      for (const field of item.required ?? []) {
        const missing = { ...good };
        delete missing[field];
        values.push([missing]);
      }
    }
    for (const value of values) out.push({ label: `${name}=${JSON.stringify(value)}`, args: { ...base, [name]: value } });
  }
  return out;
}

const ajv = new Ajv2020({ strict: false, allErrors: false });

/// Calls every listed tool with every variation; the server's verdict must
/// be Ajv's.
async function agreement(client, label, tools) {
  for (const tool of tools) {
    let validate;
    try {
      validate = ajv.compile(tool.inputSchema);
      check(`${label}: ${tool.name}'s inputSchema is valid JSON Schema 2020-12`, true);
    } catch (error) {
      check(`${label}: ${tool.name}'s inputSchema is valid JSON Schema 2020-12`, false, String(error));
      continue;
    }
    let agreed = 0;
    const disagreed = [];
    for (const { label: what, args } of variations(tool)) {
      const valid = validate(args);
      let refused;
      let text;
      try {
        const result = await client.callTool({ name: tool.name, arguments: args });
        text = result.content?.[0]?.text ?? "";
        refused = result.isError === true && text.startsWith(INVALID);
        if (!refused && result.isError !== true && result.structuredContent === undefined) {
          disagreed.push(`${what}: a success without structuredContent`);
          continue;
        }
      } catch (error) {
        disagreed.push(`${what}: a protocol error instead of a tool result: ${error}`);
        continue;
      }
      if (refused === !valid) {
        agreed += 1;
      } else {
        const ajvSays = valid ? "valid" : ajv.errorsText(validate.errors);
        disagreed.push(`${what} ${JSON.stringify(args)}: schema says ${ajvSays}, server says ${JSON.stringify(text.slice(0, 160))}`);
      }
    }
    check(
      `${label}: ${tool.name} accepts exactly the arguments its schema allows (${agreed} calls)`,
      disagreed.length === 0 && agreed > 5,
      disagreed.join("\n"),
    );
  }
}

/// The two cases first reported, by name.
async function reportedCases(client, label) {
  const five = await client.callTool({ name: "read_record", arguments: { reference: 3 } });
  check(
    `${label}: read_record {"reference": 3} reads record 3 (integers are declared)`,
    five.isError !== true && five.structuredContent?.number === 3,
    JSON.stringify(five).slice(0, 400),
  );
  const status = await client.callTool({ name: "list_records", arguments: { status: 3 } });
  check(
    `${label}: list_records {"status": 3} is an argument error naming status`,
    status.isError === true && status.content[0].text.startsWith(INVALID) && status.content[0].text.includes("`status`"),
    JSON.stringify(status).slice(0, 400),
  );
}

async function resources(client, label, notFoundCode) {
  const listed = await client.listResources();
  check(`${label}: resources/list lists the 3 records`, listed.resources?.length === 3, JSON.stringify(listed).slice(0, 300));
  const first = listed.resources[0];
  const read = await client.readResource({ uri: first.uri });
  check(
    `${label}: resources/read gives the record's Markdown`,
    read.contents?.[0]?.text?.startsWith("# 1. Record architecture decisions"),
    JSON.stringify(read).slice(0, 300),
  );
  try {
    await client.readResource({ uri: "adr:///doc/adr/9999-none.md" });
    check(`${label}: an unknown resource is an error`, false, "it was read");
  } catch (error) {
    check(`${label}: an unknown resource is error ${notFoundCode}`, error.code === notFoundCode, `${error.code}: ${error}`);
  }
}

function toolNames(tools) {
  return tools.map((t) => t.name).join(",");
}

// 1. v1 SDK: the 2025-11-25 handshake, the read-only tools.
await attempt("v1 sdk session", async () => {
  const transport = new V1Stdio(params(readDir));
  const wire = tap(transport);
  const client = new V1Client({ name: "adr-test-v1", version: "1.0.0" });
  await client.connect(transport);
  const init = wire.find((m) => m.in?.result?.protocolVersion)?.in.result;
  check(`v1 sdk: initialize negotiates ${V1_LATEST}`, init?.protocolVersion === V1_LATEST, JSON.stringify(init));
  check("v1 sdk: the server names itself adr", client.getServerVersion()?.name === "adr", JSON.stringify(client.getServerVersion()));
  const { tools } = await client.listTools();
  check("v1 sdk: four read-only tools", toolNames(tools) === "list_records,read_record,search_records,graph", toolNames(tools));
  await reportedCases(client, "v1 sdk");
  await agreement(client, "v1 sdk", tools);
  await resources(client, "v1 sdk", -32002);
  check(
    "v1 sdk: legacy results carry no modern fields",
    wire.filter((m) => m.in?.result).every((m) => m.in.result.resultType === undefined),
    "a resultType in a legacy reply",
  );
  await client.close();
});

// 2. v2 client, automatic negotiation: probes server/discover, goes modern.
await attempt("v2 auto session", async () => {
  const transport = new V2Stdio(params(readDir));
  const wire = tap(transport);
  const client = new V2Client({ name: "adr-test-v2", version: "2.0.0" }, { versionNegotiation: { mode: "auto" } });
  await client.connect(transport);
  check(
    `v2 auto: negotiates ${MODERN} (modern era)`,
    client.getProtocolEra() === "modern" && client.getNegotiatedProtocolVersion() === MODERN,
    `${client.getProtocolEra()} ${client.getNegotiatedProtocolVersion()}`,
  );
  const discovered = client.getDiscoverResult();
  check(
    "v2 auto: server/discover offers the modern versions and both capabilities",
    discovered?.supportedVersions?.includes(MODERN) && discovered?.capabilities?.tools && discovered?.capabilities?.resources,
    JSON.stringify(discovered),
  );
  check("v2 auto: the server names itself adr", client.getServerVersion()?.name === "adr", JSON.stringify(client.getServerVersion()));
  check("v2 auto: the server's instructions are given", (client.getInstructions() ?? "").includes("list_records"), client.getInstructions());
  const { tools } = await client.listTools();
  check("v2 auto: four read-only tools", toolNames(tools) === "list_records,read_record,search_records,graph", toolNames(tools));
  await reportedCases(client, "v2 auto");
  await agreement(client, "v2 auto", tools);
  await resources(client, "v2 auto", -32602);
  const requests = wire.filter((m) => m.out?.method);
  check(
    "v2 auto: no initialize, and every request carries its version in _meta",
    requests.every((m) => m.out.method !== "initialize" && m.out.params?._meta?.["io.modelcontextprotocol/protocolVersion"] === MODERN),
    JSON.stringify(requests.map((m) => m.out.method)),
  );
  const results = wire.filter((m) => m.in?.result).map((m) => m.in.result);
  check(
    "v2 auto: every result is marked complete and names the server",
    results.length > 10 && results.every((r) => r.resultType === "complete" && r._meta?.["io.modelcontextprotocol/serverInfo"]?.name === "adr"),
    JSON.stringify(results[0]).slice(0, 300),
  );
  await client.close();
});

// 3. v2 client pinned to the modern version, with the write tools.
await attempt("v2 pinned session", async () => {
  const client = new V2Client({ name: "adr-test-v2", version: "2.0.0" }, { versionNegotiation: { mode: { pin: MODERN } } });
  await client.connect(new V2Stdio(params(writeDir, ["--allow-write"])));
  check(`v2 pin: pinned to ${MODERN}`, client.getNegotiatedProtocolVersion() === MODERN, client.getNegotiatedProtocolVersion());
  const { tools } = await client.listTools();
  check(
    "v2 pin: six tools with --allow-write",
    toolNames(tools) === "list_records,read_record,search_records,graph,propose_record,set_status",
    toolNames(tools),
  );
  const proposed = await client.callTool({ name: "propose_record", arguments: { title: "Use Redis", supersedes: [2] } });
  check(
    "v2 pin: propose_record with an integer reference supersedes record 2",
    proposed.isError !== true && proposed.structuredContent?.changed?.some((p) => p.includes("0002")),
    JSON.stringify(proposed).slice(0, 400),
  );
  await agreement(client, "v2 pin", tools.filter((t) => t.name === "propose_record" || t.name === "set_status"));
  await client.close();
});

// 4. v2 client, default (legacy) mode, and each older revision offered alone.
for (const version of ["2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05"]) {
  await attempt(`v2 legacy ${version} session`, async () => {
    const client = new V2Client({ name: "adr-test-v2", version: "2.0.0" }, { supportedProtocolVersions: [version] });
    await client.connect(new V2Stdio(params(readDir)));
    check(
      `v2 legacy: initialize negotiates ${version}`,
      client.getProtocolEra() === "legacy" && client.getNegotiatedProtocolVersion() === version,
      `${client.getProtocolEra()} ${client.getNegotiatedProtocolVersion()}`,
    );
    const listed = await client.callTool({ name: "list_records", arguments: { status: "accepted" } });
    check(`v2 legacy ${version}: list_records answers`, listed.structuredContent?.count === 2, JSON.stringify(listed).slice(0, 300));
    await client.close();
  });
}

// 5. A modern client asking for a version nobody has: told which there are.
await attempt("unsupported version", async () => {
  const transport = new V2Stdio(params(readDir));
  const replies = [];
  transport.onmessage = (message) => replies.push(message);
  await transport.start();
  await transport.send({
    jsonrpc: "2.0",
    id: 1,
    method: "tools/list",
    params: { _meta: { "io.modelcontextprotocol/protocolVersion": "2099-01-01", "io.modelcontextprotocol/clientCapabilities": {} } },
  });
  for (let i = 0; i < 100 && replies.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
  const error = replies[0]?.error;
  check(
    "an unknown modern version gets UnsupportedProtocolVersionError (-32022) listing the supported ones",
    error?.code === -32022 && error.data?.supported?.includes(MODERN) && error.data?.requested === "2099-01-01",
    JSON.stringify(replies[0]),
  );
  await transport.close();
});

const passed = checks.filter((c) => c.ok).length;
console.log(JSON.stringify({ passed, failed: checks.length - passed, checks }, null, 1));
process.exit(0);
