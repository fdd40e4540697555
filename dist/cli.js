#!/usr/bin/env node
import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-2RGYV5JG.js";
import "./chunks/chunk-JZAK42HK.js";
import {
  booleanInputs,
  inputNames
} from "./chunks/chunk-XEFGPW4O.js";
import "./chunks/chunk-QQW4PSPM.js";
import "./chunks/chunk-IDNWYBYB.js";
import "./chunks/chunk-S55MPTRD.js";
import "./chunks/chunk-7SMPN4Q6.js";

// src/action/cli-args.ts
var cliInputs = inputNames.filter((name) => name !== "mode");
var usage = `Usage: patch-carrier <sync|build|check|backport> [--input value \u2026]

Runs the action on this machine: each --flag is the action input of the same name,
parsed and validated by the same settings parser. INPUT_<NAME> variables work too.

  patch-carrier check --remote-url URL --upstream-url URL --upstream-tags 'debian/*'
  patch-carrier sync  --remote-url URL --upstream-url URL --dry-run
  patch-carrier check --config .github/patch-carrier.yml       (every package; prints matrix=\u2026)
  patch-carrier sync  --config .github/patch-carrier.yml --package dovecot --dry-run
  patch-carrier backport --remote-url URL --upstream-url URL --upstream-tags 'debian/1%2.3.19.1*' \\
                --backport-from 1:2.3.19.1+dfsg1-2.1 --dry-run      (a pinned fork: port new patches)

--dry-run prints the plan: the refs it would push, the files it would upload to OBS with
their sizes, and the pull request it would open. --cache-dir DIR keeps upstream objects
and orig tarballs between runs on this machine.

Inputs: ${cliInputs.map((name) => `--${name}`).join(", ")}
Secrets are better passed as INPUT_GITHUB-TOKEN / INPUT_OBS-PASSWORD variables than as flags.
`;
function parseCli(args) {
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) return { kind: "help" };
  const [mode, ...rest] = args;
  if (!["sync", "build", "check", "backport"].includes(mode))
    return { kind: "error", message: `unknown command ${JSON.stringify(mode)}` };
  const inputs = /* @__PURE__ */ new Map([["mode", mode]]);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) return { kind: "error", message: `unexpected argument ${JSON.stringify(arg)}` };
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq > 0 ? eq : void 0);
    if (!cliInputs.includes(name))
      return { kind: "error", message: `unknown option --${name}` };
    if (eq > 0) inputs.set(name, arg.slice(eq + 1));
    else if (booleanInputs.has(name) && (rest[i + 1] === void 0 || rest[i + 1].startsWith("--")))
      inputs.set(name, "true");
    else if (rest[i + 1] === void 0) return { kind: "error", message: `--${name} needs a value` };
    else inputs.set(name, rest[++i]);
  }
  return { kind: "run", inputs };
}

// src/report/plain-text.ts
function plainText(markdown) {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, "$1").replace(/\u2060/g, "");
}

// src/action/cli.ts
var terminalHost = {
  log: {
    info: (message) => process.stderr.write(`${message}
`),
    warning: (message, file) => process.stderr.write(`warning: ${file ? `${file}: ` : ""}${message}
`),
    group: async (name, stage) => {
      const started = Date.now();
      process.stderr.write(`== ${name}
`);
      try {
        return await stage();
      } finally {
        process.stderr.write(`== ${name}: ${((Date.now() - started) / 1e3).toFixed(2)} s
`);
      }
    }
  },
  mask: () => void 0,
  setOutput: (name, value) => process.stdout.write(`${name}=${value}
`),
  summary: async (markdown) => void process.stderr.write(`
${plainText(markdown)}
`),
  fail: (message) => {
    process.stderr.write(`error: ${message}
`);
    process.exitCode = 1;
  },
  annotate: (message, file) => process.stderr.write(`warning: ${file ? `${file}: ` : ""}${message}
`)
};
var parsed = parseCli(process.argv.slice(2));
if (parsed.kind === "help") {
  process.stdout.write(usage);
} else if (parsed.kind === "error") {
  process.stderr.write(`error: ${parsed.message}

${usage}`);
  process.exitCode = 2;
} else {
  await main(
    process.env,
    (name) => parsed.inputs.get(name) ?? (process.env[`INPUT_${name.toUpperCase()}`] ?? "").trim(),
    terminalHost
  );
}
