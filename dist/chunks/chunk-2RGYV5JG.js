import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);
import {
  GitHubApiError
} from "./chunk-JZAK42HK.js";
import {
  SettingsError,
  inputsFromEnv,
  packageInputs,
  parseSettings,
  secretInputs
} from "./chunk-XEFGPW4O.js";
import {
  httpUrlWithoutCredentials,
  parseHttpUrl
} from "./chunk-QQW4PSPM.js";
import {
  XMLParser,
  endGroup,
  exec,
  info,
  require_src,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  summary,
  warning
} from "./chunk-IDNWYBYB.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-7SMPN4Q6.js";

// node_modules/@kwsites/file-exists/dist/src/index.js
var require_src2 = __commonJS({
  "node_modules/@kwsites/file-exists/dist/src/index.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports, "__esModule", { value: true });
    var fs_1 = __require("fs");
    var debug_1 = __importDefault(require_src());
    var log = debug_1.default("@kwsites/file-exists");
    function check2(path, isFile, isDirectory) {
      log(`checking %s`, path);
      try {
        const stat6 = fs_1.statSync(path);
        if (stat6.isFile() && isFile) {
          log(`[OK] path represents a file`);
          return true;
        }
        if (stat6.isDirectory() && isDirectory) {
          log(`[OK] path represents a directory`);
          return true;
        }
        log(`[FAIL] path represents something other than a file or directory`);
        return false;
      } catch (e) {
        if (e.code === "ENOENT") {
          log(`[FAIL] path is not accessible: %o`, e);
          return false;
        }
        log(`[FATAL] %o`, e);
        throw e;
      }
    }
    function exists3(path, type = exports.READABLE) {
      return check2(path, (type & exports.FILE) > 0, (type & exports.FOLDER) > 0);
    }
    exports.exists = exists3;
    exports.FILE = 1;
    exports.FOLDER = 2;
    exports.READABLE = exports.FILE + exports.FOLDER;
  }
});

// node_modules/@kwsites/file-exists/dist/index.js
var require_dist = __commonJS({
  "node_modules/@kwsites/file-exists/dist/index.js"(exports) {
    "use strict";
    function __export(m3) {
      for (var p2 in m3) if (!exports.hasOwnProperty(p2)) exports[p2] = m3[p2];
    }
    Object.defineProperty(exports, "__esModule", { value: true });
    __export(require_src2());
  }
});

// node_modules/@kwsites/promise-deferred/dist/index.js
var require_dist2 = __commonJS({
  "node_modules/@kwsites/promise-deferred/dist/index.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    exports.createDeferred = exports.deferred = void 0;
    function deferred() {
      let done3;
      let fail;
      let status = "pending";
      const promise = new Promise((_done, _fail) => {
        done3 = _done;
        fail = _fail;
      });
      return {
        promise,
        done(result) {
          if (status === "pending") {
            status = "resolved";
            done3(result);
          }
        },
        fail(error) {
          if (status === "pending") {
            status = "rejected";
            fail(error);
          }
        },
        get fulfilled() {
          return status !== "pending";
        },
        get status() {
          return status;
        }
      };
    }
    exports.deferred = deferred;
    exports.createDeferred = deferred;
    exports.default = deferred;
  }
});

// src/github/git-auth.ts
function basicAuthValue(token) {
  return Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
}
function serverPrefix(serverUrl) {
  const url = httpUrlWithoutCredentials(serverUrl, "git server URL for the token");
  return `${url.protocol}//${url.host}/`;
}
function gitAuthEnv(token, serverUrl, inherited = {}) {
  if (!token) throw new Error("the token for git is empty");
  if (/[\r\n\0]/.test(token)) throw new Error("the token for git contains a line break or NUL");
  const key = `http.${serverPrefix(serverUrl)}.extraheader`;
  const entries = [
    [key, ""],
    [key, `AUTHORIZATION: basic ${basicAuthValue(token)}`]
  ];
  const start2 = Number(inherited.GIT_CONFIG_COUNT ?? 0);
  const first = Number.isInteger(start2) && start2 > 0 ? start2 : 0;
  const env = { GIT_CONFIG_COUNT: String(first + entries.length) };
  entries.forEach(([name, value], index) => {
    env[`GIT_CONFIG_KEY_${first + index}`] = name;
    env[`GIT_CONFIG_VALUE_${first + index}`] = value;
  });
  return env;
}

// src/process/run.ts
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { delimiter, resolve } from "node:path";

// src/process/child-env.ts
var allowedNames = /* @__PURE__ */ new Set([
  // where programs are found; tests put fake tools in front of it
  "PATH",
  // per-user configuration: ~/.gitconfig, ~/.rpmmacros, ~/.quiltrc, git's credential helpers
  "HOME",
  // who runs the program: git's fallback identity, rpmbuild's %{_buildhost} user, ssh
  "USER",
  "LOGNAME",
  // language and encoding of messages and file names (LC_* by prefix below)
  "LANG",
  "LANGUAGE",
  // dates in changelogs and tarball headers
  "TZ",
  // where dpkg-source, rpmbuild, quilt and gpg put scratch files
  "TMPDIR",
  // git's global config when HOME's is not used (XDG_CONFIG_HOME/git/config)
  "XDG_CONFIG_HOME",
  // the runner's choice of git config: GIT_CONFIG_GLOBAL names its file (the README's credential helper for
  // a fork on another host lives there), GIT_CONFIG_NOSYSTEM isolates git from /etc/gitconfig
  "GIT_CONFIG_GLOBAL",
  "GIT_CONFIG_NOSYSTEM",
  // ssh remotes (ssh://git@host/…): the agent holding the key (a socket path, not the key), or the runner's
  // own ssh command with its key file
  "SSH_AUTH_SOCK",
  "GIT_SSH_COMMAND",
  // HTTPS through the runner's proxy, for git and curl (both spellings are honoured)
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  // the certificate authorities a self-hosted runner trusts (a TLS-inspecting proxy, a private server)
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "CURL_CA_BUNDLE",
  "GIT_SSL_CAINFO",
  "GIT_SSL_CAPATH",
  // git's packet trace, set on the step to see what a fetch asked for and got: refs and capabilities, no
  // credentials (GIT_TRACE_CURL, which can show headers, stays out)
  "GIT_TRACE_PACKET"
]);
var allowedPrefix = "LC_";
function allowed(name) {
  return allowedNames.has(name) || name.startsWith(allowedPrefix);
}
function childEnv(extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(process.env))
    if (value !== void 0 && allowed(name)) env[name] = value;
  for (const [name, value] of Object.entries(extra)) {
    if (value === void 0) delete env[name];
    else env[name] = value;
  }
  return env;
}

// src/process/piped.ts
import { spawn } from "node:child_process";
function runPiped(program, args, started) {
  return new Promise((resolve12, reject) => {
    const child = spawn(program, args, { cwd: started.cwd, env: started.env, stdio: "pipe" });
    if (typeof started.stdout === "function") child.stdout.on("data", started.stdout);
    else child.stdout.pipe(started.stdout);
    child.stderr.on("data", started.stderr);
    child.on("error", reject);
    child.stdin.on("error", () => void 0);
    child.stdin.end(started.input ?? "");
    child.on("close", (code, signal) => resolve12(code ?? (signal ? 128 : 1)));
  });
}

// src/process/run.ts
var CommandError = class extends Error {
  constructor(program, args, result) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split("\n").slice(-15).join("\n");
    super(
      `${program} ${program === "git" ? gitSubcommand(args) : args[0] ?? ""} failed (exit ${result.code})${detail ? `:
${detail}` : ""}`
    );
    this.program = program;
    this.args = args;
    this.result = result;
    this.name = "CommandError";
  }
  program;
  args;
  result;
};
var valueOptions = /* @__PURE__ */ new Set(["--git-dir", "--work-tree", "-C", "-c", "--namespace"]);
function gitSubcommand(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (valueOptions.has(arg)) i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return args[0] ?? "";
}
var MissingToolError = class extends Error {
  constructor(program, debianPackage) {
    super(
      `'${program}' was not found: install the Debian package '${debianPackage}' (apt-get install ${debianPackage})`
    );
    this.name = "MissingToolError";
  }
};
var debianPackageOf = {
  git: "git",
  "dpkg-source": "dpkg-dev",
  "dpkg-mergechangelogs": "dpkg-dev",
  dpkg: "dpkg",
  "pristine-tar": "pristine-tar",
  quilt: "quilt",
  patch: "patch",
  diff: "diffutils",
  rpmbuild: "rpm",
  rpmspec: "rpm",
  "ssh-keygen": "openssh-client",
  tar: "tar",
  gzip: "gzip",
  gpg: "gnupg",
  gpgv: "gpgv",
  xz: "xz-utils"
};
async function run(program, args, options = {}) {
  const out = [];
  const err = [];
  const started = {
    cwd: options.cwd,
    env: childEnv(options.env),
    stderr: (chunk) => void err.push(chunk)
  };
  const path = await locate(program, started.env.PATH, options.cwd);
  if (!path) throw new MissingToolError(program, debianPackageOf[program] ?? program);
  let code;
  try {
    code = await start(path, args, options, started, (chunk) => void out.push(chunk));
  } catch (error) {
    throw notInstalled(program, error) ?? error;
  }
  const result = {
    code,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8")
  };
  if ((options.okCodes ?? [0]).includes(result.code)) return result;
  throw new CommandError(program, args, result);
}
function start(program, args, options, started, collect) {
  if (options.input !== void 0 || options.stdoutTo) {
    return runPiped(program, args, { ...started, input: options.input, stdout: options.stdoutTo ?? collect });
  }
  const { cwd, env, stderr } = started;
  const listeners = { stdout: collect, stderr };
  return exec(program, [...args], { cwd, env, listeners, silent: true, ignoreReturnCode: true }).then(
    (code) => code ?? 128
  );
}
function notInstalled(program, error) {
  const absent = error instanceof Error && (error.code === "ENOENT" || error.message.startsWith("Unable to locate executable file"));
  return absent ? new MissingToolError(program, debianPackageOf[program] ?? program) : void 0;
}
async function requireTools(programs) {
  for (const program of programs) {
    if (!await locate(program, process.env.PATH)) {
      throw new MissingToolError(program, debianPackageOf[program] ?? program);
    }
  }
}
async function locate(program, path = "", cwd = process.cwd()) {
  const dirs = path.split(delimiter).filter(Boolean);
  const candidates = program.includes("/") ? [resolve(cwd, program)] : dirs.map((dir) => resolve(cwd, dir, program));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
    }
  }
  return void 0;
}

// src/git/command.ts
var import_debug2 = __toESM(require_src(), 1);

// node_modules/@simple-git/args-pathspec/dist/index.mjs
var t = /* @__PURE__ */ new WeakMap();
function c(...n) {
  const e = new String(n);
  return t.set(e, n), e;
}
function r(n) {
  return n instanceof String && t.has(n);
}
function o(n) {
  return t.get(n) ?? [];
}

// node_modules/@simple-git/argv-parser/dist/index.mjs
function* L(e, t2) {
  const n = t2 === "global";
  for (const o2 of e)
    o2.isGlobal === n && (yield o2);
}
var K = /* @__PURE__ */ new Set([
  "--add",
  "--edit",
  "--remove-section",
  "--rename-section",
  "--replace-all",
  "--unset",
  "--unset-all",
  "-e"
]);
var I = /* @__PURE__ */ new Set([
  "--get",
  "--get-all",
  "--get-color",
  "--get-colorbool",
  "--get-regexp",
  "--get-urlmatch",
  "--list",
  "-l"
]);
var j = /* @__PURE__ */ new Set([
  "edit",
  "remove-section",
  "rename-section",
  "set",
  "unset"
]);
var D = /* @__PURE__ */ new Set(["get", "get-color", "get-colorbool", "list"]);
function B(e, t2) {
  for (const { name: o2 } of L(e, "task")) {
    if (K.has(o2))
      return w(true, t2, o2 === "--rename-section");
    if (I.has(o2))
      return w(false, t2);
  }
  const n = t2.at(0)?.toLowerCase();
  return n === void 0 ? null : j.has(n) ? w(true, t2.slice(1), n === "rename-section") : D.has(n) ? w(false, t2.slice(1)) : t2.length === 1 ? w(false, t2) : w(true, t2);
}
function w(e = false, t2 = [], n = false) {
  const o2 = t2.at(0)?.toLowerCase();
  return o2 === void 0 ? null : {
    isWrite: e,
    isRead: !e,
    key: o2,
    value: t2.at(1),
    rename: n
  };
}
function V(e, t2) {
  return t2.isWrite && t2.value !== void 0 ? {
    scope: e,
    key: t2.key,
    value: t2.value,
    rename: t2.rename
  } : { key: t2.key, scope: e };
}
function q(e) {
  const t2 = e?.indexOf("=") || -1;
  return !e || t2 < 0 ? null : {
    key: e.slice(0, t2).trim().toLowerCase(),
    value: e.slice(t2 + 1)
  };
}
function z(e) {
  for (const { name: t2 } of L(e, "task"))
    switch (t2) {
      case "--global":
        return "global";
      case "--system":
        return "system";
      case "--worktree":
        return "worktree";
      case "--local":
        return "local";
      case "--file":
      case "-f":
        return "file";
    }
  return "local";
}
function Y({ name: e }) {
  if (e === "-c" || e === "--config")
    return "inline";
  if (e === "--config-env")
    return "env";
}
function* H(e) {
  for (const t2 of e) {
    const n = Y(t2), o2 = n && q(t2.value);
    o2 && (yield {
      ...o2,
      scope: n
    });
  }
}
function J(e, t2, n) {
  const o2 = {
    read: [],
    write: [...H(t2)]
  };
  return e === "config" && X(
    o2,
    z(t2),
    B(t2, n)
  ), o2;
}
function X(e, t2, n) {
  if (n === null)
    return;
  const o2 = V(t2, n);
  n.isWrite ? e.write.push(o2) : e.read.push(o2);
}
var R = {
  short: /* @__PURE__ */ new Map([
    ["c", true]
    //  -c <k=v>    set config key for this invocation
  ])
};
var S = {
  short: new Map([
    ["C", true],
    //  -C <path>   change working directory
    ["P", false],
    // -P          no pager (alias for --no-pager)
    ["h", false],
    // -h          help
    ["p", false],
    // -p          paginate
    ["v", false],
    // -v          version
    ...R.short.entries()
  ]),
  long: /* @__PURE__ */ new Set([
    "attr-source",
    "config-env",
    "exec-path",
    "git-dir",
    "list-cmds",
    "namespace",
    "super-prefix",
    "work-tree"
  ])
};
var Q = {
  clone: {
    short: /* @__PURE__ */ new Map([
      ["b", true],
      // -b <branch>
      ["j", true],
      // -j <n>          parallel jobs
      ["l", false],
      // -l local
      ["n", false],
      // -n no-checkout
      ["o", true],
      // -o <name>       remote name
      ["q", false],
      // -q quiet
      ["s", false],
      // -s shared
      ["u", true]
      // -u <upload-pack>
    ]),
    long: /* @__PURE__ */ new Set(["branch", "config", "jobs", "origin", "upload-pack", "u", "template"])
  },
  commit: {
    short: /* @__PURE__ */ new Map([
      ["C", true],
      // -C <commit>  reuse message
      ["F", true],
      // -F <file>    read message from file
      ["c", true],
      // -c <commit>  reedit message
      ["m", true],
      // -m <msg>
      ["t", true]
      // -t <template>
    ]),
    long: /* @__PURE__ */ new Set(["file", "message", "reedit-message", "reuse-message", "template"])
  },
  config: {
    short: /* @__PURE__ */ new Map([
      ["e", false],
      // -e  open editor
      ["f", true],
      //  -f <file>
      ["l", false]
      // -l  list
    ]),
    long: /* @__PURE__ */ new Set(["blob", "comment", "default", "file", "type", "value"])
  },
  fetch: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  init: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["template"])
  },
  pull: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["upload-pack"])
  },
  push: {
    short: /* @__PURE__ */ new Map(),
    long: /* @__PURE__ */ new Set(["exec", "receive-pack"])
  },
  rebase: {
    short: /* @__PURE__ */ new Map([
      ["X", true],
      // -X <option>   strategy option
      ["f", false],
      // -f force-rebase
      ["i", false],
      // -i interactive
      ["k", false],
      // -k keep-base
      ["m", false],
      // -m merge
      ["n", false],
      // -n no-stat
      ["q", false],
      // -q quiet
      ["r", false],
      // -r rebase-merges
      ["s", true],
      // -s <strategy>
      ["v", false],
      // -v verbose
      ["x", true]
      // -x <cmd>      exec
    ]),
    long: /* @__PURE__ */ new Set(["exec", "onto", "strategy", "strategy-option"])
  }
};
var Z = { short: /* @__PURE__ */ new Map(), long: /* @__PURE__ */ new Set() };
function ee(e) {
  const t2 = Q[e ?? ""] ?? Z;
  return {
    short: new Map([...R.short.entries(), ...t2.short.entries()]),
    long: t2.long
  };
}
function F(e, t2 = S) {
  if (e.startsWith("--")) {
    const n = e.indexOf("=");
    if (n > 2)
      return [{ name: e.slice(0, n), value: e.slice(n + 1), needsNext: false }];
    const o2 = e.slice(2);
    return [{ name: e, needsNext: t2.long.has(o2) }];
  }
  if (e.length === 2) {
    const n = e.charAt(1), o2 = t2.short.get(n);
    return [{ name: e, needsNext: o2 === true }];
  }
  return te(e, t2.short);
}
function te(e, t2) {
  const n = e.slice(1).split(""), o2 = [];
  for (let a = 0; a < n.length; a++) {
    const s = n[a], r2 = t2.get(s);
    if (r2 === void 0)
      return [{ name: e, needsNext: false }];
    if (r2) {
      const f2 = n.slice(a + 1).join("");
      if (f2 && ![...f2].every((v) => t2.has(v)))
        return o2.push({ name: `-${s}`, value: f2, needsNext: false }), o2;
    }
    o2.push({ name: `-${s}`, needsNext: r2 });
  }
  return o2;
}
function ne(e, t2 = []) {
  let n = 0;
  for (; n < e.length; ) {
    const o2 = String(e[n]);
    if (!o2.startsWith("-") || o2.length < 2) break;
    const a = F(o2);
    let s = n + 1;
    for (const r2 of a) {
      const f2 = {
        name: r2.name,
        value: r2.value,
        absorbedNext: false,
        isGlobal: true
      };
      r2.needsNext && f2.value === void 0 && s < e.length && (f2.value = String(e[s]), f2.absorbedNext = true, s++), t2.push(f2);
    }
    n = s;
  }
  return { flags: t2, taskIndex: n };
}
function oe(e, t2, n = []) {
  const o2 = ee(t2), a = [], s = [];
  let r2 = 0;
  for (; r2 < e.length; ) {
    const f2 = e[r2];
    if (r(f2)) {
      s.push(...o(f2)), r2++;
      continue;
    }
    const p2 = String(f2);
    if (p2 === "--") {
      for (let i = r2 + 1; i < e.length; i++) {
        const d2 = e[i];
        r(d2) ? s.push(...o(d2)) : s.push(String(d2));
      }
      break;
    }
    if (!p2.startsWith("-") || p2.length < 2) {
      a.push(p2), r2++;
      continue;
    }
    const v = F(p2, o2);
    let h = r2 + 1;
    for (const i of v) {
      const d2 = {
        name: i.name,
        value: i.value,
        absorbedNext: false,
        isGlobal: false
      };
      i.needsNext && d2.value === void 0 && h < e.length && !r(e[h]) && (d2.value = String(e[h]), d2.absorbedNext = true, h++), n.push(d2);
    }
    r2 = h;
  }
  return { flags: n, positionals: a, pathspecs: s };
}
function* ae({
  write: e
}) {
  for (const t2 of e) {
    if (t2.rename) {
      yield {
        category: "allowUnsafeConfigRename",
        level: "default",
        message: `Renaming config section ${t2.key} is not permitted without enabling allowUnsafeConfigRename`
      };
      continue;
    }
    for (const n of fe) {
      const o2 = n(t2.key);
      if (o2) {
        yield o2;
        break;
      }
    }
  }
}
function u(e, t2, n = String(e), o2 = "default") {
  const a = typeof e == "string" ? new RegExp(`\\s*${e.toLowerCase()}`) : e;
  return function(r2) {
    if (a.test(r2))
      return {
        category: t2,
        level: o2,
        message: `Configuring ${n} is not permitted without enabling ${t2}`,
        configKey: r2
      };
  };
}
function c2(e, t2) {
  const n = new RegExp(`\\s*${e.toLowerCase().replace(/\./g, "(..+)?.")}`);
  return u(n, t2, e);
}
var se = /^sendemail\.(.+\.)?(sendmailcmd|tocmd|cccmd|headercmd|smtpserver|smtpserveroption|smtpsslcertpath|smtpsslclientcert|smtpsslclientkey|aliasesfile|mailmap\.file)$/;
var re = /^imap\.(tunnel|host|sslverify)$/;
var le = /^instaweb\.(httpd|modulepath|gitwebdir)$/;
var ie = /^(browser|man)\..+\.(path|cmd)$/;
var ce = /^gpg\.(ssh\.(allowedsignersfile|revocationfile)|mintrustlevel)$/;
var fe = [
  u(se, "allowUnsafeSendEmailConfig", "sendemail.*"),
  u(re, "allowUnsafeSendEmailConfig", "imap.*"),
  u(le, "allowUnsafeWebServerConfig", "instaweb.*"),
  u(ie, "allowUnsafeBrowser", "browser.* / man.*"),
  u(ce, "allowUnsafeSignatureTrust", "gpg.* signature trust"),
  u("alias", "allowUnsafeAlias"),
  u("core.askPass", "allowUnsafeAskPass"),
  u("core.editor", "allowUnsafeEditor"),
  u("core.fsmonitor", "allowUnsafeFsMonitor"),
  u("core.gitProxy", "allowUnsafeGitProxy"),
  u("core.hooksPath", "allowUnsafeHooksPath"),
  u("core.pager", "allowUnsafePager"),
  u("core.sshCommand", "allowUnsafeSshCommand"),
  c2("credential.helper", "allowUnsafeCredentialHelper"),
  c2("diff.command", "allowUnsafeDiffExternal"),
  u("diff.external", "allowUnsafeDiffExternal"),
  c2("difftool.cmd", "allowUnsafeDiffExternal"),
  c2("difftool.path", "allowUnsafeDiffExternal"),
  c2("diff.textconv", "allowUnsafeDiffTextConv"),
  c2("filter.clean", "allowUnsafeFilter"),
  c2("filter.process", "allowUnsafeFilter"),
  c2("filter.smudge", "allowUnsafeFilter"),
  c2("gpg.program", "allowUnsafeGpgProgram"),
  c2("gpg.defaultKeyCommand", "allowUnsafeGpgProgram"),
  u("include.path", "allowUnsafeInclude"),
  c2("includeIf", "allowUnsafeInclude"),
  u("init.templateDir", "allowUnsafeTemplateDir"),
  u("interactive.diffFilter", "allowUnsafePager"),
  c2("pager.", "allowUnsafePager"),
  c2("merge.driver", "allowUnsafeMergeDriver"),
  c2("mergetool.path", "allowUnsafeMergeDriver"),
  c2("mergetool.cmd", "allowUnsafeMergeDriver"),
  c2("protocol.allow", "allowUnsafeProtocolOverride"),
  c2("remote.receivepack", "allowUnsafePack"),
  c2("remote.uploadpack", "allowUnsafePack"),
  u("uploadpack.packObjectsHook", "allowUnsafePack"),
  u("sequence.editor", "allowUnsafeEditor"),
  c2("submodule.update", "allowUnsafeSubmodule"),
  c2("tar.command", "allowUnsafeCommandBinaries"),
  c2("trailer.cmd", "allowUnsafeCommandBinaries"),
  c2("trailer.command", "allowUnsafeCommandBinaries"),
  c2("url.insteadOf", "allowUnsafeUrlRewrite"),
  // catch-all configuration using the "foo.command" or "bar.cmd" naming convention, only blocked
  // when the `recommended` checks are enabled
  u(/command$/, "allowUnsafeCommandBinaries", "/command$/", "recommended"),
  u(/\.cmd$/, "allowUnsafeCommandBinaries", "/\\.cmd$/", "recommended")
];
function* ue(e, t2) {
  for (const n of t2)
    for (const o2 of de) {
      const a = o2(e, n);
      a && (yield a);
    }
}
function g(e, t2, n, {
  name: o2 = String(t2),
  exceptTask: a,
  globalOnly: s = false,
  withValue: r2 = false
} = {}) {
  const f2 = typeof t2 == "string" ? new RegExp(`\\s*${t2.toLowerCase()}`) : t2, p2 = `Use of ${e ? `${e} with option ` : ""}${o2} is not permitted without enabling ${n}`;
  return function(h, i) {
    if (!(e && h !== e) && !(a && h === a) && !(s && !i.isGlobal) && !(r2 && i.value === void 0) && f2.test(i.name))
      return {
        category: n,
        level: "default",
        message: p2
      };
  };
}
var y = { globalOnly: true, withValue: true };
var de = [
  g(null, /--(upload|receive)-pack/, "allowUnsafePack", {
    name: "--upload-pack or --receive-pack"
  }),
  g("clone", /^-\w*u/, "allowUnsafePack"),
  g("clone", "--u", "allowUnsafePack"),
  // `--exec` names the program run on the remote end of `push`, `send-pack`, `fetch-pack`, `archive` and
  // (undocumented) `ls-remote`, `rebase` uses it for a command run after each commit
  g(null, /^--exec$/, "allowUnsafePack", {
    name: "--exec",
    exceptTask: "rebase"
  }),
  // `git` accepts unambiguous abbreviations of long options, so `--ex` and `--exe` are `--exec`
  g("rebase", /^(-x|--ex(ec?)?)$/, "allowUnsafeExec", { name: "-x or --exec" }),
  // `git filter-branch` runs the value of each of these through `eval`
  g(
    "filter-branch",
    /^--(setup|(env|tree|index|parent|msg|commit|tag-name)-filter)$/,
    "allowUnsafeExec",
    { name: "--setup or --<type>-filter" }
  ),
  // `git grep` configures a pager with `-O<cmd>` (potentially clustered as `-iO<cmd>`), or through the long-form
  // `--open-files-in-pager`. Without a value both use the configured pager, so are permitted.
  g("grep", /^-\w*O./, "allowUnsafePager", { name: "-O" }),
  g("grep", "--open-files-in-pager", "allowUnsafePager", { withValue: true }),
  g(null, "--template", "allowUnsafeTemplateDir"),
  g(null, "--exec-path", "allowUnsafeExec", y),
  // `git` reads the configuration of whichever repository these name, so the
  // directory alone is enough to deliver config the argv guards never see
  g(null, "--git-dir", "allowUnsafeConfigPaths", y),
  g(null, "--work-tree", "allowUnsafeConfigPaths", y),
  g(null, /^-C$/, "allowUnsafeConfigPaths", { ...y, name: "-C" })
];
function G(e, t2, n) {
  return [...ue(e, t2), ...ae(n)];
}
function Ae(...e) {
  const { flags: t2, taskIndex: n } = ne(e), o2 = n < e.length ? String(e[n]).toLowerCase() : null, a = o2 !== null ? e.slice(n + 1) : [], { positionals: s, pathspecs: r2 } = oe(a, o2, t2), f2 = J(o2, t2, s);
  return {
    task: o2,
    flags: t2.map(ge),
    paths: r2,
    config: f2,
    vulnerabilities: me(G(o2, t2, f2))
  };
}
function me(e) {
  return Object.defineProperty(e, "vulnerabilities", {
    value: e
  });
}
function ge({ value: e, name: t2 }) {
  return e !== void 0 ? { name: t2, value: e } : { name: t2 };
}
var pe = Object.freeze([
  // identity
  "user.name",
  "user.email",
  "user.useconfigonly",
  "author.name",
  "author.email",
  "committer.name",
  "committer.email",
  // line endings, file system and display behaviour
  "core.abbrev",
  "core.autocrlf",
  "core.bigfilethreshold",
  "core.commentchar",
  "core.commentstring",
  "core.compression",
  "core.eol",
  "core.filemode",
  "core.ignorecase",
  "core.logallrefupdates",
  "core.longpaths",
  "core.precomposeunicode",
  "core.preloadindex",
  "core.quotepath",
  "core.safecrlf",
  "core.untrackedcache",
  "core.whitespace",
  "advice.*",
  "color.*",
  "column.ui",
  "i18n.commitencoding",
  "i18n.logoutputencoding",
  "init.defaultbranch",
  // branch / merge / rebase / pull / push defaults
  "branch.autosetupmerge",
  "branch.autosetuprebase",
  "branch.sort",
  "checkout.defaultremote",
  "clone.defaultremotename",
  "fetch.prune",
  "fetch.prunetags",
  "merge.conflictstyle",
  "merge.ff",
  "merge.renamelimit",
  "pull.ff",
  "pull.rebase",
  "push.autosetupremote",
  "push.default",
  "push.followtags",
  "rebase.autosquash",
  "rebase.autostash",
  "rerere.enabled",
  "tag.sort",
  "versionsort.suffix",
  // output formatting of diff / log / status / grep
  "diff.algorithm",
  "diff.colormoved",
  "diff.context",
  "diff.interhunkcontext",
  "diff.mnemonicprefix",
  "diff.noprefix",
  "diff.relative",
  "diff.renamelimit",
  "diff.renames",
  "grep.extendedregexp",
  "grep.linenumber",
  "grep.patterntype",
  "log.abbrevcommit",
  "log.date",
  "log.decorate",
  "log.follow",
  "status.branch",
  "status.renames",
  "status.short",
  "status.showuntrackedfiles",
  // performance and transfer tuning
  "feature.manyfiles",
  "gc.auto",
  "gc.autodetach",
  "http.lowspeedlimit",
  "http.lowspeedtime",
  "http.postbuffer",
  "http.version",
  "index.version",
  "pack.threads",
  "pack.windowmemory",
  "protocol.version",
  // extra request headers, commonly used for CI authentication tokens
  "http.extraheader",
  "http.*.extraheader",
  // integrity checks - these only ever make git stricter
  "fetch.fsckobjects",
  "receive.fsckobjects",
  "transfer.fsckobjects"
]);
function he(e) {
  const t2 = /* @__PURE__ */ new Set(), n = [];
  for (const o2 of e) {
    const a = String(o2).trim().toLowerCase();
    a && (a.includes("*") ? n.push(
      new RegExp(
        `^${a.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`
      )
    ) : t2.add(a));
  }
  return (o2) => {
    const a = o2.trim().toLowerCase();
    return t2.has(a) || n.some((s) => s.test(a));
  };
}
var Le = he(pe);
var N = {
  editor: "allowUnsafeEditor",
  git_askpass: "allowUnsafeAskPass",
  git_config_global: "allowUnsafeConfigPaths",
  git_config_system: "allowUnsafeConfigPaths",
  git_config_count: "allowUnsafeConfigEnvCount",
  git_config_parameters: "allowUnsafeConfigEnvCount",
  git_config: "allowUnsafeConfigPaths",
  git_editor: "allowUnsafeEditor",
  git_exec_path: "allowUnsafeExec",
  git_external_diff: "allowUnsafeDiffExternal",
  git_pager: "allowUnsafePager",
  git_proxy_command: "allowUnsafeGitProxy",
  git_template_dir: "allowUnsafeTemplateDir",
  git_sequence_editor: "allowUnsafeEditor",
  git_ssh: "allowUnsafeSshCommand",
  git_ssh_command: "allowUnsafeSshCommand",
  pager: "allowUnsafePager",
  prefix: "allowUnsafeConfigPaths",
  ssh_askpass: "allowUnsafeAskPass",
  visual: "allowUnsafeEditor"
};
var T = {
  home: "allowUnsafeConfigPaths",
  xdg_config_home: "allowUnsafeConfigPaths"
};
function W(e) {
  return Object.hasOwn(T, e);
}
function* we(e) {
  const t2 = parseInt(e.git_config_count ?? "0", 10);
  for (let n = 0; n < t2; n++) {
    const o2 = e[`git_config_key_${n}`], a = e[`git_config_value_${n}`];
    o2 !== void 0 && (yield { key: o2.toLowerCase().trim(), value: a, scope: "env" });
  }
}
function* ve(e, t2) {
  for (const n of Object.keys(e))
    if (W(n) && e[n] !== t2[n]) {
      const o2 = T[n];
      yield {
        category: o2,
        level: "recommended",
        message: `Use of "${n.toUpperCase()}" with a value other than the inherited one is not permitted without enabling ${o2}`,
        envKey: n
      };
    }
}
function* be(e) {
  for (const t2 of Object.keys(e))
    if (M(t2)) {
      const n = N[t2];
      yield {
        category: n,
        level: "default",
        message: `Use of "${t2.toUpperCase()}" is not permitted without enabling ${n}`,
        envKey: t2
      };
    }
}
function M(e) {
  return Object.hasOwn(N, e);
}
function Ue(e) {
  const t2 = String(e).toLowerCase().trim();
  return t2.startsWith("git_") || M(t2);
}
function $(e) {
  const t2 = {};
  for (const [n, o2] of Object.entries(e)) {
    const a = n.toLowerCase().trim();
    (Ue(a) || W(a)) && (t2[a] = String(o2));
  }
  return t2;
}
function Re(e, t2 = {}) {
  const n = $(e), o2 = {
    read: [],
    write: [...we(n)]
  }, a = [
    ...be(n),
    ...ve(n, $(t2)),
    ...G(null, [], o2)
  ];
  return {
    config: o2,
    vulnerabilities: a
  };
}
var k = class {
  constructor(t2, n) {
    this.value = t2, this.validate = n;
  }
};
var ye = [
  "https",
  "http",
  "ssh",
  "git+ssh",
  "ssh+git",
  "git",
  "file",
  "scp",
  "local"
];
var xe = new Set(ye);
var ke = class extends Error {
};
var Ee = /[\u0000-\u001f\u007f]/;
var _e = /^[a-z][a-z0-9+.-]*::/i;
var P = /* @__PURE__ */ new Set(["-c", "--config", "--config-env"]);
var O = /* @__PURE__ */ new Set([
  ...[...S.short].filter(([, e]) => e).map(([e]) => `-${e}`),
  ...[...S.long].map((e) => `--${e}`)
]);
function m(e) {
  throw new ke(e);
}
function $e(e) {
  return Array.isArray(e) && Array.isArray(e.raw) && Object.isFrozen(e);
}
function U(e) {
  return JSON.stringify(String(e));
}
function A(e) {
  let t2;
  if (e instanceof k) {
    t2 = e.value;
    const n = e.validate(t2);
    n && m(`interpolated value ${U(t2)} is rejected: ${n}`);
  } else typeof e == "string" ? t2 = e : typeof e == "number" && Number.isFinite(e) ? t2 = String(e) : m(
    `interpolated values must be strings, finite numbers or arrays of them, received ${typeof e}`
  );
  return Ee.test(t2) && m(`interpolated value ${U(t2)} contains control characters`), _e.test(t2) && m(`interpolated value ${U(t2)} would select a git remote helper transport`), t2;
}
function Pe(e, t2) {
  const n = [];
  let o2 = [];
  const a = () => {
    o2.length && (n.push(o2), o2 = []);
  };
  return e.forEach((s, r2) => {
    for (const f2 of s.split(/(\s+)/))
      /^\s+$/.test(f2) ? a() : f2 && o2.push({ text: f2 });
    r2 < t2.length && o2.push({ text: "", value: t2[r2] });
  }), a(), n;
}
function Ne(e, t2) {
  $e(e) || m("must be used as a tagged template literal");
  const n = [];
  let o2, a = false, s;
  for (const r2 of Pe(e, t2)) {
    if (r2.every((l2) => !("value" in l2))) {
      const l2 = r2.map((x2) => x2.text).join("");
      n.push(l2), s = l2, a || (a = o2 !== void 0 && l2 === "--"), o2 === void 0 && !l2.startsWith("-") && !O.has(n.at(-2) ?? "") && (o2 = l2);
      continue;
    }
    const p2 = !("value" in r2[0]);
    s !== void 0 && P.has(s) && !p2 && m(
      'configuration keys must be written literally, use "-c some.key=${value}" rather than "-c ${value}"'
    );
    const h = p2 && (r2[0].text.startsWith("-") || s !== void 0 && O.has(s));
    if (o2 === void 0 && !h && m(
      'the git sub-command must be written literally, interpolated values before it can only be used as option values, for example "-c user.name=${name}"'
    ), r2.length === 1) {
      const { value: l2 } = r2[0];
      if (r(l2))
        n.push(l2);
      else
        for (const x2 of Array.isArray(l2) ? l2 : [l2]) {
          const C2 = A(x2);
          C2.startsWith("-") && !a && m(
            `interpolated value ${U(C2)} would be read as an option, values that may start with "-" must follow "--" or be wrapped with pathspec()`
          ), n.push(C2);
        }
      s = void 0;
      continue;
    }
    let i = "", d2 = -1;
    for (const l2 of r2)
      "value" in l2 ? ((Array.isArray(l2.value) || r(l2.value)) && m("arrays and pathspecs must be interpolated as a standalone argument"), d2 < 0 && (d2 = i.length), i += A(l2.value)) : i += l2.text;
    if (d2 === 0 && i.startsWith("-") && !a && m(`interpolated value ${U(i)} would be read as an option`), d2 > 0 && i.startsWith("-") && !a) {
      const l2 = i.indexOf("=");
      (l2 < 0 || l2 >= d2) && m(
        'interpolated values in options must follow "=", for example "--message=${value}"'
      );
    }
    if (s !== void 0 && P.has(s)) {
      const l2 = i.indexOf("=");
      (l2 < 0 || l2 >= d2) && m(
        'configuration keys must be written literally, use "-c some.key=${value}" rather than "-c ${value}"'
      );
    }
    const E2 = /^(?:--config(?:-env)?=|-c(?=.))/.exec(i)?.[0];
    if (E2 && !a) {
      const l2 = i.indexOf("=", E2.length);
      (l2 < 0 || l2 >= d2) && m('configuration keys must be written literally, use "--config=some.key=${value}"');
    }
    n.push(i), s = void 0;
  }
  return o2 === void 0 && m("no git sub-command supplied"), n;
}

// node_modules/simple-git/dist/index.mjs
var import_file_exists = __toESM(require_dist(), 1);
var import_debug = __toESM(require_src(), 1);
var import_promise_deferred = __toESM(require_dist2(), 1);
import { spawn as Me } from "node:child_process";
import { normalize as Le2 } from "node:path";
import { EventEmitter as je } from "node:events";
var A2 = class extends Error {
  constructor(e, n) {
    super(n), this.task = e, Object.setPrototypeOf(this, new.target.prototype);
  }
};
var Be = class extends A2 {
  constructor(e, n) {
    super(void 0, n), this.config = e;
  }
};
var x = class extends A2 {
  constructor(e, n, r2) {
    super(e, r2), this.task = e, this.plugin = n, Object.setPrototypeOf(this, new.target.prototype);
  }
};
var ut = class extends A2 {
  constructor(e, n) {
    super(void 0, n || String(e)), this.git = e;
  }
};
var Ie = class extends A2 {
  constructor(e) {
    super(void 0, e);
  }
};
var U2 = "\0";
var W2 = () => {
};
function Ue2(t2) {
  return typeof t2 != "function" ? W2 : t2;
}
function Fe2(t2) {
  return typeof t2 == "function" && t2 !== W2;
}
function Ge2(t2, e) {
  const n = t2.indexOf(e);
  return n <= 0 ? [t2, ""] : [t2.substr(0, n), t2.substr(n + 1)];
}
function ze(t2, e = 0) {
  return Bt(t2) && t2.length > e ? t2[e] : void 0;
}
function P2(t2, e = 0) {
  if (Bt(t2) && t2.length > e)
    return t2[t2.length - 1 - e];
}
function Bt(t2) {
  return Ft(t2);
}
function H2(t2 = "", e = true, n = `
`) {
  return t2.split(n).reduce((r2, s) => {
    const o2 = e ? s.trim() : s;
    return o2 && r2.push(o2), r2;
  }, []);
}
function ct(t2, e) {
  return H2(t2, true).map((n) => e(n));
}
function It(t2) {
  return (0, import_file_exists.exists)(t2, import_file_exists.FOLDER);
}
function O2(t2, e) {
  return Array.isArray(t2) ? t2.includes(e) || t2.push(e) : t2.add(e), e;
}
function qe(t2, e) {
  return Array.isArray(t2) && !t2.includes(e) && t2.push(e), t2;
}
function ft(t2, e) {
  if (Array.isArray(t2)) {
    const n = t2.indexOf(e);
    n >= 0 && t2.splice(n, 1);
  } else
    t2.delete(e);
  return e;
}
var lt = Object.prototype.toString.call.bind(Object.prototype.toString);
function _(t2) {
  return Array.isArray(t2) ? t2 : [t2];
}
function Ut(t2) {
  return t2.replace(/[\s-]+(.)/g, (e, n) => n.toUpperCase());
}
function j2(t2) {
  return _(t2).map((e) => e instanceof String ? e : String(e));
}
function d(t2, e = 0) {
  if (t2 == null)
    return e;
  const n = parseInt(t2, 10);
  return Number.isNaN(n) ? e : n;
}
function F2(t2, e) {
  const n = [];
  for (let r2 = 0, s = t2.length; r2 < s; r2++)
    n.push(e, t2[r2]);
  return n;
}
function G2(t2) {
  return (Array.isArray(t2) ? Buffer.concat(t2) : t2).toString("utf-8");
}
function Ke(t2) {
  return t2 ? Buffer.isBuffer(t2) ? t2.length : Buffer.byteLength(t2) : 0;
}
function We(t2, e) {
  const n = {};
  return e.forEach((r2) => {
    t2[r2] !== void 0 && (n[r2] = t2[r2]);
  }), n;
}
function bt(t2 = 0) {
  return new Promise((e) => setTimeout(e, t2));
}
function Tt(t2) {
  if (t2 !== false)
    return t2;
}
function y2(t2, e, n) {
  return e(t2) ? t2 : arguments.length > 2 ? n : void 0;
}
var V2 = (t2) => Array.isArray(t2);
function ot(t2, e) {
  const n = r(t2) ? "string" : typeof t2;
  return /number|string|boolean/.test(n) && (!e || !e.includes(n));
}
var p = (t2) => typeof t2 == "string" || r(t2);
var He = (t2) => p(t2) || Buffer.isBuffer(t2);
var z2 = (t2) => p(t2) || Array.isArray(t2) && t2.every(p);
function ht(t2) {
  return !!t2 && lt(t2) === "[object Object]";
}
function Ve(t2) {
  return typeof t2 == "function";
}
var Ft = (t2) => t2 == null || "number|boolean|function".includes(typeof t2) ? false : typeof t2.length == "number";
var Y2 = /* @__PURE__ */ ((t2) => (t2[t2.SUCCESS = 0] = "SUCCESS", t2[t2.ERROR = 1] = "ERROR", t2[t2.NOT_FOUND = -2] = "NOT_FOUND", t2[t2.UNCLEAN = 128] = "UNCLEAN", t2))(Y2 || {});
var q2 = class _q {
  constructor(e, n) {
    this.stdOut = e, this.stdErr = n;
  }
  asStrings() {
    return new _q(this.stdOut.toString("utf8"), this.stdErr.toString("utf8"));
  }
};
function Ye() {
  throw new Error("LineParser:useMatches not implemented");
}
var l = class {
  constructor(e, n) {
    this.matches = [], this.useMatches = Ye, this.parse = (r2, s) => (this.resetMatches(), this._regExp.every((o2, i) => this.addMatch(o2, i, r2(i))) ? this.useMatches(s, this.prepareMatches()) !== false : false), this._regExp = Array.isArray(e) ? e : [e], n && (this.useMatches = n);
  }
  resetMatches() {
    this.matches.length = 0;
  }
  prepareMatches() {
    return this.matches;
  }
  addMatch(e, n, r2) {
    const s = r2 && e.exec(r2);
    return s && this.pushMatch(n, s), !!s;
  }
  pushMatch(e, n) {
    this.matches.push(...n.slice(1));
  }
};
var N2 = class extends l {
  addMatch(e, n, r2) {
    return /^remote:\s/.test(String(r2)) && super.addMatch(e, n, r2);
  }
  pushMatch(e, n) {
    (e > 0 || n.length > 1) && super.pushMatch(e, n);
  }
};
var Qe = {
  binary: "git",
  maxConcurrentProcesses: 5,
  config: [],
  trimmed: false
};
function Xe(...t2) {
  const e = process.cwd(), n = Object.assign(
    { baseDir: e, ...Qe },
    ...t2.filter((r2) => typeof r2 == "object" && r2)
  );
  return n.baseDir = n.baseDir || e, n.trimmed = n.trimmed === true, n;
}
function Gt(t2, e = []) {
  return ht(t2) ? Object.keys(t2).reduce((n, r2) => {
    const s = t2[r2];
    if (r(s))
      n.push(s);
    else if (ot(s, ["boolean"]))
      n.push(r2 + "=" + s);
    else if (Array.isArray(s))
      for (const o2 of s)
        ot(o2, ["string", "number"]) || n.push(r2 + "=" + o2);
    else
      n.push(r2);
    return n;
  }, e) : e;
}
function m2(t2, e = 0, n = false) {
  const r2 = [];
  for (let s = 0, o2 = e < 0 ? t2.length : e; s < o2; s++)
    "string|number".includes(typeof t2[s]) && r2.push(String(t2[s]));
  return Gt(mt(t2), r2), n || r2.push(...Je(t2)), r2;
}
function Je(t2) {
  const e = typeof P2(t2) == "function";
  return j2(y2(P2(t2, e ? 1 : 0), V2, []));
}
function mt(t2) {
  const e = Ve(P2(t2));
  return y2(P2(t2, e ? 1 : 0), ht);
}
function u2(t2, e = true) {
  const n = Ue2(P2(t2));
  return e || Fe2(n) ? n : void 0;
}
function kt(t2, e) {
  return t2(e.stdOut, e.stdErr);
}
function S2(t2, e, n, r2 = true) {
  return _(n).forEach((s) => {
    for (let o2 = H2(s, r2), i = 0, a = o2.length; i < a; i++) {
      const c3 = (h = 0) => {
        if (!(i + h >= a))
          return o2[i + h];
      };
      e.some(({ parse: h }) => h(c3, t2));
    }
  }), t2;
}
var pt = ({ exitCode: t2 }, e, n, r2) => {
  if (t2 === Y2.UNCLEAN && rn(e))
    return n(Buffer.from("false"));
  r2(e);
};
var zt = (t2) => t2.trim() === "true";
function tn(t2) {
  switch (t2) {
    case "bare":
      return nn();
    case "root":
      return en();
  }
  return {
    commands: ["rev-parse", "--is-inside-work-tree"],
    format: "utf-8",
    onError: pt,
    parser: zt
  };
}
function en() {
  return {
    commands: ["rev-parse", "--git-dir"],
    format: "utf-8",
    onError: pt,
    parser(e) {
      return /^\.(git)?$/.test(e.trim());
    }
  };
}
function nn() {
  return {
    commands: ["rev-parse", "--is-bare-repository"],
    format: "utf-8",
    onError: pt,
    parser: zt
  };
}
function rn(t2) {
  return /(Not a git repository|Kein Git-Repository)/i.test(String(t2));
}
var sn = class {
  constructor(e) {
    this.paths = [], this.files = [], this.folders = [], this.dryRun = e;
  }
};
var on = /^[a-z]+\s*/i;
var an = /^[a-z]+\s+[a-z]+\s*/i;
var un = /\/$/;
function cn(t2, e) {
  const n = new sn(t2), r2 = t2 ? an : on;
  return H2(e).forEach((s) => {
    const o2 = s.replace(r2, "");
    n.paths.push(o2), (un.test(o2) ? n.folders : n.files).push(o2);
  }), n;
}
var qt = [];
function fn(t2) {
  return {
    commands: qt,
    format: "empty",
    parser: t2
  };
}
function b(t2) {
  return {
    commands: qt,
    format: "empty",
    parser() {
      throw typeof t2 == "string" ? new Ie(t2) : t2;
    }
  };
}
function g2(t2, e = false) {
  return {
    commands: t2,
    format: "utf-8",
    parser(n) {
      return e ? String(n).trim() : n;
    }
  };
}
function Kt(t2) {
  return {
    commands: t2,
    format: "buffer",
    parser(e) {
      return e;
    }
  };
}
function ln(t2) {
  return t2.format === "buffer";
}
function _t(t2) {
  return t2.format === "empty" || !t2.commands.length;
}
var hn = "Git clean interactive mode is not supported";
var mn = 'Git clean mode parameter ("n" or "f") is required';
var pn = "Git clean unknown option found in: ";
var Wt = /* @__PURE__ */ ((t2) => (t2.DRY_RUN = "n", t2.FORCE = "f", t2.IGNORED_INCLUDED = "x", t2.IGNORED_ONLY = "X", t2.EXCLUDING = "e", t2.QUIET = "q", t2.RECURSIVE = "d", t2))(Wt || {});
var Ht = /* @__PURE__ */ new Set([
  "i",
  ...j2(Object.values(Wt))
]);
function dn(t2, e) {
  const { cleanMode: n, options: r2, valid: s } = wn(t2);
  return n ? s.options ? (r2.push(...e), r2.some(kn) ? b(hn) : gn(n, r2)) : b(pn + JSON.stringify(t2)) : b(mn);
}
function gn(t2, e) {
  return {
    commands: ["clean", `-${t2}`, ...e],
    format: "utf-8",
    parser(r2) {
      return cn(t2 === "n", r2);
    }
  };
}
function yn(t2) {
  return Array.isArray(t2) && t2.every((e) => Ht.has(e));
}
function wn(t2) {
  let e, n = [], r2 = { cleanMode: false, options: true };
  return t2.replace(/[^a-z]i/g, "").split("").forEach((s) => {
    bn(s) ? (e = s, r2.cleanMode = true) : r2.options = r2.options && Tn(n[n.length] = `-${s}`);
  }), {
    cleanMode: e,
    options: n,
    valid: r2
  };
}
function bn(t2) {
  return t2 === "f" || t2 === "n";
}
function Tn(t2) {
  return /^-[a-z]$/i.test(t2) && Ht.has(t2.charAt(1));
}
function kn(t2) {
  return /^-[^\-]/.test(t2) ? t2.indexOf("i") > 0 : t2 === "--interactive";
}
var _n = class {
  constructor() {
    this.files = [], this.values = /* @__PURE__ */ Object.create(null);
  }
  get all() {
    return this._all || (this._all = this.files.reduce((e, n) => Object.assign(e, this.values[n]), {})), this._all;
  }
  addFile(e) {
    if (!(e in this.values)) {
      const n = P2(this.files);
      this.values[e] = n ? Object.create(this.values[n]) : {}, this.files.push(e);
    }
    return this.values[e];
  }
  addValue(e, n, r2) {
    const s = this.addFile(e);
    Object.hasOwn(s, n) ? Array.isArray(s[n]) ? s[n].push(r2) : s[n] = [s[n], r2] : s[n] = r2, this._all = void 0;
  }
};
function vn(t2) {
  const e = new _n();
  for (const n of Vt(t2))
    e.addValue(n.file, String(n.key), n.value);
  return e;
}
function En(t2, e) {
  let n = null;
  const r2 = [], s = /* @__PURE__ */ new Map();
  for (const o2 of Vt(t2, e))
    o2.key === e && (r2.push(n = o2.value), s.has(o2.file) || s.set(o2.file, []), s.get(o2.file).push(n));
  return {
    key: e,
    paths: Array.from(s.keys()),
    scopes: s,
    value: n,
    values: r2
  };
}
function Sn(t2) {
  return t2.replace(/^(file):/, "");
}
function* Vt(t2, e = null) {
  const n = t2.split("\0");
  for (let r2 = 0, s = n.length - 1; r2 < s; ) {
    const o2 = Sn(n[r2++]);
    let i = n[r2++], a = e;
    if (i.includes(`
`)) {
      const c3 = Ge2(i, `
`);
      a = c3[0], i = c3[1];
    }
    yield { file: o2, key: a, value: i };
  }
}
var Yt = /* @__PURE__ */ ((t2) => (t2.system = "system", t2.global = "global", t2.local = "local", t2.worktree = "worktree", t2))(Yt || {});
function X2(t2, e) {
  return typeof t2 == "string" && Object.hasOwn(Yt, t2) ? t2 : e;
}
function Rn(t2, e, n, r2) {
  const s = ["config", `--${r2}`];
  return n && s.push("--add"), s.push(t2, e), {
    commands: s,
    format: "utf-8",
    parser(o2) {
      return o2;
    }
  };
}
function On(t2, e) {
  const n = ["config", "--null", "--show-origin", "--get-all", t2];
  return e && n.splice(1, 0, `--${e}`), {
    commands: n,
    format: "utf-8",
    parser(r2) {
      return En(r2, t2);
    }
  };
}
function Cn(t2) {
  const e = ["config", "--list", "--show-origin", "--null"];
  return t2 && e.push(`--${t2}`), {
    commands: e,
    format: "utf-8",
    parser(n) {
      return vn(n);
    }
  };
}
function An() {
  return {
    addConfig(t2, e, ...n) {
      return this._runTask(
        Rn(
          t2,
          e,
          n[0] === true,
          X2(
            n[1],
            "local"
            /* local */
          )
        ),
        u2(arguments)
      );
    },
    getConfig(t2, e) {
      return this._runTask(
        On(t2, X2(e, void 0)),
        u2(arguments)
      );
    },
    listConfig(...t2) {
      return this._runTask(
        Cn(X2(t2[0], void 0)),
        u2(arguments)
      );
    }
  };
}
var Qt = /* @__PURE__ */ ((t2) => (t2.ADDED = "A", t2.COPIED = "C", t2.DELETED = "D", t2.MODIFIED = "M", t2.RENAMED = "R", t2.CHANGED = "T", t2.UNMERGED = "U", t2.UNKNOWN = "X", t2.BROKEN = "B", t2))(Qt || {});
var xn = new Set(Object.values(Qt));
function $n(t2) {
  return xn.has(t2);
}
var vt;
var Nn = ["-h"];
var B2 = /* @__PURE__ */ Symbol("grepQuery");
var Pn = class {
  constructor() {
    this[vt] = [];
  }
  *[(vt = B2, Symbol.iterator)]() {
    for (const e of this[B2])
      yield e;
  }
  and(...e) {
    return e.length && this[B2].push("--and", "(", ...F2(e, "-e"), ")"), this;
  }
  param(...e) {
    return this[B2].push(...F2(e, "-e")), this;
  }
};
function Mn(...t2) {
  return new Pn().param(...t2);
}
function Dn(t2) {
  const e = /* @__PURE__ */ new Set(), n = {};
  return ct(t2, (r2) => {
    const [s, o2, i] = r2.split(U2);
    e.add(s), (n[s] = n[s] || []).push({
      line: d(o2),
      path: s,
      preview: i
    });
  }), {
    paths: e,
    results: n
  };
}
function Ln() {
  return {
    grep(t2) {
      const e = u2(arguments), n = m2(arguments);
      for (const s of Nn)
        if (n.includes(s))
          return this._runTask(
            b(`git.grep: use of "${s}" is not supported.`),
            e
          );
      typeof t2 == "string" && (t2 = Mn().param(t2));
      const r2 = ["grep", "--null", "-n", "--full-name", ...n, ...t2];
      return this._runTask(
        {
          commands: r2,
          format: "utf-8",
          parser(s) {
            return Dn(s);
          }
        },
        e
      );
    }
  };
}
var Xt = /* @__PURE__ */ ((t2) => (t2.MIXED = "mixed", t2.SOFT = "soft", t2.HARD = "hard", t2.MERGE = "merge", t2.KEEP = "keep", t2))(Xt || {});
var jn = j2(Object.values(Xt));
function Bn(t2, e) {
  const n = ["reset"];
  return Jt(t2) && n.push(`--${t2}`), n.push(...e), g2(n);
}
function In(t2) {
  if (Jt(t2))
    return t2;
  switch (typeof t2) {
    case "string":
    case "undefined":
      return "soft";
  }
}
function Jt(t2) {
  return typeof t2 == "string" && jn.includes(t2);
}
import_debug.default.formatters.L = (t2) => String(Ft(t2) ? t2.length : "-");
import_debug.default.formatters.B = (t2) => Buffer.isBuffer(t2) ? t2.toString("utf8") : lt(t2);
function Un() {
  return (0, import_debug.default)("simple-git");
}
function Et(t2, e, n) {
  return !e || !String(e).replace(/\s*/, "") ? n ? (r2, ...s) => {
    t2(r2, ...s), n(r2, ...s);
  } : t2 : (r2, ...s) => {
    t2(`%s ${r2}`, e, ...s), n && n(r2, ...s);
  };
}
function Fn(t2, e, { namespace: n }) {
  if (typeof t2 == "string")
    return t2;
  const r2 = e && e.namespace || "";
  return r2.startsWith(n) ? r2.substr(n.length + 1) : r2 || n;
}
function $2(t2, e, n, r2 = Un()) {
  const s = t2 && `[${t2}]` || "", o2 = [], i = typeof e == "string" ? r2.extend(e) : e, a = Fn(y2(e, p), i, r2);
  return h(n);
  function c3(w2, T2) {
    return O2(
      o2,
      $2(t2, a.replace(/^[^:]+/, w2), T2, r2)
    );
  }
  function h(w2) {
    const T2 = w2 && `[${w2}]` || "", k2 = i && Et(i, T2) || W2, R2 = Et(r2, `${s} ${T2}`, k2);
    return Object.assign(i ? k2 : R2, {
      label: t2,
      sibling: c3,
      info: R2,
      step: h
    });
  }
}
var D2 = class D3 {
  constructor(e = "GitExecutor") {
    this.logLabel = e, this._queue = /* @__PURE__ */ new Map();
  }
  withProgress(e) {
    return this._queue.get(e);
  }
  createProgress(e) {
    const n = D3.getName(e.commands[0]), r2 = $2(this.logLabel, n);
    return {
      task: e,
      logger: r2,
      name: n
    };
  }
  push(e) {
    const n = this.createProgress(e);
    return n.logger("Adding task to the queue, commands = %o", e.commands), this._queue.set(e, n), n;
  }
  fatal(e) {
    for (const [n, { logger: r2 }] of Array.from(this._queue.entries()))
      n === e.task ? (r2.info("Failed %o", e), r2(
        "Fatal exception, any as-yet un-started tasks run through this executor will not be attempted"
      )) : r2.info(
        "A fatal exception occurred in a previous task, the queue has been purged: %o",
        e.message
      ), this.complete(n);
    if (this._queue.size !== 0)
      throw new Error(`Queue size should be zero after fatal: ${this._queue.size}`);
  }
  complete(e) {
    this.withProgress(e) && this._queue.delete(e);
  }
  attempt(e) {
    const n = this.withProgress(e);
    if (!n)
      throw new A2(void 0, "TasksPendingQueue: attempt called for an unknown task");
    return n.logger("Starting task"), n;
  }
  static getName(e = "empty") {
    return `task:${e}:${++D3.counter}`;
  }
};
D2.counter = 0;
var it = D2;
var Gn = class {
  constructor(e, n, r2) {
    this._executor = e, this._scheduler = n, this._plugins = r2, this._chain = Promise.resolve(), this._queue = new it();
  }
  get cwd() {
    return this._cwd || this._executor.cwd;
  }
  set cwd(e) {
    this._cwd = e;
  }
  get env() {
    return this._executor.env;
  }
  get outputHandler() {
    return this._executor.outputHandler;
  }
  chain() {
    return this;
  }
  push(e) {
    return this._queue.push(e), this._chain = this._chain.then(() => this.attemptTask(e));
  }
  async attemptTask(e) {
    const n = await this._scheduler.next(), r2 = () => this._queue.complete(e);
    try {
      const { logger: s } = this._queue.attempt(e);
      return await (_t(e) ? this.attemptEmptyTask(e, s) : this.attemptRemoteTask(e, s));
    } catch (s) {
      throw this.onFatalException(e, s);
    } finally {
      r2(), n();
    }
  }
  onFatalException(e, n) {
    const r2 = n instanceof A2 ? Object.assign(n, { task: e }) : new A2(e, n && String(n));
    return this._chain = Promise.resolve(), this._queue.fatal(r2), r2;
  }
  async attemptRemoteTask(e, n) {
    const r2 = this._plugins.exec("spawn.binary", "", this.taskContext(e, e.commands)), s = this._plugins.exec(
      "spawn.args",
      [...e.commands],
      this.taskContext(e, e.commands)
    ), o2 = await this.gitResponse(
      e,
      r2,
      s,
      this.outputHandler,
      n.step("SPAWN")
    ), i = await this.handleTaskData(e, s, o2, n.step("HANDLE"));
    return n("passing response to task's parser as a %s", e.format), ln(e) ? kt(e.parser, i) : kt(e.parser, i.asStrings());
  }
  async attemptEmptyTask(e, n) {
    return n("empty task bypassing child process to call to task's parser"), e.parser(this);
  }
  handleTaskData(e, n, r2, s) {
    const { exitCode: o2, rejection: i, stdOut: a, stdErr: c3 } = r2;
    return new Promise((h, w2) => {
      s("Preparing to handle process response exitCode=%d stdOut=", o2);
      const { error: T2 } = this._plugins.exec(
        "task.error",
        { error: i },
        {
          ...this.taskContext(e, n),
          ...r2
        }
      );
      if (T2 && e.onError)
        return s.info("exitCode=%s handling with custom error handler"), e.onError(
          r2,
          T2,
          (k2) => {
            s.info("custom error handler treated as success"), s("custom error returned a %s", lt(k2)), h(
              new q2(
                Array.isArray(k2) ? Buffer.concat(k2) : k2,
                Buffer.concat(c3)
              )
            );
          },
          w2
        );
      if (T2)
        return s.info(
          "handling as error: exitCode=%s stdErr=%s rejection=%o",
          o2,
          c3.length,
          i
        ), w2(T2);
      s.info("retrieving task output complete"), h(new q2(Buffer.concat(a), Buffer.concat(c3)));
    });
  }
  async gitResponse(e, n, r2, s, o2) {
    const i = o2.sibling("output"), a = this._plugins.exec(
      "spawn.options",
      {
        cwd: this.cwd,
        env: this.env,
        windowsHide: true
      },
      this.taskContext(e, e.commands)
    );
    return new Promise((c3) => {
      const h = [], w2 = [];
      o2.info("%s %o", n, r2), o2("%O", a);
      let T2 = this._beforeSpawn(e, r2);
      if (T2)
        return c3({
          stdOut: h,
          stdErr: w2,
          exitCode: 9901,
          rejection: T2
        });
      this._plugins.exec("spawn.before", void 0, {
        ...this.taskContext(e, r2),
        kill(R2) {
          T2 = R2 || T2;
        }
      });
      const k2 = Me(n, r2, a);
      k2.stdout.on(
        "data",
        St(h, "stdOut", o2, i.step("stdOut"))
      ), k2.stderr.on(
        "data",
        St(w2, "stdErr", o2, i.step("stdErr"))
      ), k2.on("error", zn(w2, o2)), s && (o2("Passing child process stdOut/stdErr to custom outputHandler"), s(n, k2.stdout, k2.stderr, [...r2])), this._plugins.exec("spawn.after", void 0, {
        ...this.taskContext(e, r2),
        spawned: k2,
        close(R2, v) {
          c3({
            stdOut: h,
            stdErr: w2,
            exitCode: R2,
            rejection: T2 || v
          });
        },
        kill(R2) {
          k2.killed || (T2 = R2, k2.kill("SIGINT"));
        }
      });
    });
  }
  _beforeSpawn(e, n) {
    let r2;
    return this._plugins.exec("spawn.before", void 0, {
      ...this.taskContext(e, n),
      kill(s) {
        r2 = s || r2;
      }
    }), r2;
  }
  taskContext(e, n) {
    return {
      method: String(ze(e.commands) || ""),
      commands: n,
      env: { ...this.env },
      input: _t(e) ? void 0 : e.input
    };
  }
};
function zn(t2, e) {
  return (n) => {
    e("[ERROR] child process exception %o", n), t2.push(Buffer.from(String(n.stack), "ascii"));
  };
}
function St(t2, e, n, r2) {
  return (s) => {
    n("%s received %L bytes", e, s), r2("%B", s), t2.push(s);
  };
}
var qn = class {
  constructor(e, n, r2) {
    this.cwd = e, this._scheduler = n, this._plugins = r2, this._chain = this.chain();
  }
  chain() {
    return new Gn(this, this._scheduler, this._plugins);
  }
  push(e) {
    return this._chain.push(e);
  }
};
function Kn(t2, e, n = W2) {
  const r2 = (o2) => {
    n(null, o2);
  }, s = (o2) => {
    o2?.task === t2 && n(o2, void 0);
  };
  e.then(r2, s);
}
function Rt(t2, e) {
  return fn((n) => {
    if (!It(t2))
      throw new Error(`Git.cwd: cannot change to non-directory "${t2}"`);
    return (e || n).cwd = t2;
  });
}
function J2(t2) {
  const e = ["checkout", ...t2];
  return e[1] === "-b" && e.includes("-B") && (e[1] = ft(e, "-B")), g2(e);
}
function Wn() {
  return {
    checkout() {
      return this._runTask(
        J2(m2(arguments, 1)),
        u2(arguments)
      );
    },
    checkoutBranch(t2, e) {
      return this._runTask(
        J2(["-b", t2, e, ...m2(arguments)]),
        u2(arguments)
      );
    },
    checkoutLocalBranch(t2) {
      return this._runTask(
        J2(["-b", t2, ...m2(arguments)]),
        u2(arguments)
      );
    }
  };
}
var Zt = (t2, e, n) => {
  const r2 = ["clone", ...n];
  return p(t2) && r2.push(c(t2)), p(e) && r2.push(c(e)), g2(r2);
};
var Hn = (t2, e, n) => (O2(n, "--mirror"), Zt(t2, e, n));
function Ot(t2, e, n, ...r2) {
  return p(n) ? e(n, y2(r2[0], p), m2(arguments)) : b(`git.${t2}() requires a string 'repoPath'`);
}
function Vn() {
  return {
    clone(t2, ...e) {
      return this._runTask(
        Ot("clone", Zt, y2(t2, p), ...e),
        u2(arguments)
      );
    },
    mirror(t2, ...e) {
      return this._runTask(
        Ot("mirror", Hn, y2(t2, p), ...e),
        u2(arguments)
      );
    }
  };
}
function Yn(t2, e, n = false) {
  if (!$e(t2))
    return b(
      "git.cmd must be used as a tagged template literal, for example git.cmd`status`, use git.raw to supply an array of arguments"
    );
  try {
    return g2(Ne(t2, e), n);
  } catch (r2) {
    if (r2 instanceof ke)
      return b(`git.cmd: ${r2.message}`);
    throw r2;
  }
}
var Qn = [
  new l(/^\[([^\s]+)( \([^)]+\))? ([^\]]+)/, (t2, [e, n, r2]) => {
    t2.branch = e, t2.commit = r2, t2.root = !!n;
  }),
  new l(/\s*Author:\s(.+)/i, (t2, [e]) => {
    const n = e.split("<"), r2 = n.pop();
    !r2 || !r2.includes("@") || (t2.author = {
      email: r2.substr(0, r2.length - 1),
      name: n.join("<").trim()
    });
  }),
  new l(
    /(\d+)[^,]*(?:,\s*(\d+)[^,]*)(?:,\s*(\d+))/g,
    (t2, [e, n, r2]) => {
      t2.summary.changes = parseInt(e, 10) || 0, t2.summary.insertions = parseInt(n, 10) || 0, t2.summary.deletions = parseInt(r2, 10) || 0;
    }
  ),
  new l(
    /^(\d+)[^,]*(?:,\s*(\d+)[^(]+\(([+-]))?/,
    (t2, [e, n, r2]) => {
      t2.summary.changes = parseInt(e, 10) || 0;
      const s = parseInt(n, 10) || 0;
      r2 === "-" ? t2.summary.deletions = s : r2 === "+" && (t2.summary.insertions = s);
    }
  )
];
function Xn(t2) {
  return S2({
    author: null,
    branch: "",
    commit: "",
    root: false,
    summary: {
      changes: 0,
      insertions: 0,
      deletions: 0
    }
  }, Qn, t2);
}
function Jn(t2, e, n) {
  return {
    commands: [
      "-c",
      "core.abbrev=40",
      "commit",
      ...F2(t2, "-m"),
      ...e,
      ...n
    ],
    format: "utf-8",
    parser: Xn
  };
}
function Zn() {
  return {
    commit(e, ...n) {
      const r2 = u2(arguments), s = t2(e) || Jn(
        _(e),
        _(y2(n[0], z2, [])),
        [
          ...j2(y2(n[1], V2, [])),
          ...m2(arguments, 0, true)
        ]
      );
      return this._runTask(s, r2);
    }
  };
  function t2(e) {
    return !z2(e) && b(
      "git.commit: requires the commit message to be supplied as a string/string[]"
    );
  }
}
function tr() {
  return {
    count: 0,
    garbage: 0,
    inPack: 0,
    packs: 0,
    prunePackable: 0,
    size: 0,
    sizeGarbage: 0,
    sizePack: 0
  };
}
var er = new l(
  /([a-z-]+): (\d+)$/,
  (t2, [e, n]) => {
    const r2 = Ut(e);
    Object.hasOwn(t2, r2) && (t2[r2] = d(n));
  }
);
function nr() {
  return {
    countObjects() {
      return this._runTask({
        commands: ["count-objects", "--verbose"],
        format: "utf-8",
        parser(t2) {
          return S2(tr(), [er], t2);
        }
      });
    }
  };
}
function rr() {
  return {
    firstCommit() {
      return this._runTask(
        g2(["rev-list", "--max-parents=0", "HEAD"], true),
        u2(arguments)
      );
    }
  };
}
function sr(t2, e) {
  const n = ["hash-object", t2];
  return e && n.push("-w"), g2(n, true);
}
var Z2 = class {
  constructor(e, n, r2, s) {
    this.bare = e, this.path = n, this.existing = r2, this.gitDir = s;
  }
};
var or = /^Init.+ repository in (.+)$/;
var ir = /^Rein.+ in (.+)$/;
function ar(t2, e, n) {
  const r2 = String(n).trim();
  let s;
  if (s = or.exec(r2))
    return new Z2(t2, e, false, s[1]);
  if (s = ir.exec(r2))
    return new Z2(t2, e, true, s[1]);
  let o2 = "";
  const i = r2.split(" ");
  for (; i.length; )
    if (i.shift() === "in") {
      o2 = i.join(" ");
      break;
    }
  return new Z2(t2, e, /^re/i.test(r2), o2);
}
var te2 = "--bare";
function ur(t2) {
  return t2.includes(te2);
}
function cr(t2 = false, e, n) {
  const r2 = ["init", ...n];
  return t2 && !ur(r2) && r2.splice(1, 0, te2), {
    commands: r2,
    format: "utf-8",
    parser(s) {
      return ar(r2.includes("--bare"), e, s);
    }
  };
}
function fr(t2) {
  return t2 === void 0 ? b("interpretTrailers called without input content") : {
    format: "utf-8",
    parser(e) {
      return Object.fromEntries(
        ct(e, (n) => {
          const r2 = n.indexOf(":");
          return [
            Ut(n.substring(0, r2).toLowerCase()),
            n.substring(r2 + 2).trim()
          ];
        })
      );
    },
    commands: ["interpret-trailers", "--parse"],
    input: t2
  };
}
function lr() {
  return {
    interpretTrailers(t2) {
      return this._runTask(
        fr(y2(t2, He)),
        u2(arguments)
      );
    }
  };
}
var C = /* @__PURE__ */ ((t2) => (t2.NONE = "", t2.STAT = "--stat", t2.NUM_STAT = "--numstat", t2.NAME_ONLY = "--name-only", t2.NAME_STATUS = "--name-status", t2))(C || {});
var ee2 = /^--(stat|numstat|name-only|name-status)(=|$)/;
function dt(t2) {
  for (let e = 0; e < t2.length; e++) {
    const n = ee2.exec(t2[e]);
    if (n)
      return `--${n[1]}`;
  }
  return "";
}
function hr(t2) {
  return ee2.test(t2);
}
var mr = class {
  constructor() {
    this.changed = 0, this.deletions = 0, this.insertions = 0, this.files = [];
  }
};
var Ct = [
  new l(
    /^(.+)\s+\|\s+(\d+)(\s+[+\-]+)?$/,
    (t2, [e, n, r2 = ""]) => {
      t2.files.push({
        file: e.trim(),
        changes: d(n),
        insertions: r2.replace(/[^+]/g, "").length,
        deletions: r2.replace(/[^-]/g, "").length,
        binary: false
      });
    }
  ),
  new l(
    /^(.+) \|\s+Bin ([0-9.]+) -> ([0-9.]+) ([a-z]+)/,
    (t2, [e, n, r2]) => {
      t2.files.push({
        file: e.trim(),
        before: d(n),
        after: d(r2),
        binary: true
      });
    }
  ),
  new l(/^(.+)\s+\|\s+Bin\s*$/, (t2, [e]) => {
    t2.files.push({
      file: e.trim(),
      before: 0,
      after: 0,
      binary: true
    });
  }),
  new l(
    /(\d+) files? changed\s*((?:, \d+ [^,]+){0,2})/,
    (t2, [e, n]) => {
      const r2 = /(\d+) i/.exec(n), s = /(\d+) d/.exec(n);
      t2.changed = d(e), t2.insertions = d(r2?.[1]), t2.deletions = d(s?.[1]);
    }
  )
];
var pr = [
  new l(
    /(\d+)\t(\d+)\t(.+)$/,
    (t2, [e, n, r2]) => {
      const s = d(e), o2 = d(n);
      t2.changed++, t2.insertions += s, t2.deletions += o2, t2.files.push({
        file: r2,
        changes: s + o2,
        insertions: s,
        deletions: o2,
        binary: false
      });
    }
  ),
  new l(/-\t-\t(.+)$/, (t2, [e]) => {
    t2.changed++, t2.files.push({
      file: e,
      after: 0,
      before: 0,
      binary: true
    });
  })
];
var dr = [
  new l(/(.+)$/, (t2, [e]) => {
    t2.changed++, t2.files.push({
      file: e,
      changes: 0,
      insertions: 0,
      deletions: 0,
      binary: false
    });
  })
];
var gr = [
  new l(
    /([ACDMRTUXB])([0-9]{0,3})\t(.[^\t]*)(\t(.[^\t]*))?$/,
    (t2, [e, n, r2, s, o2]) => {
      t2.changed++, t2.files.push({
        file: o2 ?? r2,
        changes: 0,
        insertions: 0,
        deletions: 0,
        binary: false,
        status: Tt($n(e) && e),
        from: Tt(!!o2 && r2 !== o2 && r2),
        similarity: d(n)
      });
    }
  )
];
var yr = {
  [C.NONE]: Ct,
  [C.STAT]: Ct,
  [C.NUM_STAT]: pr,
  [C.NAME_STATUS]: gr,
  [C.NAME_ONLY]: dr
};
function ne2(t2 = C.NONE) {
  const e = yr[t2];
  return (n) => S2(new mr(), e, n, false);
}
var re2 = "\xF2\xF2\xF2\xF2\xF2\xF2 ";
var se2 = " \xF2\xF2";
var oe2 = " \xF2 ";
var wr = ["hash", "date", "message", "refs", "author_name", "author_email"];
function br(t2, e) {
  return e.reduce(
    (n, r2, s) => (n[r2] = t2[s] || "", n),
    /* @__PURE__ */ Object.create({ diff: null })
  );
}
function ie2(t2 = oe2, e = wr, n = C.NONE) {
  const r2 = ne2(n);
  return function(s) {
    const o2 = H2(
      s.trim(),
      false,
      re2
    ).map(function(i) {
      const a = i.split(se2), c3 = br(a[0].split(t2), e);
      return a.length > 1 && a[1].trim() && (c3.diff = r2(a[1])), c3;
    });
    return {
      all: o2,
      latest: o2.length && o2[0] || null,
      total: o2.length
    };
  };
}
function Tr(t2) {
  let e = dt(t2);
  const n = ["diff"];
  return e === C.NONE && (e = C.STAT, n.push("--stat=4096")), n.push(...t2), gt(n) || {
    commands: n,
    format: "utf-8",
    parser: ne2(e)
  };
}
function gt(t2) {
  const e = t2.filter(hr);
  if (e.length > 1)
    return b(
      `Summary flags are mutually exclusive - pick one of ${e.join(",")}`
    );
  if (e.length && t2.includes("-z"))
    return b(
      `Summary flag ${e} parsing is not compatible with null termination option '-z'`
    );
}
var ae2 = /* @__PURE__ */ ((t2) => (t2[t2["--pretty"] = 0] = "--pretty", t2[t2["max-count"] = 1] = "max-count", t2[t2.maxCount = 2] = "maxCount", t2[t2.n = 3] = "n", t2[t2.file = 4] = "file", t2[t2.format = 5] = "format", t2[t2.from = 6] = "from", t2[t2.to = 7] = "to", t2[t2.splitter = 8] = "splitter", t2[t2.symmetric = 9] = "symmetric", t2[t2.mailMap = 10] = "mailMap", t2[t2.multiLine = 11] = "multiLine", t2[t2.strictDate = 12] = "strictDate", t2))(ae2 || {});
function kr(t2, e) {
  const n = [], r2 = [];
  return Object.keys(t2).forEach((s) => {
    n.push(s), r2.push(String(t2[s]));
  }), [n, r2.join(e)];
}
function _r(t2) {
  return Object.keys(t2).reduce((e, n) => (n in ae2 || (e[n] = t2[n]), e), {});
}
function ue2(t2 = {}, e = []) {
  const n = y2(t2.splitter, p, oe2), r2 = ht(t2.format) ? t2.format : {
    hash: "%H",
    date: t2.strictDate === false ? "%ai" : "%aI",
    message: "%s",
    refs: "%D",
    body: t2.multiLine ? "%B" : "%b",
    author_name: t2.mailMap !== false ? "%aN" : "%an",
    author_email: t2.mailMap !== false ? "%aE" : "%ae"
  }, [s, o2] = kr(r2, n), i = [], a = [
    `--pretty=format:${re2}${o2}${se2}`,
    ...e
  ], c3 = t2.n || t2["max-count"] || t2.maxCount;
  if (c3 && a.push(`--max-count=${c3}`), t2.from || t2.to) {
    const h = t2.symmetric !== false ? "..." : "..";
    i.push(`${t2.from || ""}${h}${t2.to || ""}`);
  }
  return p(t2.file) && a.push("--follow", c(t2.file)), Gt(_r(t2), a), {
    fields: s,
    splitter: n,
    commands: [...a, ...i]
  };
}
function vr(t2, e, n) {
  const r2 = ie2(t2, e, dt(n));
  return {
    commands: ["log", ...n],
    format: "utf-8",
    parser: r2
  };
}
function Er() {
  return {
    log(...n) {
      const r2 = u2(arguments), s = ue2(
        mt(arguments),
        j2(y2(arguments[0], V2, []))
      ), o2 = e(...n) || gt(s.commands) || t2(s);
      return this._runTask(o2, r2);
    }
  };
  function t2(n) {
    return vr(n.splitter, n.fields, n.commands);
  }
  function e(n, r2) {
    return p(n) && p(r2) && b(
      "git.log(string, string) should be replaced with git.log({ from: string, to: string })"
    );
  }
}
var tt = class {
  constructor(e, n = null, r2) {
    this.reason = e, this.file = n, this.meta = r2;
  }
  toString() {
    return `${this.file}:${this.reason}`;
  }
};
var Sr = class {
  constructor() {
    this.conflicts = [], this.merges = [], this.result = "success";
  }
  get failed() {
    return this.conflicts.length > 0;
  }
  get reason() {
    return this.result;
  }
  toString() {
    return this.conflicts.length ? `CONFLICTS: ${this.conflicts.join(", ")}` : "OK";
  }
};
var ce2 = class {
  constructor() {
    this.remoteMessages = {
      all: []
    }, this.created = [], this.deleted = [], this.files = [], this.deletions = {}, this.insertions = {}, this.summary = {
      changes: 0,
      deletions: 0,
      insertions: 0
    };
  }
};
var Rr = class {
  constructor() {
    this.remote = "", this.hash = {
      local: "",
      remote: ""
    }, this.branch = {
      local: "",
      remote: ""
    }, this.message = "";
  }
  toString() {
    return this.message;
  }
};
function et(t2) {
  return t2.objects = t2.objects || {
    compressing: 0,
    counting: 0,
    enumerating: 0,
    packReused: 0,
    reused: { count: 0, delta: 0 },
    total: { count: 0, delta: 0 }
  };
}
function At(t2) {
  const e = /^\s*(\d+)/.exec(t2), n = /delta (\d+)/i.exec(t2);
  return {
    count: d(e && e[1] || "0"),
    delta: d(n && n[1] || "0")
  };
}
var Or = [
  new N2(
    /^remote:\s*(enumerating|counting|compressing) objects: (\d+),/i,
    (t2, [e, n]) => {
      const r2 = e.toLowerCase(), s = et(t2.remoteMessages);
      Object.assign(s, { [r2]: d(n) });
    }
  ),
  new N2(
    /^remote:\s*(enumerating|counting|compressing) objects: \d+% \(\d+\/(\d+)\),/i,
    (t2, [e, n]) => {
      const r2 = e.toLowerCase(), s = et(t2.remoteMessages);
      Object.assign(s, { [r2]: d(n) });
    }
  ),
  new N2(
    /total ([^,]+), reused ([^,]+), pack-reused (\d+)/i,
    (t2, [e, n, r2]) => {
      const s = et(t2.remoteMessages);
      s.total = At(e), s.reused = At(n), s.packReused = d(r2);
    }
  )
];
var Cr = [
  new N2(/^remote:\s*(.+)$/, (t2, [e]) => (t2.remoteMessages.all.push(e.trim()), false)),
  ...Or,
  new N2(
    [/create a (?:pull|merge) request/i, /\s(https?:\/\/\S+)$/],
    (t2, [e]) => {
      t2.remoteMessages.pullRequestUrl = e;
    }
  ),
  new N2(
    [/found (\d+) vulnerabilities.+\(([^)]+)\)/i, /\s(https?:\/\/\S+)$/],
    (t2, [e, n, r2]) => {
      t2.remoteMessages.vulnerabilities = {
        count: d(e),
        summary: n,
        url: r2
      };
    }
  )
];
function fe2(t2, e) {
  return S2({ remoteMessages: new Ar() }, Cr, e);
}
var Ar = class {
  constructor() {
    this.all = [];
  }
};
var xr = /^\s*(.+?)\s+\|\s+\d+\s*(\+*)(-*)/;
var $r = /(\d+)\D+((\d+)\D+\(\+\))?(\D+(\d+)\D+\(-\))?/;
var Nr = /^(create|delete) mode \d+ (.+)/;
var Pr = [
  new l(xr, (t2, [e, n, r2]) => {
    t2.files.push(e), n && (t2.insertions[e] = n.length), r2 && (t2.deletions[e] = r2.length);
  }),
  new l($r, (t2, [e, , n, , r2]) => n !== void 0 || r2 !== void 0 ? (t2.summary.changes = +e || 0, t2.summary.insertions = +n || 0, t2.summary.deletions = +r2 || 0, true) : false),
  new l(Nr, (t2, [e, n]) => {
    O2(t2.files, n), O2(e === "create" ? t2.created : t2.deleted, n);
  })
];
var Mr = [
  new l(/^from\s(.+)$/i, (t2, [e]) => {
    t2.remote = e;
  }),
  new l(/^fatal:\s(.+)$/, (t2, [e]) => {
    t2.message = e;
  }),
  new l(
    /([a-z0-9]+)\.\.([a-z0-9]+)\s+(\S+)\s+->\s+(\S+)$/,
    (t2, [e, n, r2, s]) => {
      t2.branch.local = r2, t2.hash.local = e, t2.branch.remote = s, t2.hash.remote = n;
    }
  )
];
var Dr = (t2, e) => S2(new ce2(), Pr, [t2, e]);
var le2 = (t2, e) => Object.assign(
  new ce2(),
  Dr(t2, e),
  fe2(t2, e)
);
function Lr(t2, e) {
  const n = S2(new Rr(), Mr, [t2, e]);
  return n.message && n;
}
var jr = [
  new l(/^Auto-merging\s+(.+)$/, (t2, [e]) => {
    t2.merges.push(e);
  }),
  new l(/^CONFLICT\s+\((.+)\): Merge conflict in (.+)$/, (t2, [e, n]) => {
    t2.conflicts.push(new tt(e, n));
  }),
  new l(
    /^CONFLICT\s+\((.+\/delete)\): (.+) deleted in (.+) and/,
    (t2, [e, n, r2]) => {
      t2.conflicts.push(new tt(e, n, { deleteRef: r2 }));
    }
  ),
  new l(/^CONFLICT\s+\((.+)\):/, (t2, [e]) => {
    t2.conflicts.push(new tt(e, null));
  }),
  new l(/^Automatic merge failed;\s+(.+)$/, (t2, [e]) => {
    t2.result = e;
  })
];
var Br = (t2, e) => Object.assign(Ir(t2), le2(t2, e));
var Ir = (t2) => S2(new Sr(), jr, t2);
function xt(t2) {
  return t2.length ? {
    commands: ["merge", ...t2],
    format: "utf-8",
    parser(e, n) {
      const r2 = Br(e, n);
      if (r2.failed)
        throw new ut(r2);
      return r2;
    }
  } : b("Git.merge requires at least one option");
}
function Ur(t2, e, n) {
  const r2 = n.includes("deleted"), s = n.includes("tag") || /^refs\/tags/.test(t2), o2 = !n.includes("new");
  return {
    deleted: r2,
    tag: s,
    branch: !s,
    new: !o2,
    alreadyUpdated: o2,
    local: t2,
    remote: e
  };
}
var Fr = [
  new l(/^Pushing to (.+)$/, (t2, [e]) => {
    t2.repo = e;
  }),
  new l(/^updating local tracking ref '(.+)'/, (t2, [e]) => {
    t2.ref = {
      ...t2.ref || {},
      local: e
    };
  }),
  new l(/^[=*-]\s+([^:]+):(\S+)\s+\[(.+)]$/, (t2, [e, n, r2]) => {
    t2.pushed.push(Ur(e, n, r2));
  }),
  new l(
    /^Branch '([^']+)' set up to track remote branch '([^']+)' from '([^']+)'/,
    (t2, [e, n, r2]) => {
      t2.branch = {
        ...t2.branch || {},
        local: e,
        remote: n,
        remoteName: r2
      };
    }
  ),
  new l(
    /^([^:]+):(\S+)\s+([a-z0-9]+)\.\.([a-z0-9]+)$/,
    (t2, [e, n, r2, s]) => {
      t2.update = {
        head: {
          local: e,
          remote: n
        },
        hash: {
          from: r2,
          to: s
        }
      };
    }
  )
];
var Gr = (t2, e) => {
  const n = zr(t2, e), r2 = fe2(t2, e);
  return {
    ...n,
    ...r2
  };
};
var zr = (t2, e) => S2({ pushed: [] }, Fr, [t2, e]);
function qr(t2 = {}, e) {
  return O2(e, "--tags"), he2(t2, e);
}
function he2(t2 = {}, e) {
  const n = ["push", ...e];
  return t2.branch && n.splice(1, 0, t2.branch), t2.remote && n.splice(1, 0, t2.remote), ft(n, "-v"), O2(n, "--verbose"), O2(n, "--porcelain"), {
    commands: n,
    format: "utf-8",
    parser: Gr
  };
}
function Kr() {
  return {
    showBuffer() {
      const t2 = ["show", ...m2(arguments, 1)];
      return t2.includes("--binary") || t2.splice(1, 0, "--binary"), this._runTask(
        Kt(t2),
        u2(arguments)
      );
    },
    show() {
      const t2 = ["show", ...m2(arguments, 1)];
      return this._runTask(
        g2(t2),
        u2(arguments)
      );
    }
  };
}
var Wr = /^(.+)\0(.+)$/;
var Hr = class {
  constructor(e, n, r2) {
    if (this.path = e, this.index = n, this.working_dir = r2, n === "R" || r2 === "R") {
      const s = Wr.exec(e) || [null, e, e];
      this.from = s[2] || "", this.path = s[1] || "";
    }
  }
};
var Vr = class {
  constructor() {
    this.not_added = [], this.conflicted = [], this.created = [], this.deleted = [], this.ignored = void 0, this.modified = [], this.renamed = [], this.files = [], this.staged = [], this.ahead = 0, this.behind = 0, this.current = null, this.tracking = null, this.detached = false, this.isClean = () => !this.files.length;
  }
};
function $t(t2) {
  const [e, n] = t2.split(U2);
  return {
    from: n || e,
    to: e
  };
}
function E(t2, e, n) {
  return [`${t2}${e}`, n];
}
function nt(t2, ...e) {
  return e.map((n) => E(t2, n, (r2, s) => r2.conflicted.push(s)));
}
var Yr = new Map([
  E(
    " ",
    "A",
    (t2, e) => t2.created.push(e)
  ),
  E(
    " ",
    "D",
    (t2, e) => t2.deleted.push(e)
  ),
  E(
    " ",
    "M",
    (t2, e) => t2.modified.push(e)
  ),
  E("A", " ", (t2, e) => {
    t2.created.push(e), t2.staged.push(e);
  }),
  E("A", "M", (t2, e) => {
    t2.created.push(e), t2.staged.push(e), t2.modified.push(e);
  }),
  E("D", " ", (t2, e) => {
    t2.deleted.push(e), t2.staged.push(e);
  }),
  E("M", " ", (t2, e) => {
    t2.modified.push(e), t2.staged.push(e);
  }),
  E("M", "M", (t2, e) => {
    t2.modified.push(e), t2.staged.push(e);
  }),
  E("R", " ", (t2, e) => {
    t2.renamed.push($t(e));
  }),
  E("R", "M", (t2, e) => {
    const n = $t(e);
    t2.renamed.push(n), t2.modified.push(n.to);
  }),
  E("!", "!", (t2, e) => {
    (t2.ignored = t2.ignored || []).push(e);
  }),
  E(
    "?",
    "?",
    (t2, e) => t2.not_added.push(e)
  ),
  ...nt(
    "A",
    "A",
    "U"
    /* UNMERGED */
  ),
  ...nt(
    "D",
    "D",
    "U"
    /* UNMERGED */
  ),
  ...nt(
    "U",
    "A",
    "D",
    "U"
    /* UNMERGED */
  ),
  [
    "##",
    (t2, e) => {
      const n = /ahead (\d+)/, r2 = /behind (\d+)/, s = /^(.+?(?=(?:\.{3}|\s|$)))/, o2 = /\.{3}(\S*)/, i = /\son\s(\S+?)(?=\.{3}|$)/;
      let a = n.exec(e);
      t2.ahead = a && +a[1] || 0, a = r2.exec(e), t2.behind = a && +a[1] || 0, a = s.exec(e), t2.current = y2(a?.[1], p, null), a = o2.exec(e), t2.tracking = y2(a?.[1], p, null), a = i.exec(e), a && (t2.current = y2(a?.[1], p, t2.current)), t2.detached = /\(no branch\)/.test(e);
    }
  ]
]);
var Qr = function(t2) {
  const e = t2.split(U2), n = new Vr();
  for (let r2 = 0, s = e.length; r2 < s; ) {
    let o2 = e[r2++].trim();
    o2 && (o2.charAt(0) === "R" && (o2 += U2 + (e[r2++] || "")), Xr(n, o2));
  }
  return n;
};
function Xr(t2, e) {
  const n = e.trim();
  switch (" ") {
    case n.charAt(2):
      return r2(n.charAt(0), n.charAt(1), n.slice(3));
    case n.charAt(1):
      return r2(" ", n.charAt(0), n.slice(2));
    default:
      return;
  }
  function r2(s, o2, i) {
    const a = `${s}${o2}`, c3 = Yr.get(a);
    c3 && c3(t2, i), a !== "##" && a !== "!!" && t2.files.push(new Hr(i, s, o2));
  }
}
var Jr = ["--null", "-z"];
function Zr(t2) {
  return {
    format: "utf-8",
    commands: [
      "status",
      "--porcelain",
      "-b",
      "-u",
      "--null",
      ...t2.filter((n) => !Jr.includes(n))
    ],
    parser(n) {
      return Qr(n);
    }
  };
}
var me2 = "installed=false";
function K2(t2 = 0, e = 0, n = 0, r2 = "", s = true) {
  return Object.defineProperty(
    {
      major: t2,
      minor: e,
      patch: n,
      agent: r2,
      installed: s
    },
    "toString",
    {
      value() {
        return `${this.major}.${this.minor}.${this.patch}`;
      },
      configurable: false,
      enumerable: false
    }
  );
}
function ts() {
  return K2(0, 0, 0, "", false);
}
function es() {
  return {
    version() {
      return this._runTask({
        commands: ["--version"],
        format: "utf-8",
        parser: rs,
        onError(t2, e, n, r2) {
          if (t2.exitCode === Y2.NOT_FOUND)
            return n(Buffer.from(me2));
          r2(e);
        }
      });
    }
  };
}
var ns = [
  new l(
    /version (\d+)\.(\d+)\.(\d+)(?:\s*\((.+)\))?/,
    (t2, [e, n, r2, s = ""]) => {
      Object.assign(
        t2,
        K2(d(e), d(n), d(r2), s)
      );
    }
  ),
  new l(
    /version (\d+)\.(\d+)\.(\D+)(.+)?$/,
    (t2, [e, n, r2, s = ""]) => {
      Object.assign(t2, K2(d(e), d(n), r2, s));
    }
  )
];
function rs(t2) {
  return t2 === me2 ? ts() : S2(K2(0, 0, 0, t2), ns, t2);
}
var pe2 = class {
  constructor(e) {
    this._executor = e, this._trimmed = false;
  }
  _runTask(e, n) {
    const r2 = this._executor.chain(), s = r2.push(e);
    return n && Kn(e, s, n), Object.create(this, {
      then: { value: s.then.bind(s) },
      catch: { value: s.catch.bind(s) },
      _executor: { value: r2 }
    });
  }
  add(e) {
    return this._runTask(
      g2(["add", ..._(e)]),
      u2(arguments)
    );
  }
  cmd(e, ...n) {
    return this._runTask(Yn(e, n, this._trimmed));
  }
  cwd(e) {
    const n = u2(arguments);
    return typeof e == "string" ? this._runTask(Rt(e, this._executor), n) : typeof e?.path == "string" ? this._runTask(
      Rt(
        e.path,
        e.root && this._executor || void 0
      ),
      n
    ) : this._runTask(
      b("Git.cwd: workingDirectory must be supplied as a string"),
      n
    );
  }
  hashObject(e, n) {
    return this._runTask(
      sr(e, n === true),
      u2(arguments)
    );
  }
  init(e) {
    return this._runTask(
      cr(e === true, this._executor.cwd, m2(arguments)),
      u2(arguments)
    );
  }
  merge() {
    return this._runTask(
      xt(m2(arguments)),
      u2(arguments)
    );
  }
  mergeFromTo(e, n) {
    return p(e) && p(n) ? this._runTask(
      xt([e, n, ...m2(arguments)]),
      u2(arguments, false)
    ) : this._runTask(
      b(
        "Git.mergeFromTo requires that the 'remote' and 'branch' arguments are supplied as strings"
      )
    );
  }
  outputHandler(e) {
    return this._executor.outputHandler = e, this;
  }
  push() {
    const e = he2(
      {
        remote: y2(arguments[0], p),
        branch: y2(arguments[1], p)
      },
      m2(arguments)
    );
    return this._runTask(e, u2(arguments));
  }
  stash() {
    return this._runTask(
      g2(["stash", ...m2(arguments)]),
      u2(arguments)
    );
  }
  status() {
    return this._runTask(
      Zr(m2(arguments)),
      u2(arguments)
    );
  }
};
Object.assign(
  pe2.prototype,
  Wn(),
  Vn(),
  Zn(),
  An(),
  nr(),
  rr(),
  Ln(),
  lr(),
  Er(),
  Kr(),
  es()
);
var ss = /* @__PURE__ */ (() => {
  let t2 = 0;
  return () => {
    t2++;
    const { promise: e, done: n } = (0, import_promise_deferred.createDeferred)();
    return {
      promise: e,
      done: n,
      id: t2
    };
  };
})();
var os = class {
  constructor(e = 2) {
    this.concurrency = e, this.logger = $2("", "scheduler"), this.pending = [], this.running = [], this.logger("Constructed, concurrency=%s", e);
  }
  schedule() {
    if (!this.pending.length || this.running.length >= this.concurrency) {
      this.logger(
        "Schedule attempt ignored, pending=%s running=%s concurrency=%s",
        this.pending.length,
        this.running.length,
        this.concurrency
      );
      return;
    }
    const e = O2(this.running, this.pending.shift());
    this.logger("Attempting id=%s", e.id), e.done(() => {
      this.logger("Completing id=", e.id), ft(this.running, e), this.schedule();
    });
  }
  next() {
    const { promise: e, id: n } = O2(this.pending, ss());
    return this.logger("Scheduling id=%s", n), this.schedule(), e;
  }
};
function is(t2, e) {
  return g2(["apply", ...e, ...t2]);
}
var de2 = /* @__PURE__ */ ((t2) => (t2.CURRENT = "*", t2.LINKED = "+", t2))(de2 || {});
var as = class {
  constructor() {
    this.all = [], this.branches = {}, this.current = "", this.detached = false;
  }
  push(e, n, r2, s, o2) {
    e === "*" && (this.detached = n, this.current = r2), this.all.push(r2), this.branches[r2] = {
      current: e === "*",
      linkedWorkTree: e === "+",
      name: r2,
      commit: s,
      label: o2
    };
  }
};
var us = [
  new l(
    /^([*+]\s)?\((?:HEAD )?detached (?:from|at) (\S+)\)\s+([a-z0-9]+)\s(.*)$/,
    (t2, [e, n, r2, s]) => {
      t2.push(Nt(e), true, n, r2, s);
    }
  ),
  new l(
    /^([*+]\s)?(\S+)\s+([a-z0-9]+)\s?(.*)$/s,
    (t2, [e, n, r2, s]) => {
      t2.push(Nt(e), false, n, r2, s);
    }
  )
];
var cs = new l(/^(\S+)$/s, (t2, [e]) => {
  t2.push(de2.CURRENT, false, e, "", "");
});
function Nt(t2) {
  return t2 ? t2.charAt(0) : "";
}
function ge2(t2, e = false) {
  return S2(
    new as(),
    e ? [cs] : us,
    t2
  );
}
var fs = class {
  constructor() {
    this.all = [], this.branches = {}, this.errors = [];
  }
  get success() {
    return !this.errors.length;
  }
};
function ls(t2, e) {
  return {
    branch: t2,
    hash: e,
    success: true
  };
}
function hs(t2) {
  return {
    branch: t2,
    hash: null,
    success: false
  };
}
var ms = /(\S+)\s+\(\S+\s([^)]+)\)/;
var ye2 = /^error[^']+'([^']+)'/m;
var ps = [
  new l(ms, (t2, [e, n]) => {
    const r2 = ls(e, n);
    t2.all.push(r2), t2.branches[e] = r2;
  }),
  new l(ye2, (t2, [e]) => {
    const n = hs(e);
    t2.errors.push(n), t2.all.push(n), t2.branches[e] = n;
  })
];
var yt = (t2, e) => S2(new fs(), ps, [t2, e]);
function we2(t2, e) {
  return e === Y2.ERROR && ye2.test(t2);
}
function ds(t2) {
  const e = ["-d", "-D", "--delete"];
  return t2.some((n) => e.includes(n));
}
function gs(t2) {
  const e = ds(t2), n = t2.includes("--show-current"), r2 = ["branch", ...t2];
  return r2.length === 1 && r2.push("-a"), r2.includes("-v") || r2.splice(1, 0, "-v"), {
    format: "utf-8",
    commands: r2,
    parser(s, o2) {
      return e ? yt(s, o2).all[0] : ge2(s, n);
    }
  };
}
function ys() {
  return {
    format: "utf-8",
    commands: ["branch", "-v"],
    parser(t2) {
      return ge2(t2);
    }
  };
}
function ws(t2, e = false) {
  return {
    format: "utf-8",
    commands: ["branch", "-v", e ? "-D" : "-d", ...t2],
    parser(n, r2) {
      return yt(n, r2);
    },
    onError({ exitCode: n, stdOut: r2 }, s, o2, i) {
      if (!we2(String(s), n))
        return i(s);
      o2(r2);
    }
  };
}
function bs(t2, e = false) {
  const n = {
    format: "utf-8",
    commands: ["branch", "-v", e ? "-D" : "-d", t2],
    parser(r2, s) {
      return yt(r2, s).branches[t2];
    },
    onError({ exitCode: r2, stdErr: s, stdOut: o2 }, i, a, c3) {
      if (!we2(String(i), r2))
        return c3(i);
      throw new ut(
        n.parser(G2(o2), G2(s)),
        String(i)
      );
    }
  };
  return n;
}
function Ts(t2) {
  return {
    commands: ["check-ignore", ...t2],
    format: "utf-8",
    parser: ks
  };
}
function ks(t2) {
  return t2.split(/\n/g).map(_s).filter(Boolean);
}
function _s(t2) {
  const e = t2.trim().replace(/^["']|["']$/g, "");
  return e && Le2(e);
}
var vs = [
  new l(/From (.+)$/, (t2, [e]) => {
    t2.remote = e;
  }),
  new l(/\* \[new branch]\s+(\S+)\s*-> (.+)$/, (t2, [e, n]) => {
    t2.branches.push({
      name: e,
      tracking: n
    });
  }),
  new l(/\* \[new tag]\s+(\S+)\s*-> (.+)$/, (t2, [e, n]) => {
    t2.tags.push({
      name: e,
      tracking: n
    });
  }),
  new l(/- \[deleted]\s+\S+\s*-> (.+)$/, (t2, [e]) => {
    t2.deleted.push({
      tracking: e
    });
  }),
  new l(
    /\s*([^.]+)\.\.(\S+)\s+(\S+)\s*-> (.+)$/,
    (t2, [e, n, r2, s]) => {
      t2.updated.push({
        name: r2,
        tracking: s,
        to: n,
        from: e
      });
    }
  )
];
function Es(t2, e) {
  return S2({
    raw: t2,
    remote: null,
    branches: [],
    tags: [],
    updated: [],
    deleted: []
  }, vs, [t2, e]);
}
function Ss(t2) {
  return /^--upload-pack(=|$)/.test(t2);
}
function Rs(t2, e, n) {
  const r2 = ["fetch", ...n];
  return t2 && e && r2.push(t2, e), r2.find(Ss) ? b("git.fetch: potential exploit argument blocked.") : {
    commands: r2,
    format: "utf-8",
    parser: Es
  };
}
var Os = [
  new l(/^Renaming (.+) to (.+)$/, (t2, [e, n]) => {
    t2.moves.push({ from: e, to: n });
  })
];
function Cs(t2) {
  return S2({ moves: [] }, Os, t2);
}
function As(t2, e) {
  return {
    commands: ["mv", "-v", ..._(t2), e],
    format: "utf-8",
    parser: Cs
  };
}
function xs(t2, e, n) {
  const r2 = ["pull", ...n];
  return t2 && e && r2.splice(1, 0, t2, e), {
    commands: r2,
    format: "utf-8",
    parser(s, o2) {
      return le2(s, o2);
    },
    onError(s, o2, i, a) {
      const c3 = Lr(
        G2(s.stdOut),
        G2(s.stdErr)
      );
      if (c3)
        return a(new ut(c3));
      a(o2);
    }
  };
}
function $s(t2) {
  const e = {};
  return be2(t2, ([n]) => e[n] = { name: n }), Object.values(e);
}
function Ns(t2) {
  const e = {};
  return be2(t2, ([n, r2, s]) => {
    Object.hasOwn(e, n) || (e[n] = {
      name: n,
      refs: { fetch: "", push: "" }
    }), s && r2 && (e[n].refs[s.replace(/[^a-z]/g, "")] = r2);
  }), Object.values(e);
}
function be2(t2, e) {
  ct(t2, (n) => e(n.split(/\s+/)));
}
function Ps(t2, e, n) {
  return g2(["remote", "add", ...n, t2, e]);
}
function Ms(t2) {
  const e = ["remote"];
  return t2 && e.push("-v"), {
    commands: e,
    format: "utf-8",
    parser: t2 ? Ns : $s
  };
}
function Ds(t2) {
  const e = [...t2];
  return e[0] !== "ls-remote" && e.unshift("ls-remote"), g2(e);
}
function Ls(t2) {
  const e = [...t2];
  return e[0] !== "remote" && e.unshift("remote"), g2(e);
}
function js(t2) {
  return g2(["remote", "remove", t2]);
}
function Bs(t2 = {}, e) {
  const n = ue2(t2), r2 = ["stash", "list", ...n.commands, ...e], s = ie2(
    n.splitter,
    n.fields,
    dt(r2)
  );
  return gt(r2) || {
    commands: r2,
    format: "utf-8",
    parser: s
  };
}
function Is(t2, e) {
  return Q2(["add", t2, e]);
}
function Us(t2) {
  return Q2(["init", ...t2]);
}
function Q2(t2) {
  const e = [...t2];
  return e[0] !== "submodule" && e.unshift("submodule"), g2(e);
}
function Fs(t2) {
  return Q2(["update", ...t2]);
}
var Gs = class {
  constructor(e, n) {
    this.all = e, this.latest = n;
  }
};
var zs = function(t2, e = false) {
  const n = t2.split(`
`).map(Ks).filter(Boolean);
  e || n.sort(function(s, o2) {
    const i = s.split("."), a = o2.split(".");
    if (i.length === 1 || a.length === 1)
      return qs(I2(i[0]), I2(a[0]));
    for (let c3 = 0, h = Math.max(i.length, a.length); c3 < h; c3++) {
      const w2 = Te(I2(i[c3]), I2(a[c3]));
      if (w2)
        return w2;
    }
    return 0;
  });
  const r2 = e ? n[0] : [...n].reverse().find((s) => s.indexOf(".") >= 0);
  return new Gs(n, r2);
};
function qs(t2, e) {
  const n = Number.isNaN(t2), r2 = Number.isNaN(e);
  return n !== r2 ? n ? 1 : -1 : n ? Te(t2, e) : 0;
}
function Te(t2, e) {
  return t2 === e ? 0 : t2 > e ? 1 : -1;
}
function Ks(t2) {
  return t2.trim();
}
function I2(t2) {
  return typeof t2 == "string" && parseInt(t2.replace(/^\D+/g, ""), 10) || 0;
}
function Ws(t2 = []) {
  const e = t2.some((n) => /^--sort=/.test(n));
  return {
    format: "utf-8",
    commands: ["tag", "-l", ...t2],
    parser(n) {
      return zs(n, e);
    }
  };
}
function Hs(t2) {
  return {
    format: "utf-8",
    commands: ["tag", t2],
    parser() {
      return { name: t2 };
    }
  };
}
function Vs(t2, e) {
  return {
    format: "utf-8",
    commands: ["tag", "-a", "-m", e, t2],
    parser() {
      return { name: t2 };
    }
  };
}
function f(t2, e) {
  this._plugins = e, this._executor = new qn(
    t2.baseDir,
    new os(t2.maxConcurrentProcesses),
    e
  ), this._trimmed = t2.trimmed;
}
(f.prototype = Object.create(pe2.prototype)).constructor = f;
f.prototype.customBinary = function(t2) {
  return this._plugins.reconfigure("binary", t2), this;
};
f.prototype.env = function(t2, e) {
  return arguments.length === 1 && typeof t2 == "object" ? this._executor.env = t2 : (this._executor.env = this._executor.env || {})[t2] = e, this;
};
f.prototype.stashList = function(t2) {
  return this._runTask(
    Bs(
      mt(arguments) || {},
      V2(t2) && t2 || []
    ),
    u2(arguments)
  );
};
f.prototype.mv = function(t2, e) {
  return this._runTask(As(t2, e), u2(arguments));
};
f.prototype.checkoutLatestTag = function(t2) {
  var e = this;
  return this.pull(function() {
    e.tags(function(n, r2) {
      e.checkout(r2.latest, t2);
    });
  });
};
f.prototype.pull = function(t2, e, n, r2) {
  return this._runTask(
    xs(
      y2(t2, p),
      y2(e, p),
      m2(arguments)
    ),
    u2(arguments)
  );
};
f.prototype.fetch = function(t2, e) {
  return this._runTask(
    Rs(
      y2(t2, p),
      y2(e, p),
      m2(arguments)
    ),
    u2(arguments)
  );
};
f.prototype.tags = function(t2, e) {
  return this._runTask(
    Ws(m2(arguments)),
    u2(arguments)
  );
};
f.prototype.rebase = function() {
  return this._runTask(
    g2(["rebase", ...m2(arguments)]),
    u2(arguments)
  );
};
f.prototype.reset = function(t2) {
  return this._runTask(
    Bn(In(t2), m2(arguments)),
    u2(arguments)
  );
};
f.prototype.revert = function(t2) {
  const e = u2(arguments);
  return typeof t2 != "string" ? this._runTask(b("Commit must be a string"), e) : this._runTask(
    g2(["revert", ...m2(arguments, 0, true), t2]),
    e
  );
};
f.prototype.addTag = function(t2) {
  const e = typeof t2 == "string" ? Hs(t2) : b("Git.addTag requires a tag name");
  return this._runTask(e, u2(arguments));
};
f.prototype.addAnnotatedTag = function(t2, e) {
  return this._runTask(
    Vs(t2, e),
    u2(arguments)
  );
};
f.prototype.deleteLocalBranch = function(t2, e, n) {
  return this._runTask(
    bs(t2, typeof e == "boolean" ? e : false),
    u2(arguments)
  );
};
f.prototype.deleteLocalBranches = function(t2, e, n) {
  return this._runTask(
    ws(t2, typeof e == "boolean" ? e : false),
    u2(arguments)
  );
};
f.prototype.branch = function(t2, e) {
  return this._runTask(
    gs(m2(arguments)),
    u2(arguments)
  );
};
f.prototype.branchLocal = function(t2) {
  return this._runTask(ys(), u2(arguments));
};
f.prototype.raw = function(t2) {
  const e = !Array.isArray(t2), n = [].slice.call(e ? arguments : t2, 0);
  for (let s = 0; s < n.length && e; s++)
    if (!ot(n[s])) {
      n.splice(s, n.length - s);
      break;
    }
  n.push(...m2(arguments, 0, true));
  var r2 = u2(arguments);
  return n.length ? this._runTask(g2(n, this._trimmed), r2) : this._runTask(
    b("Raw: must supply one or more command to execute"),
    r2
  );
};
f.prototype.submoduleAdd = function(t2, e, n) {
  return this._runTask(Is(t2, e), u2(arguments));
};
f.prototype.submoduleUpdate = function(t2, e) {
  return this._runTask(
    Fs(m2(arguments, true)),
    u2(arguments)
  );
};
f.prototype.submoduleInit = function(t2, e) {
  return this._runTask(
    Us(m2(arguments, true)),
    u2(arguments)
  );
};
f.prototype.subModule = function(t2, e) {
  return this._runTask(
    Q2(m2(arguments)),
    u2(arguments)
  );
};
f.prototype.listRemote = function() {
  return this._runTask(
    Ds(m2(arguments)),
    u2(arguments)
  );
};
f.prototype.addRemote = function(t2, e, n) {
  return this._runTask(
    Ps(t2, e, m2(arguments)),
    u2(arguments)
  );
};
f.prototype.removeRemote = function(t2, e) {
  return this._runTask(js(t2), u2(arguments));
};
f.prototype.getRemotes = function(t2, e) {
  return this._runTask(Ms(t2 === true), u2(arguments));
};
f.prototype.remote = function(t2, e) {
  return this._runTask(
    Ls(m2(arguments)),
    u2(arguments)
  );
};
f.prototype.tag = function(t2, e) {
  const n = m2(arguments);
  return n[0] !== "tag" && n.unshift("tag"), this._runTask(g2(n), u2(arguments));
};
f.prototype.updateServerInfo = function(t2) {
  return this._runTask(
    g2(["update-server-info"]),
    u2(arguments)
  );
};
f.prototype.pushTags = function(t2, e) {
  const n = qr(
    { remote: y2(t2, p) },
    m2(arguments)
  );
  return this._runTask(n, u2(arguments));
};
f.prototype.rm = function(t2) {
  return this._runTask(
    g2(["rm", "-f", ..._(t2)]),
    u2(arguments)
  );
};
f.prototype.rmKeepLocal = function(t2) {
  return this._runTask(
    g2(["rm", "--cached", ..._(t2)]),
    u2(arguments)
  );
};
f.prototype.catFile = function(t2, e) {
  return this._catFile("utf-8", arguments);
};
f.prototype.binaryCatFile = function() {
  return this._catFile("buffer", arguments);
};
f.prototype._catFile = function(t2, e) {
  var n = u2(e), r2 = ["cat-file"], s = e[0];
  if (typeof s == "string")
    return this._runTask(
      b("Git.catFile: options must be supplied as an array of strings"),
      n
    );
  Array.isArray(s) && r2.push.apply(r2, s);
  const o2 = t2 === "buffer" ? Kt(r2) : g2(r2);
  return this._runTask(o2, n);
};
f.prototype.diff = function(t2, e) {
  const n = p(t2) ? b(
    "git.diff: supplying options as a single string is no longer supported, switch to an array of strings"
  ) : g2(["diff", ...m2(arguments)]);
  return this._runTask(n, u2(arguments));
};
f.prototype.diffSummary = function() {
  return this._runTask(
    Tr(m2(arguments, 1)),
    u2(arguments)
  );
};
f.prototype.applyPatch = function(t2) {
  const e = z2(t2) ? is(_(t2), m2([].slice.call(arguments, 1))) : b(
    "git.applyPatch requires one or more string patches as the first argument"
  );
  return this._runTask(e, u2(arguments));
};
f.prototype.revparse = function() {
  const t2 = ["rev-parse", ...m2(arguments, true)];
  return this._runTask(
    g2(t2, true),
    u2(arguments)
  );
};
f.prototype.clean = function(t2, e, n) {
  const r2 = yn(t2), s = r2 && t2.join("") || y2(t2, p) || "", o2 = m2([].slice.call(arguments, r2 ? 1 : 0));
  return this._runTask(
    dn(s, o2),
    u2(arguments)
  );
};
f.prototype.exec = function(t2) {
  const e = {
    commands: [],
    format: "utf-8",
    parser() {
      typeof t2 == "function" && t2();
    }
  };
  return this._runTask(e);
};
f.prototype.checkIgnore = function(t2, e) {
  return this._runTask(
    Ts(_(y2(t2, z2, []))),
    u2(arguments)
  );
};
f.prototype.checkIsRepo = function(t2, e) {
  return this._runTask(
    tn(y2(t2, p)),
    u2(arguments)
  );
};
function Ys(t2) {
  return t2 ? [{
    type: "spawn.before",
    action(r2, s) {
      t2.aborted && s.kill(new x(void 0, "abort", "Abort already signaled"));
    }
  }, {
    type: "spawn.after",
    action(r2, s) {
      function o2() {
        s.kill(new x(void 0, "abort", "Abort signal received"));
      }
      t2.addEventListener("abort", o2), s.spawned.on("close", () => t2.removeEventListener("abort", o2));
    }
  }] : void 0;
}
var Qs = $2("", "plugin:allowEnvironment");
function Xs(t2, e = false) {
  const n = new Set(t2.map((r2) => r2.toLowerCase().trim()));
  return {
    type: "spawn.options",
    action(r2, s) {
      const o2 = { ...r2.env ?? process.env }, i = new Set(
        Object.keys(s.env).map((a) => a.toLowerCase().trim())
      );
      for (const a of Object.keys(o2)) {
        const c3 = a.toLowerCase().trim();
        if (!(!Ue(c3) || n.has(c3))) {
          if (i.has(c3))
            throw new x(
              void 0,
              "allowEnvironment",
              `Use of "${a}" is blocked by the environment guard - add it to the allowEnvironment option to permit it`
            );
          Qs("removing ambient guarded environment variable %s", a), delete o2[a];
        }
      }
      return {
        ...r2,
        env: {
          ...o2,
          GIT_TEST_DISALLOW_ABBREVIATED_OPTIONS: String(!e)
        }
      };
    }
  };
}
var Js = $2("", "plugin:unsafe");
var ke2 = /* @__PURE__ */ new Set(["git_config_parameters"]);
var Pt = /* @__PURE__ */ new Set();
function Zs({
  unsafe: t2 = {},
  allowConfig: e = [],
  allowEnvironment: n = [],
  strict: r2
}) {
  const s = he(Mt(e)), o2 = new Set(Mt(n, (h) => h.toLowerCase())), i = t2.recommended === true || r2;
  function a(h) {
    return h.level !== "recommended" || i;
  }
  function c3(h) {
    return t2[h.category] === true ? true : h.configKey !== void 0 ? s(h.configKey) : h.envKey !== void 0 ? !ke2.has(h.envKey) && o2.has(h.envKey) : false;
  }
  return {
    type: "spawn.args",
    action(h, { env: w2 }) {
      const T2 = Ae(...h), k2 = Re(w2 ?? {}, process.env), R2 = /* @__PURE__ */ new Set();
      for (const v of [...T2.vulnerabilities, ...k2.vulnerabilities]) {
        if (!c3(v)) {
          if (!a(v))
            continue;
          throw new x(void 0, "unsafe", to(v));
        }
        v.configKey !== void 0 && R2.add(v.configKey);
      }
      for (const { key: v } of [...T2.config.write, ...k2.config.write])
        if (!(R2.has(v) || Le(v) || s(v))) {
          if (r2)
            throw new x(
              void 0,
              "allowConfig",
              `Configuring "${v}" is not permitted without adding it to the allowConfig option`
            );
          eo(v);
        }
      return h;
    }
  };
}
function Mt(t2, e = (n) => n) {
  return _(t2 ?? []).flatMap((n) => e(String(n ?? "").trim()) || []);
}
function to({ message: t2, configKey: e, envKey: n }) {
  return e !== void 0 ? `${t2} or adding "${e}" to the allowConfig option` : n !== void 0 && !ke2.has(n) ? `${t2} or adding "${n.toUpperCase()}" to the allowEnvironment option` : t2;
}
function eo(t2) {
  Js("config key %s is not in the allowConfig list", t2), !Pt.has(t2) && (Pt.add(t2), process.emitWarning(
    `simple-git: configuration key "${t2}" is not in the list of known-safe keys. Add it to the allowConfig option to keep using it, it will be blocked by default in the next major version.`,
    { code: "SIMPLE_GIT_UNLISTED_CONFIG" }
  ));
}
function no(t2) {
  const e = F2(t2, "-c");
  return {
    type: "spawn.args",
    action(n) {
      return [...e, ...n];
    }
  };
}
var Dt = (0, import_promise_deferred.deferred)().promise;
function ro({
  onClose: t2 = true,
  onExit: e = 50
} = {}) {
  function n() {
    let s = -1;
    const o2 = {
      close: (0, import_promise_deferred.deferred)(),
      closeTimeout: (0, import_promise_deferred.deferred)(),
      exit: (0, import_promise_deferred.deferred)(),
      exitTimeout: (0, import_promise_deferred.deferred)()
    }, i = Promise.race([
      t2 === false ? Dt : o2.closeTimeout.promise,
      e === false ? Dt : o2.exitTimeout.promise
    ]);
    return r2(t2, o2.close, o2.closeTimeout), r2(e, o2.exit, o2.exitTimeout), {
      close(a) {
        s = a, o2.close.done();
      },
      exit(a) {
        s = a, o2.exit.done();
      },
      get exitCode() {
        return s;
      },
      result: i
    };
  }
  function r2(s, o2, i) {
    s !== false && (s === true ? o2.promise : o2.promise.then(() => bt(s))).then(i.done);
  }
  return {
    type: "spawn.after",
    async action(s, { spawned: o2, close: i }) {
      const a = n();
      let c3 = true, h = () => {
        c3 = false;
      };
      o2.stdout?.on("data", h), o2.stderr?.on("data", h), o2.on("error", h), o2.on("close", (w2) => a.close(w2)), o2.on("exit", (w2) => a.exit(w2));
      try {
        await a.result, c3 && await bt(50), i(a.exitCode);
      } catch (w2) {
        i(a.exitCode, w2);
      }
    }
  };
}
var _e2 = $2("", "plugin:binary");
var so = "Invalid value supplied for custom binary, requires a single string or an array containing either one or two strings";
var oo = "Invalid value supplied for custom binary, restricted characters must be removed or supply the unsafe.allowUnsafeCustomBinary option";
var io = /^([a-z]:)?([a-z0-9/.\\_~-]+)$/i;
var ao = /^([a-z]:)?([a-z0-9._~-]+( [a-z0-9._~-]+)*)?([/\\][a-z0-9._~-]+( [a-z0-9._~-]+)*)+$/i;
function uo(t2, e) {
  return !t2 || !(io.test(t2) || e === 0 && ao.test(t2));
}
function Lt(t2, e) {
  if (t2.length < 1 || t2.length > 2)
    throw new x(void 0, "binary", so);
  if (t2.some(uo))
    if (e)
      _e2("permitted unsafe binary %o", t2);
    else
      throw new x(void 0, "binary", oo);
  const [r2, s] = t2;
  return {
    binary: r2,
    prefix: s
  };
}
function co(t2, e = ["git"], n = false) {
  let r2 = Lt(_(e), n);
  t2.on("binary", (s) => {
    r2 = Lt(_(s), n), _e2.info("reconfiguring %o", r2);
  }), t2.append("spawn.binary", () => r2.binary), t2.append("spawn.args", (s) => r2.prefix ? [r2.prefix, ...s] : s);
}
var ve2 = {
  DISALLOWED_ABBREVIATED: {
    text: "disallowed abbreviated or ambiguous option",
    solution: "Unambiguous abbreviated options blocked with unsafe.allowAbbreviatedOptions setting: {message}"
  },
  UNKNOWN: {
    text: "~ unknown ~",
    solution: void 0
  }
};
function fo(t2) {
  if (!t2)
    return "UNKNOWN";
  for (const [e, { text: n }] of Object.entries(ve2))
    if (t2.startsWith(`fatal: ${n}`))
      return e;
  return "UNKNOWN";
}
var lo = class extends A2 {
  constructor(e = "") {
    const n = fo(e);
    super(void 0, ve2[n].solution?.replace("{message}", e) ?? e), this.reason = n;
  }
};
function ho(t2) {
  return !!(t2.exitCode && t2.stdErr.length);
}
function mo(t2) {
  return Buffer.concat([...t2.stdOut, ...t2.stdErr]);
}
function po(t2 = false, e = ho, n = mo) {
  return (r2, s) => !t2 && r2 || !e(s) ? r2 : n(s);
}
function go(t2, e) {
  return t2 === 128 && e.startsWith("fatal:") ? new lo(e) : new A2(void 0, e);
}
function jt(t2) {
  return {
    type: "task.error",
    action(e, n) {
      const r2 = t2(e.error, {
        stdErr: n.stdErr,
        stdOut: n.stdOut,
        exitCode: n.exitCode
      });
      return Buffer.isBuffer(r2) ? {
        error: go(n.exitCode, r2.toString("utf-8"))
      } : {
        error: r2
      };
    }
  };
}
var rt = $2("", "plugin:input");
function yo(t2) {
  return {
    type: "spawn.after",
    action(e, { commands: n, input: r2, spawned: { stdin: s } }) {
      if (!s)
        return;
      const o2 = t2?.([...n]) ?? r2;
      if (!o2)
        return rt("generated zero length content, not writing to stdin");
      rt("writing %s bytes to stdin", Ke(o2)), s.on("error", (i) => {
        i.code !== "EPIPE" && rt("[ERROR] stdin error %o", i);
      }), s.end(o2);
    }
  };
}
var wo = class {
  constructor() {
    this.plugins = /* @__PURE__ */ new Set(), this.events = new je();
  }
  on(e, n) {
    this.events.on(e, n);
  }
  reconfigure(e, n) {
    this.events.emit(e, n);
  }
  append(e, n) {
    const r2 = O2(this.plugins, { type: e, action: n });
    return () => this.plugins.delete(r2);
  }
  add(e) {
    const n = [];
    return _(e).forEach(
      (r2) => {
        r2 && this.plugins.add(O2(n, r2));
      }
    ), () => {
      n.forEach((r2) => {
        this.plugins.delete(r2);
      });
    };
  }
  exec(e, n, r2) {
    let s = n;
    const o2 = Object.freeze(Object.create(r2));
    for (const i of this.plugins)
      i.type === e && (s = i.action(s, o2));
    return s;
  }
};
function bo(t2) {
  const e = "--progress", n = ["checkout", "clone", "fetch", "pull", "push"];
  return [{
    type: "spawn.args",
    action(o2, i) {
      return n.includes(i.method) ? qe(o2, e) : o2;
    }
  }, {
    type: "spawn.after",
    action(o2, i) {
      i.commands.includes(e) && i.spawned.stderr?.on("data", (a) => {
        const c3 = /^([\s\S]+?):\s*(\d+)% \((\d+)\/(\d+)\)/.exec(a.toString("utf8"));
        c3 && t2({
          method: i.method,
          stage: To(c3[1]),
          progress: d(c3[2]),
          processed: d(c3[3]),
          total: d(c3[4])
        });
      });
    }
  }];
}
function To(t2) {
  return String(t2.toLowerCase().split(" ", 1)) || "unknown";
}
function ko(t2) {
  const e = We(t2, ["uid", "gid"]);
  return {
    type: "spawn.options",
    action(n) {
      return { ...e, ...n };
    }
  };
}
function _o() {
  return {
    type: "spawn.args",
    action(t2) {
      const e = [];
      let n;
      function r2(s) {
        (n = n || []).push(...s);
      }
      for (let s = 0; s < t2.length; s++) {
        const o2 = t2[s];
        if (r(o2)) {
          r2(o(o2));
          continue;
        }
        if (o2 === "--") {
          r2(
            t2.slice(s + 1).flatMap((i) => r(i) && o(i) || i)
          );
          break;
        }
        e.push(o2);
      }
      return n ? [...e, "--", ...n.map(String)] : e;
    }
  };
}
function vo({
  block: t2,
  stdErr: e = true,
  stdOut: n = true
}) {
  if (t2 > 0)
    return {
      type: "spawn.after",
      action(r2, s) {
        let o2;
        function i() {
          o2 && clearTimeout(o2), o2 = setTimeout(c3, t2);
        }
        function a() {
          s.spawned.stdout?.off("data", i), s.spawned.stderr?.off("data", i), s.spawned.off("exit", a), s.spawned.off("close", a), o2 && clearTimeout(o2);
        }
        function c3() {
          a(), s.kill(new x(void 0, "timeout", "block timeout reached"));
        }
        n && s.spawned.stdout?.on("data", i), e && s.spawned.stderr?.on("data", i), s.spawned.on("exit", a), s.spawned.on("close", a), i();
      }
    };
}
var No = (t2, e) => {
  const n = new wo(), r2 = Xe(
    t2 && (typeof t2 == "string" ? { baseDir: t2 } : t2) || {},
    e
  );
  if (!It(r2.baseDir))
    throw new Be(
      r2,
      "Cannot use simple-git on a directory that does not exist"
    );
  return Array.isArray(r2.config) && n.add(no(r2.config)), n.add(
    Zs({
      unsafe: r2.unsafe,
      allowConfig: r2.allowConfig,
      allowEnvironment: r2.allowEnvironment,
      strict: r2.strict === true
    })
  ), n.add(ro(r2.completion)), r2.abort && n.add(Ys(r2.abort)), r2.progress && n.add(bo(r2.progress)), r2.timeout && n.add(vo(r2.timeout)), r2.spawnOptions && n.add(ko(r2.spawnOptions)), n.add(_o()), n.add(yo(r2.input)), n.add(jt(po(true))), r2.errors && n.add(jt(r2.errors)), co(n, r2.binary, r2.unsafe?.allowUnsafeCustomBinary), n.add(
    Xs(r2.allowEnvironment ?? [], r2.unsafe?.allowAbbreviatedOptions)
  ), new f(r2, n);
};

// src/git/command.ts
import_debug2.default.enable([import_debug2.default.disable(), "-simple-git*"].filter(Boolean).join(","));
var gitVariables = /* @__PURE__ */ new Set([
  "GIT_DIR",
  "GIT_WORK_TREE",
  "GIT_INDEX_FILE",
  "GIT_TERMINAL_PROMPT",
  "GIT_PROTOCOL",
  "GIT_AUTHOR_NAME",
  "GIT_AUTHOR_EMAIL",
  "GIT_AUTHOR_DATE",
  "GIT_COMMITTER_NAME",
  "GIT_COMMITTER_EMAIL",
  "GIT_COMMITTER_DATE",
  "GIT_CONFIG_COUNT"
]);
var ours = (name) => gitVariables.has(name) || /^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(name);
var allowConfig = [
  "remote.*.url",
  "remote.*.promisor",
  "remote.*.partialclonefilter",
  "fetch.negotiationalgorithm",
  "pack.usesparse"
];
async function runGit(args, options) {
  let outcome;
  const settings = {
    baseDir: options.cwd,
    binary: "git",
    allowConfig,
    // done when git's output is closed: simple-git's default also starts a 50 ms timer at exit, which
    // keeps the process alive that long after its last git command
    completion: { onClose: true, onExit: false },
    // always end stdin (an empty Buffer, not ''): a command that reads it must not wait for more
    input: () => options.input === void 0 ? Buffer.alloc(0) : Buffer.from(options.input),
    errors: (_error, result2) => {
      outcome = { code: result2.exitCode, stderr: result2.stdErr };
      return void 0;
    }
  };
  const env = gitEnv(options.env ?? {});
  const allowEnvironment = Object.keys(env).filter((name) => ours(name) || allowed(name));
  const git = No({ ...settings, allowEnvironment }).env(env).outputHandler((_command, stdout2) => {
    if (options.stdoutTo) stdout2.removeAllListeners("data").pipe(options.stdoutTo);
    queueMicrotask(() => stdout2.emit("data", Buffer.alloc(0)));
  });
  const stdout = await git.raw([...args]);
  const result = {
    code: outcome?.code ?? 1,
    stdout,
    stderr: Buffer.concat(outcome?.stderr ?? []).toString("utf8")
  };
  if (result.code < 0 && /spawn git ENOENT/.test(result.stderr)) throw new MissingToolError("git", "git");
  if (!(options.okCodes ?? [0]).includes(result.code)) throw new CommandError("git", args, result);
  return result;
}
function gitEnv(extra) {
  const { GIT_CONFIG_PARAMETERS: parameters, ...rest } = extra;
  const env = childEnv({ GIT_TERMINAL_PROMPT: "0", ...rest });
  const entries = parameters ? unquoteParameters(parameters) : [];
  if (entries.length === 0) return env;
  const first = Number(env.GIT_CONFIG_COUNT ?? 0);
  entries.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${first + index}`] = key;
    env[`GIT_CONFIG_VALUE_${first + index}`] = value;
  });
  env.GIT_CONFIG_COUNT = String(first + entries.length);
  return env;
}
function unquoteParameters(text) {
  const words = [];
  let word;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? "") + text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
    } else if (char === "\\") word = (word ?? "") + (text[++i] ?? "");
    else if (char === " ") {
      if (word !== void 0) words.push(word);
      word = void 0;
    } else word = (word ?? "") + char;
  }
  if (word !== void 0) words.push(word);
  return words.map((entry) => {
    const equals = entry.indexOf("=");
    return equals < 0 ? [entry, "true"] : [entry.slice(0, equals), entry.slice(equals + 1)];
  });
}

// src/git/version.ts
var MIN_GIT_VERSION = [2, 31, 0];
function parseGitVersion(output) {
  const match = /^git version (\d+)\.(\d+)(?:\.(\d+))?/.exec(output.trim());
  return match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)] : void 0;
}
function checkGitVersion(output) {
  const found = parseGitVersion(output);
  const needed = MIN_GIT_VERSION.join(".");
  if (!found)
    throw new Error(
      `could not read git's version from '${output.trim()}': patch-carrier needs git ${needed} or newer`
    );
  const order = found.map((part, i) => part - MIN_GIT_VERSION[i]).find((difference) => difference !== 0) ?? 0;
  if (order < 0) {
    throw new Error(
      `git ${found.join(".")} is too old: patch-carrier needs git ${needed} or newer (install a newer git)`
    );
  }
}
var checked;
function requireGit() {
  checked ??= (async () => {
    await requireTools(["git"]);
    checkGitVersion((await runGit(["version"], { cwd: process.cwd() })).stdout);
  })();
  checked.catch(() => checked = void 0);
  return checked;
}

// src/pipeline/fork-auth.ts
function forkAuthEnv(settings) {
  if (!settings.githubToken || !onServer(settings.remoteUrl, settings.serverUrl)) return {};
  return gitAuthEnv(settings.githubToken, settings.serverUrl);
}
function tokenWithheldNote(settings) {
  if (!settings.githubToken || !/^https?:\/\//i.test(settings.remoteUrl)) return void 0;
  if (onServer(settings.remoteUrl, settings.serverUrl)) return void 0;
  return `github-token is not sent to ${new URL(settings.remoteUrl).host}: it goes only to the GitHub server ${settings.serverUrl} (GITHUB_SERVER_URL); authenticate this remote-url with a credential helper or an ssh URL`;
}
function onServer(url, serverUrl) {
  if (!/^https?:\/\//i.test(url)) return false;
  try {
    const remote = new URL(url);
    const server = new URL(serverUrl);
    return remote.protocol === server.protocol && remote.host === server.host;
  } catch {
    return false;
  }
}

// src/pipeline/report.ts
function emptyReport(mode) {
  return {
    result: "up-to-date",
    mode,
    files: [],
    carried: [],
    dropped: [],
    pushed: [],
    plan: [],
    notes: [],
    timings: {}
  };
}
function stageTimer(report, log) {
  return async (stage, work) => {
    const started = Date.now();
    try {
      return await log.group(stage, work);
    } finally {
      report.timings[stage] = Date.now() - started;
    }
  };
}

// src/backport/check.ts
import { join as join9 } from "node:path";

// src/git/workspace.ts
import { appendFile as appendFile2, mkdir as mkdir2, rm } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/git/repo.ts
import { createWriteStream } from "node:fs";

// src/git/tree-links.ts
import { lstat, readlink } from "node:fs/promises";
import { join } from "node:path";
var TreeLinkError = class _TreeLinkError extends Error {
  constructor(link, target, why, consequence) {
    super(
      `${escaped(link)} is a symbolic link to ${printable(target)}, ${why}` + (consequence ? ` (${consequence})` : "") + ": patch-carrier follows links only within the tree; make it a file, or a link to a file in the tree"
    );
    this.link = link;
    this.target = target;
    this.why = why;
  }
  link;
  target;
  why;
  name = "TreeLinkError";
  /** The same error, saying what following the link would have done. */
  because(consequence) {
    return new _TreeLinkError(this.link, this.target, this.why, consequence);
  }
};
function diskLinks(root) {
  return {
    linkTarget: async (path) => {
      const info2 = await lstat(join(root, path)).catch(() => void 0);
      return info2?.isSymbolicLink() ? readlink(join(root, path)) : void 0;
    }
  };
}
var MAX_LINKS = 40;
async function resolveInTree(lookup2, path, onLink) {
  const pending = components(path).reverse().map((name) => ({ name }));
  const resolved = [];
  let followed = 0;
  while (pending.length > 0) {
    const part = pending.pop();
    if (part.name === "..") {
      if (resolved.length > 0) resolved.pop();
      else if (part.from)
        throw new TreeLinkError(part.from.link, part.from.target, "which leads outside the tree");
      else throw new Error(`${printable(path)} leads outside the tree`);
      continue;
    }
    const candidate = [...resolved, part.name].join("/");
    const target = await lookup2.linkTarget(candidate);
    if (target === void 0) {
      resolved.push(part.name);
      continue;
    }
    if (++followed > MAX_LINKS) throw new TreeLinkError(candidate, target, "which is part of a loop of links");
    if (target.startsWith("/"))
      throw new TreeLinkError(candidate, target, "an absolute path outside the tree");
    onLink?.(candidate);
    const from = { link: candidate, target };
    pending.push(
      ...components(target).reverse().map((name) => ({ name, from }))
    );
  }
  return resolved.join("/");
}
function components(path) {
  return path.split("/").filter((part) => part !== "" && part !== ".");
}
function escaped(text) {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c3) => `\\x${c3.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
function printable(text) {
  const shown2 = escaped(text);
  return `"${shown2.length > 200 ? `${shown2.slice(0, 200)}\u2026` : shown2}"`;
}

// src/git/repo.ts
var LINK_MODE = "120000";
var GitRepo = class _GitRepo {
  constructor(gitDir, workTree, env = {}) {
    this.gitDir = gitDir;
    this.workTree = workTree;
    this.env = env;
  }
  gitDir;
  workTree;
  env;
  /**
   * Runs `git <args>` in this repository. The repository is named through GIT_DIR/GIT_WORK_TREE: simple-git
   * refuses `--git-dir`/`--work-tree` arguments, and the two variables are named to its environment guard.
   */
  exec(args, options = {}) {
    return runGit(args, {
      cwd: this.workTree ?? this.gitDir,
      ...options,
      env: { GIT_DIR: this.gitDir, GIT_WORK_TREE: this.workTree, ...this.env, ...options.env }
    });
  }
  /** Runs git and returns stdout without the trailing newline. */
  async read(args, options = {}) {
    return (await this.exec(args, options)).stdout.replace(/\n$/, "");
  }
  /** Resolves a revision to a full sha, or undefined when it does not exist. */
  async resolve(revision) {
    const result = await this.exec(["rev-parse", "--verify", "--quiet", "--end-of-options", revision], {
      okCodes: [0, 1]
    });
    return result.code === 0 ? result.stdout.trim() : void 0;
  }
  /**
   * Contents of a file at a revision, or undefined when absent. Symbolic links of the tree are followed
   * within it, never out of it (that throws a TreeLinkError naming the link); `:<stage>` index entries
   * of a merge are read as stored.
   */
  async readFile(revision, path) {
    const where = revision.startsWith(":") ? path : await this.resolvePath(revision, path);
    const result = await this.exec(["cat-file", "blob", `${revision}:${where}`], { okCodes: [0, 128] });
    return result.code === 0 ? result.stdout : void 0;
  }
  /** Where `path` really is in the tree of `revision`: its symbolic links followed within the tree. */
  async resolvePath(revision, path, onLink) {
    const entry = await this.treeEntry(revision, path);
    if (entry && entry.mode !== LINK_MODE) return entry.path;
    return resolveInTree(
      {
        linkTarget: async (candidate) => {
          const found = await this.treeEntry(revision, candidate);
          return found?.mode === LINK_MODE ? await this.readBlob(found.sha) : void 0;
        }
      },
      path,
      onLink
    );
  }
  /** Every file (and symbolic link) of the tree of `revision`, by path: one `ls-tree -r`. */
  async listFiles(revision) {
    const files = /* @__PURE__ */ new Map();
    for (const line2 of (await this.read(["ls-tree", "-r", "-z", "--full-tree", revision])).split("\0")) {
      const match = /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(line2);
      if (match) files.set(match[3], { mode: match[1], sha: match[2], path: match[3] });
    }
    return files;
  }
  /** The links of a listing (see listFiles), as resolveInTree asks for them: one `cat-file` per link met. */
  linksOf(files) {
    return {
      linkTarget: async (path) => {
        const entry = files.get(path);
        return entry?.mode === LINK_MODE ? this.readBlob(entry.sha) : void 0;
      }
    };
  }
  /** The entry of one path in the tree of `revision` (mode, sha, path), or undefined when there is none. */
  async treeEntry(revision, path) {
    const result = await this.exec(
      ["--literal-pathspecs", "ls-tree", "-z", "--full-tree", revision, "--", path],
      {
        okCodes: [0, 128]
      }
    );
    const line2 = result.code === 0 ? result.stdout.split("\0")[0] : void 0;
    const match = line2 ? /^(\d+) \w+ ([0-9a-f]+)\t(.*)$/s.exec(line2) : null;
    return match ? { mode: match[1], sha: match[2], path: match[3] } : void 0;
  }
  /** Names in a tree directory at a revision (empty when the directory does not exist). */
  async listTree(revision, path = "") {
    const spec = path ? `${revision}:${path}` : `${revision}^{tree}`;
    const result = await this.exec(["ls-tree", "--name-only", "-z", spec], { okCodes: [0, 128] });
    return result.code === 0 ? result.stdout.split("\0").filter(Boolean) : [];
  }
  /** Bytes of every file in the tree of a revision (what writing it out takes). */
  async treeBytes(revision) {
    const listing = await this.read(["ls-tree", "-r", "-l", "-z", `${revision}^{tree}`]);
    const sizes = listing.split("\0").map((entry) => Number(/^\S+ blob \S+ +(\d+)\t/.exec(entry)?.[1] ?? 0));
    return sizes.reduce((sum, size) => sum + size, 0);
  }
  /** Writes `git archive` output for a tree-ish to a file, streamed. */
  archiveToFile(file, args) {
    return this.streamToFile(file, ["archive", ...args]);
  }
  /** The contents of a blob, by id. */
  readBlob(sha) {
    return this.read(["cat-file", "blob", sha]);
  }
  /** Writes a blob's bytes to a file, streamed. */
  blobToFile(sha, file) {
    return this.streamToFile(file, ["cat-file", "blob", sha]);
  }
  async streamToFile(file, args) {
    const out = createWriteStream(file);
    const done3 = new Promise((resolve12, reject) => {
      out.on("finish", resolve12);
      out.on("error", reject);
    });
    await this.exec(args, { stdoutTo: out });
    await done3;
  }
  /** The type of an object (`blob`, `tree`, `commit`, `tag`), or undefined when there is none. */
  async objectType(spec) {
    const result = await this.exec(["cat-file", "-t", spec], { okCodes: [0, 128] });
    return result.code === 0 ? result.stdout.trim() : void 0;
  }
  /** The absolute path of the repository's object directory. */
  objectsDir() {
    return this.read(["rev-parse", "--path-format=absolute", "--git-path", "objects"]);
  }
  /** Every entry of the tree of `revision`, directories included (`ls-tree -r -t`): type and path. */
  async listEntries(revision) {
    return (await this.read(["ls-tree", "-r", "-t", "-z", "--full-tree", revision])).split("\0").flatMap((line2) => {
      const match = /^\d+ (\w+) [0-9a-f]+\t(.*)$/s.exec(line2);
      return match ? [{ type: match[1], path: match[2] }] : [];
    });
  }
  /** A copy of this handle with more environment (identity, auth header) for its commands. */
  withEnv(env) {
    return new _GitRepo(this.gitDir, this.workTree, { ...this.env, ...env });
  }
};
function identityEnv(identity, date) {
  const env = {
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email
  };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  return env;
}

// src/git/alternates.ts
import { appendFile, mkdir } from "node:fs/promises";
import { join as join2 } from "node:path";
async function borrowObjects(gitDir, fromRepo) {
  await mkdir(join2(gitDir, "objects", "info"), { recursive: true });
  await appendFile(join2(gitDir, "objects", "info", "alternates"), `${join2(fromRepo, "objects")}
`);
}

// src/git/workspace.ts
var upstreamRef = (ref) => `refs/patch-carrier/upstream/${ref.replace(/^refs\//, "")}`;
var forkRef = (ref) => `refs/patch-carrier/fork/${ref.replace(/^refs\//, "")}`;
async function prepareWorkspace(request) {
  const repo = await initWorkRepo(request.dir);
  if (request.borrowObjectsFrom) await borrowObjects(repo.gitDir, request.borrowObjectsFrom);
  if (request.upstreamUrl && request.upstreamRefs.length > 0) {
    await repo.exec([
      "fetch",
      "--quiet",
      "--no-tags",
      "--end-of-options",
      request.upstreamUrl,
      ...request.upstreamRefs.map((ref) => `+${ref}:${upstreamRef(ref)}`)
    ]);
  }
  if (request.forkRefs.length > 0) {
    await repo.withEnv(request.forkEnv).exec([
      "fetch",
      "--quiet",
      "--no-tags",
      "--end-of-options",
      request.forkUrl,
      ...request.forkRefs.map((ref) => `+${ref}:${forkRef(ref)}`)
    ]);
  }
  return repo;
}
var privateRepoConfig = [
  ...["[gc]", "	auto = 0", "[maintenance]", "	auto = false"],
  ...["[advice]", "	detachedHead = false", "[core]", "	autocrlf = false", ""]
].join("\n");
async function initWorkRepo(dir, env = {}) {
  await rm(dir, { recursive: true, force: true });
  await mkdir2(dir, { recursive: true });
  const repo = new GitRepo(join3(dir, ".git"), dir, env);
  await repo.exec(["init", "--quiet"]);
  await appendFile2(join3(repo.gitDir, "config"), privateRepoConfig);
  return repo;
}
async function initBareRepo(dir, env = {}) {
  await rm(dir, { recursive: true, force: true });
  await mkdir2(dir, { recursive: true });
  const repo = new GitRepo(dir, void 0, env);
  await repo.exec(["init", "--bare", "--quiet"]);
  return repo;
}

// src/backport/archive-sources.ts
import { mkdir as mkdir4, rm as rm6 } from "node:fs/promises";
import { basename, join as join8 } from "node:path";

// src/archive/download.ts
import { mkdir as mkdir3, readFile, rm as rm3 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/packaging/debian/dsc.ts
function parseDsc(text) {
  const fields = /* @__PURE__ */ new Map();
  let current;
  for (const line2 of unsign(text).split("\n")) {
    if (/^\s*$/.test(line2)) {
      if (fields.size > 0) break;
      continue;
    }
    if (/^[ \t]/.test(line2)) {
      if (current !== void 0) fields.set(current, `${fields.get(current) ?? ""}
${line2.trim()}`);
      continue;
    }
    const match = /^([^\s:]+):\s*(.*)$/.exec(line2);
    if (!match?.[1]) throw new Error(`malformed .dsc line: ${line2}`);
    current = match[1];
    fields.set(current, (match[2] ?? "").trim());
  }
  const files = /* @__PURE__ */ new Map();
  const add = (field, key) => {
    for (const line2 of (fieldValue(fields, field) ?? "").split("\n")) {
      const [hash, size, name] = line2.trim().split(/\s+/);
      if (!hash || !size || !name) continue;
      const file = files.get(name) ?? { name, size: Number(size) };
      file[key] = hash;
      files.set(name, file);
    }
  };
  add("Files", "md5");
  add("Checksums-Sha256", "sha256");
  return { fields, files: [...files.values()] };
}
function fieldValue(fields, name) {
  for (const [key, value] of fields) if (key.toLowerCase() === name.toLowerCase()) return value;
  return void 0;
}
function unsign(text) {
  const lines = text.replace(/\r/g, "").split("\n");
  if (lines[0] !== "-----BEGIN PGP SIGNED MESSAGE-----") return lines.join("\n");
  const start2 = lines.indexOf("", 1) + 1;
  const end = lines.indexOf("-----BEGIN PGP SIGNATURE-----");
  return lines.slice(start2, end < 0 ? void 0 : end).map((line2) => line2.replace(/^- /, "")).join("\n");
}

// src/archive/http.ts
import { createHash } from "node:crypto";
import { rm as rm2, writeFile } from "node:fs/promises";
var ArchiveError = class extends Error {
  constructor(message, status, options) {
    super(message, options);
    this.status = status;
  }
  status;
  name = "ArchiveError";
};
var ATTEMPTS = 3;
var TIMEOUT_MS = 12e4;
async function fetchBytes(url, limit) {
  let last;
  for (let attempt2 = 1; attempt2 <= ATTEMPTS; attempt2++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS), redirect: "follow" });
      if (response.status === 404) throw new ArchiveError(`${url}: not found (404)`, 404);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const declared = Number(response.headers.get("content-length") ?? NaN);
      if (declared > limit)
        throw new ArchiveError(`${url}: ${declared} bytes, more than the ${limit} expected`);
      const body = Buffer.from(await response.arrayBuffer());
      if (body.length > limit) throw new ArchiveError(`${url}: more than the ${limit} bytes expected`);
      return body;
    } catch (error) {
      if (error instanceof ArchiveError) throw error;
      last = error;
      if (attempt2 < ATTEMPTS) await new Promise((resolve12) => setTimeout(resolve12, 200 * 2 ** attempt2));
    }
  }
  throw new ArchiveError(`${url}: download failed after ${ATTEMPTS} attempts: ${describe(last)}`);
}
async function fetchVerified(url, expected, listedIn) {
  const body = await fetchBytes(url, expected.size).catch((error) => {
    if (error instanceof ArchiveError && error.status === 404)
      throw new ArchiveError(`${error.message}, though ${listedIn} lists it (an incomplete mirror?)`, 404);
    throw error;
  });
  checkBytes(url, body, expected, listedIn);
  return body;
}
async function downloadVerified(url, path, expected, listedIn) {
  const body = await fetchVerified(url, expected, listedIn);
  try {
    await writeFile(path, body, { flag: "wx" });
  } catch (error) {
    await rm2(path, { force: true });
    throw error;
  }
}
function checkBytes(what, body, expected, listedIn) {
  const refused = "the file was altered or damaged (or the mirror is being updated): it is not used";
  if (body.length !== expected.size)
    throw new ArchiveError(
      `${what}: ${body.length} bytes, but ${listedIn} gives ${expected.size}; ${refused}`
    );
  const sha256 = createHash("sha256").update(body).digest("hex");
  if (sha256 !== expected.sha256)
    throw new ArchiveError(`${what}: sha256 ${sha256}, but ${listedIn} gives ${expected.sha256}; ${refused}`);
}
function describe(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

// src/archive/download.ts
async function downloadSource(entry, dir, only) {
  await rm3(dir, { recursive: true, force: true });
  await mkdir3(dir, { recursive: true });
  try {
    const wanted = entry.files.filter((file) => file.name.endsWith(".dsc") || !only || only(file.name));
    const listedIn = `the ${entry.suite} Sources index`;
    for (const file of wanted) {
      const url = `${entry.archive}/${entry.directory}/${file.name}`;
      await downloadVerified(url, join4(dir, file.name), file, listedIn);
    }
    const dscFile = entry.files.find((file) => file.name.endsWith(".dsc"));
    const dsc = parseDsc(await readFile(join4(dir, dscFile.name), "utf8"));
    const where = dscFile.name;
    if (fieldValue(dsc.fields, "Source") !== entry.package || fieldValue(dsc.fields, "Version") !== entry.version)
      throw new ArchiveError(
        `${where} is not ${entry.package} ${entry.version}, which the Sources index names`
      );
    const listed = new Map(entry.files.map((file) => [file.name, file]));
    const named2 = dsc.files;
    if (named2.length !== entry.files.length - 1)
      throw new ArchiveError(`${where} names other files than the Sources index lists`);
    for (const file of named2) {
      const indexed = listed.get(file.name);
      if (!indexed || indexed.sha256 !== file.sha256 || indexed.size !== file.size)
        throw new ArchiveError(`${where}: ${file.name} differs from the Sources index (sha256 or size)`);
    }
    return {
      dir,
      dsc: join4(dir, dscFile.name),
      files: wanted.map(({ name, sha256, size }) => ({ name, sha256, size }))
    };
  } catch (error) {
    await rm3(dir, { recursive: true, force: true });
    if (error instanceof ArchiveError)
      throw new ArchiveError(
        `Cannot take ${entry.package} ${entry.version} from ${entry.suite}: ${error.message}`,
        error.status,
        { cause: error }
      );
    throw error;
  }
}

// src/versions/dpkg.ts
var maxEpoch = 2 ** 31 - 1;
function split(version) {
  const colon = version.indexOf(":");
  const rest = version.slice(colon + 1);
  const hyphen = rest.lastIndexOf("-");
  return {
    epoch: colon === -1 ? void 0 : version.slice(0, colon),
    upstream: hyphen === -1 ? rest : rest.slice(0, hyphen),
    revision: hyphen === -1 ? void 0 : rest.slice(hyphen + 1)
  };
}
function problemOf(version) {
  if (version === "") return "it is empty";
  const { epoch, upstream, revision } = split(version);
  if (epoch === "") return 'the epoch before ":" is empty';
  if (epoch !== void 0 && !/^[0-9]+$/.test(epoch)) return "the epoch is not a number";
  if (Number(epoch ?? 0) > maxEpoch) return "the epoch is too big";
  if (epoch !== void 0 && upstream === "" && revision === void 0) return "nothing follows the epoch";
  if (upstream === "") return "the upstream version is empty";
  if (!/^[0-9]/.test(upstream)) return "the upstream version does not start with a digit";
  if (!/^[A-Za-z0-9.+~:-]+$/.test(upstream))
    return "the upstream version has a character other than A-Za-z0-9.+~-:";
  if (revision === "") return 'the revision after the last "-" is empty';
  if (revision !== void 0 && !/^[A-Za-z0-9.+~]+$/.test(revision))
    return "the revision has a character other than A-Za-z0-9.+~";
  return void 0;
}
function isValidDebianVersion(version) {
  return problemOf(version) === void 0;
}
function parseDebianVersion(version) {
  const problem = problemOf(version);
  if (problem !== void 0) throw new Error(`Invalid Debian version ${JSON.stringify(version)}: ${problem}`);
  const { epoch, upstream, revision } = split(version);
  return revision === void 0 ? { epoch: Number(epoch ?? 0), upstream } : { epoch: Number(epoch ?? 0), upstream, revision };
}
function upstreamVersionOf(version) {
  return parseDebianVersion(version).upstream;
}
var isDigit = (code) => code >= 48 && code <= 57;
var isLetter = (code) => code >= 65 && code <= 90 || code >= 97 && code <= 122;
function weight(text, index) {
  if (index >= text.length) return 0;
  const code = text.charCodeAt(index);
  if (isDigit(code)) return 0;
  if (isLetter(code)) return code;
  if (code === 126) return -1;
  return code + 256;
}
function compareFragment(a, b2) {
  let i = 0;
  let j3 = 0;
  while (i < a.length || j3 < b2.length) {
    while (i < a.length && !isDigit(a.charCodeAt(i)) || j3 < b2.length && !isDigit(b2.charCodeAt(j3))) {
      const difference = weight(a, i) - weight(b2, j3);
      if (difference !== 0) return difference;
      i++;
      j3++;
    }
    while (a.charCodeAt(i) === 48) i++;
    while (b2.charCodeAt(j3) === 48) j3++;
    let firstDifference = 0;
    while (i < a.length && j3 < b2.length && isDigit(a.charCodeAt(i)) && isDigit(b2.charCodeAt(j3))) {
      if (firstDifference === 0) firstDifference = a.charCodeAt(i) - b2.charCodeAt(j3);
      i++;
      j3++;
    }
    if (i < a.length && isDigit(a.charCodeAt(i))) return 1;
    if (j3 < b2.length && isDigit(b2.charCodeAt(j3))) return -1;
    if (firstDifference !== 0) return firstDifference;
  }
  return 0;
}
function compareDebianVersions(a, b2) {
  const left = parseDebianVersion(a);
  const right = parseDebianVersion(b2);
  if (left.epoch !== right.epoch) return left.epoch < right.epoch ? -1 : 1;
  return compareFragment(left.upstream, right.upstream) || compareFragment(left.revision ?? "", right.revision ?? "");
}

// src/versions/dep14.ts
function dep14Encode(version) {
  return version.replaceAll(":", "%").replaceAll("~", "_").replace(/\.(?=\.|$|lock$)/g, ".#");
}
function dep14Decode(component) {
  return component.replaceAll("%", ":").replaceAll("_", "~").replaceAll("#", "");
}
var vendorPattern = /^[a-z0-9][a-z0-9+-]*$/i;
function parseDep14Tag(tagName) {
  const slash = tagName.indexOf("/");
  const vendor = tagName.slice(0, slash);
  const encoded = tagName.slice(slash + 1);
  if (slash === -1 || !vendorPattern.test(vendor) || !/^[A-Za-z0-9.+%_#-]+$/.test(encoded)) return void 0;
  const version = dep14Decode(encoded);
  return isValidDebianVersion(version) ? { vendor, version } : void 0;
}

// src/backport/archive-refs.ts
var sourceTagName = (pkg, version) => `backport-source/${pkg}/${dep14Encode(version)}`;
var sourceRef = (pkg, version) => `refs/tags/patch-carrier/${sourceTagName(pkg, version)}`;

// src/backport/directory-commit.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join as join7 } from "node:path";

// src/git/commit-tree.ts
function commitDate(repo, commit) {
  return repo.read(["show", "-s", "--format=%cI", commit]);
}
function commitTree(repo, commit) {
  const parents = commit.parents.flatMap((parent) => ["-p", parent]);
  return repo.read(["commit-tree", commit.tree, ...parents, "-F", "-"], {
    env: identityEnv(commit.identity, commit.date),
    input: commit.message
  });
}

// src/git/trees.ts
import { lstat as lstat2, readdir, readlink as readlink2, rm as rm4 } from "node:fs/promises";
import { join as join5 } from "node:path";
function writeBlob(repo, content) {
  return repo.read(["hash-object", "-w", "--stdin"], { input: content });
}
async function writeDiskBlobs(repo, files) {
  const regular = files.filter((file) => !file.link);
  const ids = (await repo.read(["hash-object", "-w", "--no-filters", "--stdin-paths"], {
    input: regular.map((file) => `${file.absolute}
`).join("")
  })).split("\n");
  const byPath = new Map(regular.map((file, i) => [file.absolute, ids[i]]));
  const result = [];
  for (const file of files)
    result.push(file.link ? await writeBlob(repo, await readlink2(file.absolute)) : byPath.get(file.absolute));
  return result;
}
async function writeTreeOf(repo, indexFile, entries, base) {
  await rm4(indexFile, { force: true });
  const indexed = repo.withEnv({ GIT_INDEX_FILE: indexFile });
  try {
    if (base) {
      await indexed.exec(["read-tree", "--end-of-options", base.tree]);
      if (base.remove !== void 0)
        await indexed.exec(["rm", "--cached", "-r", "-q", "--ignore-unmatch", "--", base.remove]);
    }
    await indexed.exec(["update-index", "--add", "-z", "--index-info"], {
      input: entries.map((entry) => `${entry.mode} ${entry.blob}	${entry.path}\0`).join("")
    });
    return await indexed.read(["write-tree"]);
  } finally {
    await rm4(indexFile, { force: true });
  }
}
function treeOf(repo, commit) {
  return repo.read(["rev-parse", "--verify", "--end-of-options", `${commit}^{tree}`]);
}
async function treePaths(repo, revision) {
  const listing = await repo.read(["ls-tree", "-r", "-z", "--name-only", "--end-of-options", revision]);
  return listing.split("\0").filter(Boolean);
}
async function writeDirectoryTree(repo, dir, indexFile, what, base) {
  const entries = await walk(dir, "", what);
  const blobs = await writeDiskBlobs(
    repo,
    entries.map((entry) => ({ absolute: entry.absolute, link: entry.mode === "120000" }))
  );
  return writeTreeOf(
    repo,
    indexFile,
    entries.map((entry, i) => ({ mode: entry.mode, blob: blobs[i], path: entry.path })),
    base && { tree: base.tree, remove: base.replace }
  );
}
async function walk(root, prefix, what) {
  const found = [];
  for (const name of (await readdir(join5(root, prefix))).sort()) {
    const path = prefix ? `${prefix}/${name}` : name;
    if (/[\n\0]/.test(path) || name === ".git")
      throw new Error(`${what} holds a name git cannot store: ${JSON.stringify(path)}`);
    const absolute = join5(root, path);
    const info2 = await lstat2(absolute);
    if (info2.isDirectory()) found.push(...await walk(root, path, what));
    else if (info2.isSymbolicLink()) found.push({ mode: "120000", path, absolute });
    else if (info2.isFile()) found.push({ mode: info2.mode & 73 ? "100755" : "100644", path, absolute });
  }
  return found;
}

// src/packaging/debian/changelog.ts
var FILE = "debian/changelog";
var HEADER = /^(\w[-+0-9a-z.]*) \(([^() \t]+)\)((?:\s+[-+0-9a-z.]+)+)\s*;(.*)$/i;
var TRAILER = /^ -- (.*? <[^<>]*>) +(\S.*)$/;
var WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function parseChangelog(text) {
  const lines = text.split("\n").map((line2) => line2.replace(/\r$/, ""));
  const entries = [];
  let index = 0;
  for (; ; ) {
    while (index < lines.length && lines[index]?.trim() === "") index++;
    if (index >= lines.length) break;
    const headerLine = lines[index] ?? "";
    const header = HEADER.exec(headerLine);
    if (!header) {
      if (entries.length > 0) break;
      throw new Error(
        `${FILE}: line ${index + 1} is not an entry header ("package (version) distribution; urgency=\u2026"): ${headerLine}`
      );
    }
    const start2 = index;
    const body = [];
    let trailer2 = null;
    for (index++; index < lines.length; index++) {
      const line2 = lines[index] ?? "";
      trailer2 = TRAILER.exec(line2);
      if (trailer2 || HEADER.test(line2)) break;
      body.push(line2);
    }
    if (!trailer2) {
      if (entries.length > 0) break;
      throw new Error(
        `${FILE}: the entry at line ${start2 + 1} (${headerLine}) has no trailer line (" -- Name <email>  date")`
      );
    }
    index++;
    const metadata = parseMetadata(header[4] ?? "");
    entries.push({
      source: header[1] ?? "",
      version: header[2] ?? "",
      distributions: (header[3] ?? "").trim().split(/\s+/),
      urgency: metadata.urgency,
      metadata,
      changes: trimBlankLines(body).join("\n"),
      maintainer: trailer2[1] ?? "",
      date: (trailer2[2] ?? "").trimEnd(),
      line: start2 + 1
    });
  }
  if (entries.length === 0) throw new Error(`${FILE} holds no entry`);
  return entries;
}
function parseMetadata(text) {
  const metadata = {};
  for (const item of text.split(",")) {
    const match = /^\s*([-a-z0-9]+)\s*=(.*)$/i.exec(item);
    if (match?.[1]) metadata[match[1].toLowerCase()] = (match[2] ?? "").trim();
  }
  return metadata;
}
function trimBlankLines(lines) {
  let start2 = 0;
  let end = lines.length;
  while (start2 < end && lines[start2]?.trim() === "") start2++;
  while (end > start2 && lines[end - 1]?.trim() === "") end--;
  return lines.slice(start2, end);
}
function parseChangelogDate(date) {
  const match = /^(?:\w{3},\s*)?(\d{1,2})\s+(\w{3})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+([-+])(\d{2})(\d{2})$/.exec(
    date.trim()
  );
  if (!match) return void 0;
  const [, day, month, year, hours, minutes, seconds2, sign, offsetHours, offsetMinutes] = match;
  const monthIndex = MONTHS.indexOf(month ?? "");
  if (monthIndex < 0) return void 0;
  const local = Date.UTC(
    Number(year),
    monthIndex,
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds2)
  );
  const offset = (Number(offsetHours) * 60 + Number(offsetMinutes)) * 6e4 * (sign === "-" ? -1 : 1);
  return new Date(local - offset);
}
function formatChangelogDate(date) {
  if (Number.isNaN(date.getTime())) throw new Error("changelog entry date is not a valid date");
  const two = (n) => String(n).padStart(2, "0");
  return `${WEEKDAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}
function formatChangelogEntry(entry) {
  const urgency = entry.urgency ?? "medium";
  if (!/^[a-z0-9][a-z0-9+.-]*$/.test(entry.source))
    throw new Error(`invalid source package name for debian/changelog: "${entry.source}"`);
  if (!/^[0-9A-Za-z.+~:-]+$/.test(entry.version))
    throw new Error(`invalid version for debian/changelog: "${entry.version}"`);
  if (!/^[-+0-9a-z.]+$/i.test(entry.distribution))
    throw new Error(`invalid distribution for debian/changelog: "${entry.distribution}"`);
  if (!/^[-a-z0-9]+$/i.test(urgency)) throw new Error(`invalid urgency for debian/changelog: "${urgency}"`);
  if (!/^[^\s<>][^\n<>]* <[^\s<>]+>$/.test(entry.maintainer))
    throw new Error(
      `invalid maintainer for debian/changelog (expected "Name <email>"): "${entry.maintainer}"`
    );
  const items = entry.changes.map((item) => item.trim()).filter(Boolean);
  if (items.length === 0) throw new Error("a debian/changelog entry needs at least one change line");
  const bullets = items.map(
    (item) => item.split("\n").map((line2, i) => i === 0 ? `  * ${line2.trim()}` : line2.trim() ? `    ${line2.trim()}` : "").join("\n")
  );
  return `${entry.source} (${entry.version}) ${entry.distribution}; urgency=${urgency}

${bullets.join("\n")}

 -- ${entry.maintainer}  ${formatChangelogDate(entry.date)}
`;
}
function prependChangelogEntry(text, entry) {
  const rest = text.replace(/^\s*\n/, "");
  return rest ? `${formatChangelogEntry(entry)}
${rest}` : formatChangelogEntry(entry);
}
function maintainerIdentity(maintainer) {
  const parts = /^(.*?)\s*<([^<>]*)>$/.exec(maintainer);
  return { name: parts?.[1] || maintainer, email: parts?.[2] ?? "" };
}

// src/packaging/debian/temp.ts
import { mkdtemp, rm as rm5 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join6 } from "node:path";
async function withTempDir(prefix, use, parent = tmpdir()) {
  const dir = await mkdtemp(join6(parent, `patch-carrier-${prefix}-`));
  try {
    return await use(dir);
  } finally {
    await rm5(dir, { recursive: true, force: true });
  }
}

// src/backport/directory-commit.ts
async function commitDirectory(repo, dir, message) {
  const tree = await withTempDir(
    "backport-tree",
    (tmp) => writeDirectoryTree(repo, dir, join7(tmp, "index"), "the packaging")
  );
  const top = parseChangelog(await readFile2(join7(dir, "debian/changelog"), "utf8"))[0];
  return commitTree(repo, {
    tree,
    parents: [],
    message,
    identity: maintainerIdentity(top.maintainer),
    date: top.date
  });
}

// src/backport/archive-sources.ts
var DEBIAN_TARBALL = /\.debian\.tar\.(?:xz|gz|bz2|lzma)$/;
async function materialiseSources(repo, discovery, workDir) {
  const archive2 = discovery.archive;
  if (!archive2) return [];
  const made = [];
  for (const source of [discovery.start, ...discovery.pending]) {
    if (source.commit) continue;
    const entry = archive2.entries.get(source.version);
    const dir = join8(workDir, "archive-sources", dep14Encode(source.version));
    const downloaded = await downloadSource(entry, join8(dir, "download"), (name) => DEBIAN_TARBALL.test(name));
    const tarball = downloaded.files.find((file) => DEBIAN_TARBALL.test(file.name));
    if (!tarball)
      throw new Error(
        `${archive2.pkg} ${source.version} has no debian tarball: only 3.0 (quilt) packages can be backported`
      );
    const tree = join8(dir, "tree");
    await mkdir4(tree, { recursive: true });
    await run("tar", [
      "-x",
      "--no-same-owner",
      "--no-same-permissions",
      "-f",
      join8(downloaded.dir, tarball.name),
      "-C",
      tree,
      "--",
      "debian"
    ]);
    source.commit = await commitDirectory(
      repo,
      tree,
      `${archive2.pkg} ${source.version}: debian/ of ${basename(downloaded.dsc)} from ${entry.archive} ${entry.suite}

${tarball.name} sha256 ${tarball.sha256}
`
    );
    made.push({ ref: sourceRef(archive2.pkg, source.version), sha: source.commit });
    await rm6(dir, { recursive: true, force: true });
  }
  return made;
}

// src/packaging/debian/series.ts
function parseSeries(text) {
  return parseLines(text).flatMap((line2) => line2.entry ? [line2.entry] : []);
}
function patchKey(name) {
  return name.split("/").filter((part) => part !== "" && part !== ".").join("/");
}
function dedupeSeries(text) {
  const firsts = /* @__PURE__ */ new Map();
  const repeats = [];
  const kept = parseLines(text).filter((line2) => {
    if (!line2.entry) return true;
    const first = firsts.get(patchKey(line2.entry.name));
    if (first) repeats.push({ entry: line2.entry, first });
    else firsts.set(patchKey(line2.entry.name), line2.entry);
    return !first;
  });
  if (repeats.length === 0) return { text, repeats };
  return { text: kept.map((line2) => `${line2.text}
`).join(""), repeats };
}
function patchLevel(entry) {
  for (let i = 0; i < entry.options.length; i++) {
    const option = entry.options[i] ?? "";
    const joined = /^-p(\d+)$/.exec(option);
    if (joined) return Number(joined[1]);
    if (option === "-p" && /^\d+$/.test(entry.options[i + 1] ?? "")) return Number(entry.options[i + 1]);
  }
  return 1;
}
function parseLines(text) {
  const raw = text.split("\n").map((line2) => line2.replace(/\r$/, ""));
  if (raw[raw.length - 1] === "") raw.pop();
  return raw.map((text2, index) => {
    const trimmed = text2.trim();
    const hash = trimmed.search(/(?:^|\s)#/);
    const content = (hash < 0 ? trimmed : trimmed.slice(0, hash)).trim();
    if (!content) return { text: text2 };
    const [name = "", ...options] = content.split(/\s+/);
    return { text: text2, entry: { name, options, line: index + 1 } };
  });
}
function mergeSeries(base, ours2, theirs) {
  const baseEntries = new Map(parseSeries(base).map((entry) => [patchKey(entry.name), entry]));
  const theirLines = parseLines(theirs);
  const theirEntries = new Map(
    theirLines.flatMap((line2) => line2.entry ? [[patchKey(line2.entry.name), line2.entry]] : [])
  );
  const result = [];
  const seen = /* @__PURE__ */ new Set();
  for (const line2 of parseLines(ours2)) {
    const entry = line2.entry;
    if (!entry) {
      result.push(line2.text);
      continue;
    }
    const key = patchKey(entry.name);
    if (seen.has(key)) continue;
    const inBase = baseEntries.get(key);
    const inTheirs = theirEntries.get(key);
    if (inBase && !inTheirs) continue;
    seen.add(key);
    const theirsChangedOptions = inBase && inTheirs && sameOptions(inBase, entry) && !sameOptions(inBase, inTheirs);
    result.push(theirsChangedOptions ? [entry.name, ...inTheirs.options].join(" ") : line2.text);
  }
  while (result.length > 0 && result[result.length - 1]?.trim() === "") result.pop();
  const baseText = new Set(base.split("\n").map((line2) => line2.trim()));
  theirLines.forEach((line2, index) => {
    const entry = line2.entry;
    const key = entry && patchKey(entry.name);
    if (!entry || !key || baseEntries.has(key) || seen.has(key)) return;
    seen.add(key);
    result.push(
      ...commentsAbove(theirLines, index).filter((comment) => !baseText.has(comment.trim())),
      line2.text
    );
  });
  return { text: result.length > 0 ? `${result.join("\n")}
` : "" };
}
function sameOptions(a, b2) {
  return a.options.join(" ") === b2.options.join(" ");
}
function commentsAbove(lines, index) {
  let start2 = index;
  while (start2 > 0 && /^\s*#/.test(lines[start2 - 1]?.text ?? "")) start2--;
  return lines.slice(start2, index).map((line2) => line2.text);
}

// src/backport/dep3.ts
function splitPatch(text) {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line2 = lines[i];
    const startsDiff = line2.startsWith("diff ") || line2.startsWith("Index: ") || line2.startsWith("--- ") && (lines[i + 1] ?? "").startsWith("+++ ");
    if (startsDiff) return { header: lines.slice(0, i).join("\n"), diff: lines.slice(i).join("\n") };
  }
  return { header: text, diff: "" };
}
function cveIds(text) {
  return [...new Set(text.match(/\bCVE-\d{4}-\d{4,}\b/g) ?? [])];
}
var FIELD = /^[A-Za-z][A-Za-z0-9-]*:/;
function withBackportNote(header, note) {
  const lines = header === "" ? [] : header.split("\n");
  const field = `Backported-by: ${note}`;
  const first = lines.findIndex((line2) => FIELD.test(line2));
  if (first < 0) return [field, ...lines].join("\n");
  let end = first + 1;
  while (end < lines.length && (FIELD.test(lines[end]) || /^[ \t]\S/.test(lines[end]))) end++;
  return [...lines.slice(0, end), field, ...lines.slice(end)].join("\n");
}
function rebuildPatch(original, diff, note) {
  const header = withBackportNote(splitPatch(original).header.replace(/\n+$/, ""), note);
  return `${header}
${header.endsWith("---") ? "" : "---\n"}${diff}`;
}

// src/backport/source-patches.ts
async function versionPatches(read, previous, next) {
  const series = parseSeries(await read(next, "debian/patches/series") ?? "");
  const entries = await changelogSince(read, previous, next);
  const patches = [];
  const notes = [];
  for (const entry of series) {
    if (entry.name.split("/").some((part) => part === ".." || part === "") || entry.name.startsWith("/")) {
      notes.push(`series entry "${entry.name}" leaves debian/patches/: passed over`);
      continue;
    }
    const text = await read(next, `debian/patches/${entry.name}`);
    if (text === void 0) {
      notes.push(`debian/patches/${entry.name} is in the series but does not exist: passed over`);
      continue;
    }
    const before = await read(previous, `debian/patches/${entry.name}`);
    if (before === text) continue;
    const named2 = entries.filter((line2) => line2.includes(entry.name.split("/").pop()));
    patches.push({
      name: entry.name,
      line: [entry.name, ...entry.options].join(" "),
      level: patchLevel(entry),
      text,
      change: before === void 0 ? "added" : "changed",
      cves: [.../* @__PURE__ */ new Set([...cveIds(splitPatch(text).header), ...cveIds(named2.join("\n"))])]
    });
  }
  const cves = [.../* @__PURE__ */ new Set([...patches.flatMap((patch) => patch.cves), ...cveIds(entries.join("\n"))])];
  return { series, patches, cves, notes };
}
async function changelogSince(read, previous, next) {
  const parse = async (revision) => {
    const text = await read(revision, "debian/changelog");
    try {
      return text === void 0 ? [] : parseChangelog(text);
    } catch {
      return [];
    }
  };
  const known = new Set((await parse(previous)).map((entry) => entry.version));
  const fresh = (await parse(next)).filter((entry) => !known.has(entry.version));
  return fresh.flatMap((entry) => entry.changes.split(/\n(?=\s*[*-] )/));
}

// src/backport/check.ts
async function checkBackport(settings, discovery, report, time, forkEnv) {
  const tags = [discovery.start, ...discovery.pending];
  const archive2 = discovery.archive !== void 0;
  const repo = await time("Fetch", async () => {
    const repo2 = await prepareWorkspace({
      dir: join9(settings.workDir, "repo"),
      forkUrl: settings.remoteUrl,
      forkEnv,
      // an archive version an earlier run kept is on the fork; the others are downloaded
      forkRefs: archive2 ? tags.filter((tag) => tag.commit).map((tag) => `refs/tags/patch-carrier/${tag.tag}`) : [],
      upstreamUrl: settings.upstreamUrl,
      upstreamRefs: archive2 ? [] : [...new Set(tags.map((tag) => `refs/tags/${tag.tag}`))]
    });
    await materialiseSources(repo2, discovery, settings.workDir);
    return repo2;
  });
  const versions = [];
  for (let i = 1; i < tags.length; i++) {
    const [previous, next] = [tags[i - 1], tags[i]];
    const found = await versionPatches(
      (revision, path) => repo.readFile(revision, path),
      previous.commit,
      next.commit
    );
    versions.push({
      version: next.version,
      tag: next.tag,
      previous: { version: previous.version, tag: previous.tag },
      verdicts: [],
      cves: found.cves
    });
    report.notes.push(
      `${next.version} would bring ${found.patches.map((patch) => `${patch.name} (${patch.change}${patch.cves.length > 0 ? `, ${patch.cves.join(", ")}` : ""})`).join(", ") || "no new patch"}`,
      ...found.notes.map((note) => `${next.version}: ${note}`)
    );
  }
  report.backport.versions = versions;
  report.result = "update-available";
  return report;
}

// src/archive/discover.ts
import { createHash as createHash2 } from "node:crypto";

// src/archive/deb822.ts
function parseParagraphs(text) {
  const paragraphs = [];
  let current;
  let field;
  for (const raw of text.split("\n")) {
    const line2 = raw.replace(/\r$/, "");
    if (line2.trim() === "") {
      current = void 0;
      field = void 0;
      continue;
    }
    if (/^[ \t]/.test(line2)) {
      if (current && field !== void 0) current.set(field, `${current.get(field) ?? ""}
${line2.trim()}`);
      continue;
    }
    const match = /^([^\s:]+):[ \t]*(.*)$/.exec(line2);
    if (!match) continue;
    if (!current) paragraphs.push(current = /* @__PURE__ */ new Map());
    field = match[1].toLowerCase();
    current.set(field, match[2].trim());
  }
  return paragraphs;
}
function checksumLines(value, what) {
  const lines = [];
  for (const line2 of (value ?? "").split("\n")) {
    if (line2.trim() === "") continue;
    const match = /^([0-9a-f]{64})\s+(\d+)\s+(\S+)$/.exec(line2.trim());
    if (!match) throw new Error(`${what}: malformed checksum line ${JSON.stringify(line2.slice(0, 120))}`);
    lines.push({ sha256: match[1], size: Number(match[2]), name: match[3] });
  }
  return lines;
}

// src/pipeline/discover.ts
import { join as join11 } from "node:path";

// src/git/remote.ts
async function listRemote(url, env = {}) {
  const { stdout } = await runGit(["ls-remote", "--symref", "--end-of-options", url], {
    cwd: process.cwd(),
    env
  });
  return parseLsRemote(stdout);
}
function parseLsRemote(output) {
  const refs = /* @__PURE__ */ new Map();
  const peeled = /* @__PURE__ */ new Map();
  let headBranch;
  for (const line2 of output.split("\n")) {
    const symref = /^ref: refs\/heads\/(.+)\tHEAD$/.exec(line2);
    if (symref) {
      headBranch = symref[1];
      continue;
    }
    const tab = line2.indexOf("	");
    if (tab < 0) continue;
    const sha = line2.slice(0, tab);
    const name = line2.slice(tab + 1);
    if (name.endsWith("^{}")) peeled.set(name.slice(0, -3), sha);
    else refs.set(name, sha);
  }
  const tagCommits = /* @__PURE__ */ new Map();
  for (const [name, sha] of refs) {
    if (name.startsWith("refs/tags/"))
      tagCommits.set(name.slice("refs/tags/".length), peeled.get(name) ?? sha);
  }
  return { headBranch, refs, tagCommits };
}

// src/git/history.ts
import { access as access2, mkdir as mkdir5 } from "node:fs/promises";
import { join as join10 } from "node:path";

// src/git/stale-lock.ts
import { rm as rm7 } from "node:fs/promises";
var staleLock = /Unable to create '[^']*\.lock': File exists/;
async function retryAfterStaleLock(dir, work) {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof Error) || !staleLock.test(error.message)) throw error;
    await rm7(dir, { recursive: true, force: true });
    return work();
  }
}

// src/git/history.ts
var probeRef = "refs/patch-carrier/probe";
async function readBranchHistory(probeDir, url, branch, enough, env = {}, limits = {}) {
  await mkdir5(probeDir, { recursive: true });
  const repo = new GitRepo(probeDir, void 0, env);
  await repo.exec(["init", "--bare", "--quiet"]);
  const refspec = `+refs/heads/${branch}:${probeRef}`;
  const fetch2 = (extra) => repo.exec([
    "fetch",
    "--quiet",
    "--no-tags",
    "--filter=tree:0",
    ...extra,
    "--end-of-options",
    url,
    refspec
  ]);
  let depth = limits.startDepth ?? 64;
  if (!limits.resume) await fetch2([`--depth=${depth}`]);
  for (; ; ) {
    const commits2 = await revList(repo);
    const shallow = await isShallow(probeDir);
    if (enough(commits2) || !shallow) return { commits: commits2, complete: !shallow, depth };
    if (limits.giveUpPast !== void 0 && depth >= limits.giveUpPast)
      return { commits: commits2, complete: false, depth };
    if (depth >= 4096) break;
    await fetch2([`--deepen=${7 * depth}`]);
    depth *= 8;
  }
  await fetch2(["--unshallow"]);
  const commits = await revList(repo);
  return { commits, complete: true, depth: commits.length };
}
async function readBranchHistoryRetrying(probe, enough, limits = {}, failure3 = Error) {
  try {
    return await retryAfterStaleLock(
      probe.dir,
      () => readBranchHistory(probe.dir, probe.url, probe.branch, enough, probe.env, limits)
    );
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new failure3(`Cannot read the history of branch '${probe.branch}' from remote-url: ${detail}`, {
      cause: error
    });
  }
}
var isShallow = (gitDir) => access2(join10(gitDir, "shallow")).then(
  () => true,
  () => false
);
async function revList(repo) {
  return (await repo.read(["rev-list", "--topo-order", probeRef])).split("\n").filter(Boolean);
}

// src/git/ls-refs.ts
import { spawn as spawn2 } from "node:child_process";

// src/git/pkt-line.ts
function pktLine(text) {
  const payload = Buffer.from(text, "utf8");
  return Buffer.concat([Buffer.from((payload.length + 4).toString(16).padStart(4, "0")), payload]);
}
var FLUSH = Buffer.from("0000");
var DELIM = Buffer.from("0001");
var PacketReader = class {
  buffer = Buffer.alloc(0);
  wake;
  ended = false;
  failure;
  constructor(stream) {
    stream.on("data", (chunk) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.notify();
    });
    stream.on("end", () => {
      this.ended = true;
      this.notify();
    });
    stream.on("error", (error) => {
      this.failure = error;
      this.notify();
    });
  }
  /** A line up to `\n` (without it), or undefined at the end of the stream. */
  async line() {
    for (; ; ) {
      const newline = this.buffer.indexOf(10);
      if (newline >= 0)
        return this.take(newline + 1).toString("utf8").slice(0, -1);
      if (!await this.more()) return void 0;
    }
  }
  /** The next packet, or undefined at the end of the stream. */
  async next() {
    const header = await this.exactly(4);
    if (!header) return void 0;
    const length = Number.parseInt(header.toString("latin1"), 16);
    if (!/^[0-9a-f]{4}$/i.test(header.toString("latin1"))) throw new Error("bad pkt-line header");
    if (length === 0) return "flush";
    if (length === 1) return "delim";
    if (length === 2) return "response-end";
    if (length < 4) throw new Error("bad pkt-line length");
    const payload = await this.exactly(length - 4);
    if (!payload) throw new Error("the stream ended inside a pkt-line");
    return payload;
  }
  async exactly(count) {
    while (this.buffer.length < count) if (!await this.more()) return void 0;
    return this.take(count);
  }
  take(count) {
    const taken = this.buffer.subarray(0, count);
    this.buffer = this.buffer.subarray(count);
    return taken;
  }
  /** Waits for more data; false when the stream has ended. */
  async more() {
    if (this.failure) throw this.failure;
    if (this.ended) return false;
    await new Promise((resolve12) => this.wake = resolve12);
    if (this.failure) throw this.failure;
    return !this.ended || this.buffer.length > 0;
  }
  notify() {
    const wake = this.wake;
    this.wake = void 0;
    wake?.();
  }
};

// src/git/ls-refs.ts
async function openRefSession(url, env = {}) {
  return await openV2(url, env) ?? fallbackSession(url, env);
}
async function listRefs(url, query, env = {}) {
  const session = await openRefSession(url, env);
  try {
    return await session.list(query);
  } finally {
    await session.close();
  }
}
function fallbackSession(url, env) {
  let all;
  return {
    async list(query) {
      all ??= listRemote(url, env);
      return onlyPrefixes(await all, query.prefixes);
    },
    close: async () => void 0
  };
}
function onlyPrefixes(listing, prefixes) {
  if (prefixes.length === 0) return listing;
  const wanted = (name) => prefixes.some((prefix) => name.startsWith(prefix));
  const refs = new Map([...listing.refs].filter(([name]) => wanted(name)));
  const tagCommits = new Map([...listing.tagCommits].filter(([name]) => wanted(`refs/tags/${name}`)));
  return { headBranch: wanted("HEAD") ? listing.headBranch : void 0, refs, tagCommits };
}
async function openV2(url, env) {
  const helper = startHelper(url, env);
  if (!helper) return void 0;
  const capabilities = await handshake(helper);
  if (!capabilities) return void 0;
  const objectFormat = capabilities.find((line2) => line2.startsWith("object-format="));
  return {
    list: (query) => listOver(helper, query, objectFormat),
    close: () => helper.quit()
  };
}
function startHelper(url, env) {
  const scheme = /^(https?):\/\//i.exec(url)?.[1]?.toLowerCase();
  const path = /^file:\/\/(\/[^%]*)$/.exec(url)?.[1];
  if (!scheme && !path) return void 0;
  const args = scheme ? ["-c", "protocol.version=2", `remote-${scheme}`, url, url] : ["upload-pack", "--timeout=600", path];
  const child = spawn2("git", args, {
    env: childEnv({ GIT_TERMINAL_PROMPT: "0", ...env, GIT_PROTOCOL: "version=2" }),
    stdio: "pipe"
  });
  const stderr = [];
  child.stderr.on("data", (chunk) => stderr.push(chunk));
  child.stdin.on("error", () => void 0);
  const exited = new Promise((resolve12) => {
    child.on("close", (code) => resolve12(code ?? 1));
    child.on("error", () => resolve12(127));
  });
  const quit = async () => {
    child.stdin.end();
    await exited;
  };
  const failed2 = async (what) => {
    await quit();
    const detail = Buffer.concat(stderr).toString("utf8").trim();
    return new Error(`git ls-refs ${what} (exit ${await exited})${detail ? `:
${detail}` : ""}`);
  };
  return { scheme, stdin: child.stdin, reader: new PacketReader(child.stdout), failed: failed2, quit };
}
async function handshake(helper) {
  const { reader } = helper;
  if (helper.scheme) {
    helper.stdin.write("stateless-connect git-upload-pack\n");
    const answer = await reader.line();
    if (answer === "fallback") {
      await helper.quit();
      return void 0;
    }
    if (answer !== "") throw await helper.failed("could not connect");
  }
  const capabilities = [];
  for (let packet = await reader.next(); packet !== "flush"; packet = await reader.next()) {
    if (packet === void 0) throw await helper.failed("got no capabilities");
    if (Buffer.isBuffer(packet)) capabilities.push(packet.toString("utf8").replace(/\n$/, ""));
  }
  if (capabilities[0] !== "version 2" || !capabilities.some((line2) => /^ls-refs(=|$)/.test(line2))) {
    await helper.quit();
    return void 0;
  }
  return capabilities;
}
async function listOver(helper, query, objectFormat) {
  const { reader } = helper;
  helper.stdin.write(
    Buffer.concat([
      pktLine("command=ls-refs\n"),
      ...objectFormat ? [pktLine(`${objectFormat}
`)] : [],
      DELIM,
      pktLine("symrefs\n"),
      ...query.peel ? [pktLine("peel\n")] : [],
      ...query.prefixes.map((prefix) => pktLine(`ref-prefix ${prefix}
`)),
      FLUSH
    ])
  );
  const lines = [];
  for (let packet = await reader.next(); packet !== "flush"; packet = await reader.next()) {
    if (packet === void 0) throw await helper.failed("ended early");
    if (!Buffer.isBuffer(packet)) continue;
    const line2 = packet.toString("utf8").replace(/\n$/, "");
    if (line2.startsWith("ERR ")) throw await helper.failed(`refused: ${line2.slice(4)}`);
    lines.push(line2);
  }
  if (helper.scheme && await reader.next() !== "response-end")
    throw await helper.failed("lost the response end");
  return parseLsRefs(lines, query.peel);
}
function parseLsRefs(lines, peeled) {
  const refs = /* @__PURE__ */ new Map();
  const tagCommits = /* @__PURE__ */ new Map();
  let headBranch;
  for (const line2 of lines) {
    const [oid, name, ...attributes] = line2.split(" ");
    if (!oid || !name || oid === "unborn") continue;
    refs.set(name, oid);
    const attribute = (key) => attributes.find((item) => item.startsWith(`${key}:`))?.slice(key.length + 1);
    const target = attribute("symref-target");
    if (name === "HEAD" && target?.startsWith("refs/heads/")) headBranch = target.slice("refs/heads/".length);
    if (peeled && name.startsWith("refs/tags/"))
      tagCommits.set(name.slice("refs/tags/".length), attribute("peeled") ?? oid);
  }
  return { headBranch, refs, tagCommits };
}

// src/versions/glob.ts
function member(chars, i) {
  if (chars[i] === "\\" && i + 1 < chars.length) return [chars[i + 1] ?? "", i + 2];
  return [chars[i] ?? "", i + 1];
}
function parseClass(chars, start2) {
  let i = start2 + 1;
  const negated = chars[i] === "!" || chars[i] === "^";
  if (negated) i++;
  const ranges = [];
  for (let first = true; i < chars.length && (first || chars[i] !== "]"); first = false) {
    const [low, afterLow] = member(chars, i);
    if (chars[afterLow] === "-" && afterLow + 1 < chars.length && chars[afterLow + 1] !== "]") {
      const [high, afterHigh] = member(chars, afterLow + 1);
      ranges.push([low, high]);
      i = afterHigh;
    } else {
      ranges.push([low, low]);
      i = afterLow;
    }
  }
  if (i >= chars.length) return void 0;
  return { token: { kind: "class", negated, ranges }, next: i + 1 };
}
function compile(glob) {
  const chars = Array.from(glob);
  const tokens = [];
  for (let i = 0; i < chars.length; ) {
    const char = chars[i] ?? "";
    if (char === "*") {
      if (tokens.at(-1)?.kind !== "star") tokens.push({ kind: "star" });
      i++;
    } else if (char === "?") {
      tokens.push({ kind: "one" });
      i++;
    } else if (char === "[") {
      const parsed = parseClass(chars, i);
      tokens.push(parsed?.token ?? { kind: "literal", char });
      i = parsed?.next ?? i + 1;
    } else if (char === "\\" && i + 1 < chars.length) {
      tokens.push({ kind: "literal", char: chars[i + 1] ?? "" });
      i += 2;
    } else {
      tokens.push({ kind: "literal", char });
      i++;
    }
  }
  return tokens;
}
function matchesOne(token, char) {
  if (token.kind === "one" || token.kind === "star") return true;
  if (token.kind === "literal") return token.char === char;
  const point = char.codePointAt(0) ?? 0;
  const inside = token.ranges.some(
    ([low, high]) => point >= (low.codePointAt(0) ?? 0) && point <= (high.codePointAt(0) ?? 0)
  );
  return inside !== token.negated;
}
function matchesGlob(name, glob) {
  const tokens = compile(glob);
  const chars = Array.from(name);
  let t2 = 0;
  let c3 = 0;
  let starToken = -1;
  let starChar = 0;
  while (c3 < chars.length) {
    const token = tokens[t2];
    if (token?.kind === "star") {
      starToken = t2++;
      starChar = c3;
    } else if (token && matchesOne(token, chars[c3] ?? "")) {
      t2++;
      c3++;
    } else if (starToken !== -1) {
      t2 = starToken + 1;
      c3 = ++starChar;
    } else {
      return false;
    }
  }
  while (tokens[t2]?.kind === "star") t2++;
  return t2 === tokens.length;
}
function literalPrefix(glob) {
  let prefix = "";
  for (const token of compile(glob)) {
    if (token.kind !== "literal") break;
    prefix += token.char;
  }
  return prefix;
}
function matchesGlobs(name, globs) {
  return globs.some((glob) => matchesGlob(name, glob));
}

// src/versions/semver.ts
var more = "(?:\\.[0-9A-Za-z-]+)*";
var plainPattern = new RegExp(
  `^([0-9]+(?:\\.[0-9]+)*)(?:[-~]([0-9A-Za-z-]+${more})|([A-Za-z][0-9A-Za-z-]*${more}))?(?:\\+[0-9A-Za-z-]+${more})?$`
);
function parsePlainVersion(version) {
  const match = plainPattern.exec(version);
  if (!match) return void 0;
  const release = (match[1] ?? "").split(".");
  const prerelease = match[2] ?? match[3];
  return { release, prerelease: prerelease === void 0 ? [] : prerelease.split(".") };
}
function isValidPlainVersion(version) {
  return parsePlainVersion(version) !== void 0;
}
function compareDigits(a, b2) {
  const x2 = a.replace(/^0+/, "");
  const y3 = b2.replace(/^0+/, "");
  if (x2.length !== y3.length) return x2.length - y3.length;
  return x2 < y3 ? -1 : x2 > y3 ? 1 : 0;
}
function compareNatural(a, b2) {
  const left = a.match(/[0-9]+|[^0-9]+/g) ?? [];
  const right = b2.match(/[0-9]+|[^0-9]+/g) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x2 = left[i] ?? "";
    const y3 = right[i] ?? "";
    const xNumeric = /^[0-9]/.test(x2);
    const yNumeric = /^[0-9]/.test(y3);
    if (xNumeric !== yNumeric) return xNumeric ? -1 : 1;
    const difference = xNumeric ? compareDigits(x2, y3) : x2 < y3 ? -1 : x2 > y3 ? 1 : 0;
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
function compareIdentifier(a, b2) {
  const aNumeric = /^[0-9]+$/.test(a);
  const bNumeric = /^[0-9]+$/.test(b2);
  if (aNumeric && bNumeric) return compareDigits(a, b2);
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return compareNatural(a, b2);
}
function compareRelease(a, b2) {
  for (let i = 0; i < Math.max(a.length, b2.length); i++) {
    const difference = compareDigits(a[i] ?? "0", b2[i] ?? "0");
    if (difference !== 0) return difference;
  }
  return 0;
}
function comparePrerelease(a, b2) {
  if (a.length === 0 || b2.length === 0) return b2.length - a.length;
  for (let i = 0; i < Math.min(a.length, b2.length); i++) {
    const difference = compareIdentifier(a[i] ?? "", b2[i] ?? "");
    if (difference !== 0) return difference;
  }
  return a.length - b2.length;
}
function comparePlainVersions(a, b2) {
  const left = parsePlainVersion(a);
  const right = parsePlainVersion(b2);
  if (!left) throw new Error(`Invalid release version ${JSON.stringify(a)}`);
  if (!right) throw new Error(`Invalid release version ${JSON.stringify(b2)}`);
  return Math.sign(
    compareRelease(left.release, right.release) || comparePrerelease(left.prerelease, right.prerelease)
  );
}

// src/versions/tags.ts
var ordinaryName = /^[A-Za-z0-9][A-Za-z0-9._+%#/-]*$/;
function resolveOrder(tagNames, order) {
  if (order !== "auto") return order;
  return tagNames.some((name) => parseDep14Tag(name) !== void 0) ? "debian" : "semver";
}
function versionStarts(text) {
  const wordStart = /(?:^|-)[vV]?([0-9])/.exec(text);
  const firstDigit = text.search(/[0-9]/);
  const starts = wordStart ? [wordStart.index + wordStart[0].length - 1] : [];
  return firstDigit === -1 ? starts : [...starts, firstDigit];
}
function tagVersion(tagName, order) {
  if (!ordinaryName.test(tagName)) return void 0;
  const resolved = resolveOrder([tagName], order);
  const component = tagName.slice(tagName.lastIndexOf("/") + 1);
  const text = resolved === "debian" ? dep14Decode(component) : component;
  const isValid = resolved === "debian" ? isValidDebianVersion : isValidPlainVersion;
  return versionStarts(text).map((start2) => text.slice(start2)).find(isValid);
}
function compareStrings(a, b2) {
  return a < b2 ? -1 : a > b2 ? 1 : 0;
}
function compareVersions(a, b2, order) {
  const isValid = order === "debian" ? isValidDebianVersion : isValidPlainVersion;
  const aValid = isValid(a);
  const bValid = isValid(b2);
  if (aValid !== bValid) return aValid ? 1 : -1;
  if (!aValid) return compareStrings(a, b2);
  return Math.sign(order === "debian" ? compareDebianVersions(a, b2) : comparePlainVersions(a, b2));
}

// src/git/fetch-refs.ts
async function fetchRefs(repo, url, refspecs, options = {}) {
  const shape = options.tip ? ["--depth=1", "--filter=tree:1"] : options.shallow ? ["--depth=1"] : [];
  await repo.exec(["fetch", "--quiet", "--no-tags", ...shape, "--end-of-options", url, ...refspecs]);
}
async function requireFetched(repo, sha, subject2) {
  if (await repo.resolve(`${sha}^{commit}`) === void 0)
    throw new Error(`${subject2} moved on the fork while it was being fetched: nothing was changed; run again`);
}

// src/git/tag-target.ts
var probeTagRef = "refs/patch-carrier/probe-tag";
async function tagTarget(probeDir, url, env, tag) {
  const probe = new GitRepo(probeDir, void 0, env);
  await fetchRefs(probe, url, [`+refs/tags/${tag}:${probeTagRef}`], { tip: true });
  const type = await probe.read(["cat-file", "-t", probeTagRef]);
  const peeled = type === "tag" ? await probe.read(["cat-file", "-t", `${probeTagRef}^{}`]) : type;
  return { type: peeled, throughTag: type === "tag" };
}

// src/pipeline/odd-tags.ts
function describeTarget(target) {
  return `${target.type === "tree" ? "a tree" : `a ${target.type}`}${target.throughTag ? " (through an annotated tag)" : ""}`;
}
function movedTags(tags, fork, history) {
  const contained = new Set(history);
  return tags.flatMap((tag) => {
    const was = fork.tagCommits.get(tag.name);
    return was && was !== tag.commit && contained.has(was) ? [{ name: tag.name, was, now: tag.commit }] : [];
  });
}

// src/pipeline/ref-prefixes.ts
function releaseTagPrefixes(settings) {
  const prefixes = settings.upstreamTags.map((glob) => `refs/tags/${literalPrefix(glob)}`);
  if (settings.upstreamTag) prefixes.push(`refs/tags/${settings.upstreamTag}`);
  return minimal(prefixes);
}
function upstreamPrefixes(settings) {
  return minimal([...releaseTagPrefixes(settings), "refs/tags/upstream/", "refs/heads/pristine-tar"]);
}
function forkPrefixes(settings, releaseTags2) {
  const prefixes = [
    ...settings.branch ? [`refs/heads/${settings.branch}`] : ["HEAD", "refs/heads/"],
    "refs/heads/patch-carrier/",
    "refs/tags/patch-carrier/",
    "refs/patch-carrier/"
  ];
  if (releaseTags2 || !settings.upstreamUrl) prefixes.push(...releaseTagPrefixes(settings));
  return minimal(prefixes);
}
function minimal(prefixes) {
  const unique = [...new Set(prefixes)];
  return unique.filter((prefix) => !unique.some((other) => other !== prefix && prefix.startsWith(other)));
}

// src/pipeline/discover.ts
var DiscoveryError = class extends Error {
  name = "DiscoveryError";
};
async function discover(settings, forkEnv) {
  if (settings.upstreamArchive) return discoverArchive(settings, settings.upstreamArchive, forkEnv);
  const listings = openListings(settings, forkEnv);
  try {
    const quick = await upToDateQuickly(settings, forkEnv, listings);
    if (quick && "discovery" in quick) return quick.discovery;
    return await discoverFully(settings, forkEnv, listings, quick);
  } finally {
    await listings.close();
  }
}
async function discoverFully(settings, forkEnv, listings, quick) {
  const { upstream, fork } = await listBoth(settings, listings, quick);
  const { branch, branchHead } = forkBranch(settings, fork);
  const tagSource = upstream ?? fork;
  const candidates = releaseTags(tagSource, settings);
  if (candidates.tags.length === 0) {
    throw new DiscoveryError(
      `No tag of ${settings.upstreamUrl ?? settings.remoteUrl} matches upstream-tags (${settings.upstreamTags.join(", ")}) and carries a version`
    );
  }
  const chosen = chooseTarget(candidates.tags, tagSource, settings, candidates.order);
  const tagCommits = new Set(
    candidates.tags.flatMap((tag) => [tag.commit, fork.tagCommits.get(tag.name) ?? tag.commit])
  );
  const history = await readProbe(
    settings,
    branch,
    forkEnv,
    (commits) => commits.some((sha) => tagCommits.has(sha)),
    // the quick look's probe, unless the branch moved since
    quick?.probed?.head === branchHead ? { resume: true, startDepth: quick.probed.depth } : {}
  );
  const notes = [];
  const { previous, move } = previousTag(settings, branch, candidates.tags, upstream && fork, history.commits);
  const target = await releaseTarget(chosen, candidates.tags, history.commits, settings, forkEnv, notes);
  if (move) {
    if (settings.mode === "build" || target.name === move.name) throw movedTagError(move, branch);
    notes.push(
      `upstream moved tag ${move.name} after the fork carried it (the fork's copy: ${move.was.slice(0, 12)}, upstream's now: ${move.now.slice(0, 12)}): the downstream commits are those after ${move.was.slice(0, 12)}`
    );
  }
  const upToDate = history.commits.includes(target.commit);
  return {
    upstream: tagSource,
    fork,
    branch,
    branchHead,
    order: candidates.order,
    target,
    previous,
    upToDate,
    forkDepth: history.commits.indexOf(previous.commit) + 1,
    notes
  };
}
async function listBoth(settings, listings, quick) {
  const [upstream, fork] = await Promise.all([
    settings.upstreamUrl ? listings.upstream({ prefixes: upstreamPrefixes(settings), peel: true }) : void 0,
    // after a quick look only the fork's copies of the release tags are new
    quick ? listings.fork({ prefixes: releaseTagPrefixes(settings), peel: true }).then((tags) => ({
      ...quick.fork,
      refs: new Map([...quick.fork.refs, ...tags.refs]),
      tagCommits: tags.tagCommits
    })) : listings.fork({ prefixes: forkPrefixes(settings, true), peel: true })
  ]);
  return { upstream, fork };
}
function previousTag(settings, branch, tags, fork, history) {
  const moved2 = fork ? movedTags(tags, fork, history) : [];
  const carried = tags.map((tag) => {
    const copy = moved2.find((move) => move.name === tag.name);
    return copy ? { ...tag, commit: copy.was } : tag;
  });
  const previous = nearestTag(history, carried);
  if (!previous) {
    throw new DiscoveryError(
      `Branch '${branch}' contains none of the upstream tags matching ${settings.upstreamTags.join(", ")}: is upstream-url the repository the fork was made from?`
    );
  }
  return { previous, move: moved2.find((tag) => tag.name === previous.name) };
}
function openListings(settings, forkEnv) {
  const sessions = [];
  const lister = (input, url, env) => {
    let session;
    return async (query) => {
      try {
        if (!session) sessions.push(session = openRefSession(url, env));
        return await (await session).list(query);
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new DiscoveryError(`Cannot read the refs of ${input} ${url}: ${detail}`, { cause: error });
      }
    };
  };
  return {
    upstream: lister("upstream-url", settings.upstreamUrl ?? "", {}),
    fork: lister("remote-url", settings.remoteUrl, forkEnv),
    close: async () => {
      const open = await Promise.allSettled(sessions);
      for (const result of open) if (result.status === "fulfilled") await result.value.close();
    }
  };
}
var PEELED_BEFORE = 4;
async function upToDateQuickly(settings, forkEnv, listings) {
  if (settings.mode === "build" || !settings.upstreamUrl) return void 0;
  const [names, fork] = await Promise.all([
    listings.upstream({ prefixes: releaseTagPrefixes(settings), peel: false }),
    listings.fork({ prefixes: forkPrefixes(settings, false), peel: false })
  ]);
  if ([...fork.refs.keys()].some((ref) => ref.startsWith("refs/heads/patch-carrier/"))) return { fork };
  const { branch, branchHead } = forkBranch(settings, fork);
  const unpeeled = new Map(
    [...names.refs].flatMap(([ref, oid]) => ref.startsWith("refs/tags/") ? [[ref.slice(10), oid]] : [])
  );
  const candidates = releaseTags({ ...names, tagCommits: unpeeled }, settings);
  if (candidates.tags.length === 0) return { fork };
  const chosen = chooseTarget(candidates.tags, { ...names, tagCommits: unpeeled }, settings, candidates.order);
  const newest = [chosen, ...candidates.tags.filter((tag) => tag !== chosen).slice(0, PEELED_BEFORE)];
  const peeled = await listings.upstream({
    prefixes: newest.map((tag) => `refs/tags/${tag.name}`),
    peel: true
  });
  const commit = peeled.tagCommits.get(chosen.name);
  if (!commit) return { fork };
  const tagged = /* @__PURE__ */ new Set([
    ...candidates.tags.map((tag) => tag.commit),
    ...newest.flatMap((tag) => peeled.tagCommits.get(tag.name) ?? [])
  ]);
  const history = await readProbe(
    settings,
    branch,
    forkEnv,
    (commits) => commits.some((sha) => sha === commit || tagged.has(sha)),
    { startDepth: 16, giveUpPast: 256 }
  );
  if (!history.commits.includes(commit)) return { fork, probed: { depth: history.depth, head: branchHead } };
  const target = { ...chosen, commit };
  const upstream = { refs: names.refs, tagCommits: /* @__PURE__ */ new Map([[target.name, commit]]) };
  return {
    discovery: {
      upstream,
      fork,
      branch,
      branchHead,
      order: candidates.order,
      target,
      previous: target,
      upToDate: true,
      notes: []
    }
  };
}
function readProbe(settings, branch, forkEnv, enough, limits) {
  const probe = { dir: join11(settings.workDir, "probe.git"), url: settings.remoteUrl, branch, env: forkEnv };
  return readBranchHistoryRetrying(probe, enough, limits, DiscoveryError);
}
async function releaseTarget(chosen, newestFirst2, history, settings, forkEnv, notes) {
  const url = settings.upstreamUrl ?? settings.remoteUrl;
  const env = settings.upstreamUrl ? {} : forkEnv;
  const probeDir = join11(settings.workDir, "probe.git");
  for (let next = newestFirst2.indexOf(chosen), tag = chosen; ; tag = newestFirst2[++next]) {
    if (history.includes(tag.commit)) return tag;
    const target = await tagTarget(probeDir, url, env, tag.name).catch((error) => {
      const detail = error instanceof Error ? error.message : String(error);
      throw new DiscoveryError(`Cannot read what tag ${tag.name} of ${url} points to: ${detail}`, {
        cause: error
      });
    });
    if (target.type === "commit") return tag;
    const what = `points to ${describeTarget(target)}, not a commit`;
    if (settings.upstreamTag)
      throw new DiscoveryError(`upstream-tag '${tag.name}' ${what}: name a release tag`);
    notes.push(`upstream tag ${tag.name} ${what}: passed by`);
    if (next + 1 >= newestFirst2.length) {
      throw new DiscoveryError(
        `No tag of ${url} matching upstream-tags (${settings.upstreamTags.join(", ")}) points to a commit`
      );
    }
  }
}
function movedTagError(move, branch) {
  const [was, now] = [move.was.slice(0, 12), move.now.slice(0, 12)];
  return new DiscoveryError(
    `Upstream moved tag ${move.name} after the fork carried it: branch '${branch}' contains ${was} (the fork's copy of the tag), upstream's ${move.name} now points to ${now}. Nothing was changed: patch-carrier does not follow a moved tag by itself. Check why it moved; to take it, rebase by hand (git rebase --onto ${now} ${was} ${branch}) and push the branch and the tag to the fork, or wait for the next release.`
  );
}
function forkBranch(settings, fork) {
  const branch = settings.branch ?? fork.headBranch;
  if (!branch)
    throw new DiscoveryError(`The fork ${settings.remoteUrl} has no HEAD branch: set the 'branch' input`);
  const branchHead = fork.refs.get(`refs/heads/${branch}`);
  if (!branchHead)
    throw new DiscoveryError(`Branch '${branch}' does not exist on the fork ${settings.remoteUrl}`);
  return { branch, branchHead };
}
async function listNamed(input, url, env = {}, query) {
  try {
    return query ? await listRefs(url, query, env) : await listRemote(url, env);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new DiscoveryError(`Cannot read the refs of ${input} ${url}: ${detail}`, { cause: error });
  }
}
function releaseTags(refs, settings) {
  const names = [...refs.tagCommits.keys()].filter((name) => matchesGlobs(name, settings.upstreamTags));
  const order = resolveOrder(names, settings.versionOrder);
  const tags = [];
  for (const name of names) {
    const version = tagVersion(name, order);
    if (version !== void 0) tags.push({ name, version, commit: refs.tagCommits.get(name) });
  }
  tags.sort((a, b2) => compareVersions(b2.version, a.version, order) || a.name.localeCompare(b2.name));
  return { tags, order };
}
function chooseTarget(tags, refs, settings, order) {
  if (!settings.upstreamTag) return tags[0];
  const commit = refs.tagCommits.get(settings.upstreamTag);
  if (!commit) throw new DiscoveryError(`upstream-tag '${settings.upstreamTag}' does not exist upstream`);
  const version = tagVersion(settings.upstreamTag, order);
  if (version === void 0)
    throw new DiscoveryError(`upstream-tag '${settings.upstreamTag}' carries no version`);
  return { name: settings.upstreamTag, commit, version };
}
function nearestTag(history, tagsNewestFirst) {
  const byCommit = /* @__PURE__ */ new Map();
  for (const tag of tagsNewestFirst) if (!byCommit.has(tag.commit)) byCommit.set(tag.commit, tag);
  for (const sha of history) {
    const tag = byCommit.get(sha);
    if (tag) return tag;
  }
  return void 0;
}

// src/archive/fork-file.ts
import { join as join12 } from "node:path";
async function readForkFile(workDir, url, revision, path, env) {
  const repo = await initBareRepo(join12(workDir, "probe-files.git"), env);
  await fetchRefs(repo, url, [revision], { shallow: true });
  return repo.readFile("FETCH_HEAD", path);
}

// src/archive/keyring.ts
import { mkdtemp as mkdtemp2, readFile as readFile3, rm as rm8, writeFile as writeFile2 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join13 } from "node:path";
async function withArchiveKeys(keyring, work) {
  const home = await mkdtemp2(join13(tmpdir2(), "patch-carrier-archive-gpg-"));
  try {
    let armored = keyring.kind === "armored" ? keyring.text : void 0;
    let path = keyring.kind === "file" ? keyring.path : join13(home, "keys.gpg");
    if (keyring.kind === "file") {
      const bytes = await readFile3(keyring.path).catch((error) => {
        throw new Error(
          `archive-keyring ${keyring.path} cannot be read (${error instanceof Error ? error.message : String(error)}); install 'debian-archive-keyring' or give the archive's public keys`
        );
      });
      if (bytes.subarray(0, 64).toString("latin1").includes("-----BEGIN PGP")) {
        armored = bytes.toString("utf8");
        path = join13(home, "keys.gpg");
      }
    }
    if (armored !== void 0) {
      await writeFile2(join13(home, "keys.asc"), armored);
      const dearmor = await run(
        "gpg",
        ["--homedir", home, "--batch", "--no-options", "--dearmor", "--output", path, join13(home, "keys.asc")],
        { env: { GNUPGHOME: home, LC_ALL: "C" }, okCodes: [0, 2] }
      );
      if (dearmor.code !== 0) throw new Error("archive-keyring: the keys are not valid armored OpenPGP data");
    }
    return await work({ home, keyring: path });
  } finally {
    await rm8(home, { recursive: true, force: true, maxRetries: 5 }).catch(() => void 0);
  }
}

// src/archive/refs.ts
var importTagName = (pkg, version) => `import/${pkg}/${dep14Encode(version)}`;
var isImportTagName = (name) => /^import\/[a-z0-9][a-z0-9+.-]+\/[^/]+$/.test(name);
var importRef = (name) => `refs/tags/patch-carrier/${name}`;
var seenPrefix = (pkg, suite) => `refs/patch-carrier/seen/${pkg}/${suite}/`;
function importsOf(fork, pkg) {
  const prefix = `import/${pkg}/`;
  const found = [];
  for (const [name, commit] of fork.tagCommits) {
    if (!name.startsWith(`patch-carrier/${prefix}`)) continue;
    const tag = name.slice("patch-carrier/".length);
    const version = dep14Decode(tag.slice(prefix.length));
    if (isValidDebianVersion(version)) found.push({ name: tag, version, commit });
  }
  return found.sort((a, b2) => compareDebianVersions(b2.version, a.version));
}
function importedPackages(fork) {
  const names = /* @__PURE__ */ new Set();
  for (const name of fork.tagCommits.keys()) {
    const match = /^patch-carrier\/import\/([^/]+)\//.exec(name);
    if (match) names.add(match[1]);
  }
  return [...names];
}
function seenOf(fork, pkg, suite) {
  const prefix = seenPrefix(pkg, suite);
  return [...fork.refs].filter(([ref]) => ref.startsWith(prefix) && !ref.slice(prefix.length).includes("/")).map(([ref, commit]) => ({ ref, digest: ref.slice(prefix.length), commit }));
}

// src/archive/release.ts
import { readFile as readFile4, rm as rm9, writeFile as writeFile3 } from "node:fs/promises";
import { join as join14 } from "node:path";
var IN_RELEASE_LIMIT = 64 * 1024 * 1024;
async function findSuiteRelease(archives, suite, keys) {
  for (const [i, archive2] of archives.entries()) {
    try {
      return await fetchSuiteRelease(archive2, suite, keys);
    } catch (error) {
      const last = i === archives.length - 1;
      if (last || !(error instanceof ArchiveError && error.status === 404)) throw error;
    }
  }
  throw new ArchiveError("upstream-archive names no archive");
}
async function fetchSuiteRelease(archiveUrl, suite, keys, now = /* @__PURE__ */ new Date()) {
  const base = `${archiveUrl}/dists/${suite}/`;
  const body = await downloadInRelease(base, archiveUrl, suite);
  const { release, fingerprint } = await verifiedRelease(body, base, suite, keys);
  const names = [release.get("suite"), release.get("codename")].filter(Boolean);
  if (!names.includes(suite)) {
    throw new ArchiveError(
      `${base}InRelease is the Release of ${names.join(" / ") || "an unnamed suite"}, not of ${suite}`
    );
  }
  const validUntil = release.get("valid-until");
  checkValidUntil(validUntil, base, now);
  return {
    suite,
    archive: archiveUrl,
    base,
    date: release.get("date") ?? "",
    validUntil,
    fingerprint,
    sources: sourceIndices(checksumLines(release.get("sha256"), `${base}InRelease SHA256`))
  };
}
function downloadInRelease(base, archiveUrl, suite) {
  return fetchBytes(`${base}InRelease`, IN_RELEASE_LIMIT).catch((error) => {
    if (error instanceof ArchiveError && error.status === 404)
      throw new ArchiveError(
        `${error.message}: is ${suite} a suite of ${archiveUrl}? (inputs upstream-suites, upstream-archive)`,
        404
      );
    throw error;
  });
}
async function verifiedRelease(body, base, suite, keys) {
  const signed = join14(keys.home, `InRelease-${suite.replace(/\//g, "_")}`);
  const verified = `${signed}.txt`;
  await writeFile3(signed, body);
  try {
    const result = await run(
      "gpgv",
      [
        "--homedir",
        keys.home,
        "--keyring",
        keys.keyring,
        "--status-fd",
        "1",
        "--output",
        verified,
        "--",
        signed
      ],
      { env: { GNUPGHOME: keys.home, LC_ALL: "C" }, okCodes: [0, 1, 2] }
    );
    const check2 = inReleaseVerdict(result.stdout, result.code);
    if (check2.kind === "bad")
      throw new ArchiveError(`${base}InRelease does not verify against archive-keyring: ${check2.reason}`);
    const release = parseParagraphs(await readFile4(verified, "utf8"))[0];
    if (!release) throw new ArchiveError(`${base}InRelease: the signed text holds no Release fields`);
    return { release, fingerprint: check2.fingerprint };
  } finally {
    await rm9(signed, { force: true });
    await rm9(verified, { force: true });
  }
}
function checkValidUntil(validUntil, base, now) {
  if (validUntil !== void 0 && Number.isNaN(Date.parse(validUntil)))
    throw new ArchiveError(`${base}InRelease: Valid-Until ${JSON.stringify(validUntil)} is not a date`);
  if (validUntil !== void 0 && !(Date.parse(validUntil) > now.getTime())) {
    throw new ArchiveError(
      `${base}InRelease expired: Valid-Until ${validUntil} is past; the archive (or its mirror) is stale`
    );
  }
}
function inReleaseVerdict(status, code) {
  const signatures = [];
  const lines = status.split("\n").filter((line2) => line2.startsWith("[GNUPG:] "));
  const broken = lines.find((line2) => /^\[GNUPG:\] (ERROR|NODATA)\b/.test(line2));
  if (broken)
    return {
      kind: "bad",
      reason: `it is not one OpenPGP clear-signed text (gpgv: ${broken.slice(9).trim()})`
    };
  for (const line2 of lines) {
    const words = line2.slice("[GNUPG:] ".length).trim().split(" ");
    if (words[0] === "NEWSIG") signatures.push([]);
    signatures.at(-1)?.push(words);
  }
  const has = (signature, keyword) => signature.find((words) => words[0] === keyword);
  if (signatures.some((signature) => has(signature, "BADSIG")))
    return { kind: "bad", reason: "BAD signature: the signed text was changed after signing" };
  const good = signatures.filter((signature) => has(signature, "GOODSIG") && has(signature, "VALIDSIG")?.[1]);
  const unusable = (signature) => ["NO_PUBKEY", "EXPKEYSIG", "REVKEYSIG"].some((keyword) => has(signature, keyword));
  const others = signatures.filter((signature) => !good.includes(signature));
  if (good.length > 0 && (code === 0 || others.length > 0 && others.every(unusable)))
    return { kind: "good", fingerprint: has(good[0], "VALIDSIG")[1] };
  const any = (keyword) => signatures.some((signature) => has(signature, keyword));
  if (any("EXPKEYSIG")) return { kind: "bad", reason: "the signing key has expired" };
  if (any("REVKEYSIG")) return { kind: "bad", reason: "the signing key was revoked" };
  if (any("EXPSIG")) return { kind: "bad", reason: "the signature has expired" };
  const missing = signatures.filter((signature) => has(signature, "NO_PUBKEY")).map((signature) => has(signature, "ERRSIG")?.[7] ?? has(signature, "NO_PUBKEY")[1] ?? "?");
  if (missing.length > 0 && good.length === 0)
    return {
      kind: "bad",
      reason: missing.length === 1 ? `it is signed by key ${missing[0]} only, which archive-keyring does not hold` : `it is signed by keys ${missing.join(", ")}, none of which archive-keyring holds`
    };
  return { kind: "bad", reason: `it is not a valid OpenPGP signature (gpgv exit code ${code})` };
}
function sourceIndices(files) {
  const byComponent = /* @__PURE__ */ new Map();
  for (const ext of ["gz", "xz"]) {
    for (const file of files) {
      const match = /^(.+)\/source\/Sources\.(xz|gz)$/.exec(file.name);
      if (match?.[2] === ext) byComponent.set(match[1], file);
    }
  }
  return [...byComponent.entries()].sort(([a], [b2]) => (a.endsWith("main") ? -1 : 0) - (b2.endsWith("main") ? -1 : 0) || a.localeCompare(b2)).map(([, file]) => file);
}
function sourcesDigestInput(release) {
  return release.sources.map((file) => `${file.sha256} ${file.name}`).join("\n");
}

// src/archive/sources.ts
import { gunzipSync } from "node:zlib";
async function sourceEntries(release, pkg) {
  if (release.sources.length === 0)
    throw new ArchiveError(`${release.base}InRelease lists no source index (\u2026/source/Sources.xz or .gz)`);
  for (const index of release.sources) {
    const packed = await fetchVerified(
      `${release.base}${index.name}`,
      index,
      `the signed InRelease of ${release.suite}`
    );
    const text = index.name.endsWith(".xz") ? await unxz(packed) : gunzipSync(packed).toString("utf8");
    const entries = parseParagraphs(text).filter((stanza) => stanza.get("package") === pkg).map((stanza) => entryOf(stanza, release.suite, pkg, index, release.archive));
    if (entries.length > 0) return entries;
  }
  return [];
}
function entryOf(stanza, suite, pkg, index, archiveUrl) {
  const version = stanza.get("version") ?? "";
  const directory = stanza.get("directory") ?? "";
  const where = `${archiveUrl} ${suite} Sources, ${pkg} ${version}`;
  if (!isValidDebianVersion(version)) throw new ArchiveError(`${where}: not a Debian version`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._+~/-]*$/.test(directory) || directory.split("/").includes(".."))
    throw new ArchiveError(`${where}: unusable Directory ${JSON.stringify(directory)}`);
  const files = checksumLines(stanza.get("checksums-sha256"), where);
  for (const file of files) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._+~-]*$/.test(file.name))
      throw new ArchiveError(`${where}: unusable file name ${JSON.stringify(file.name)}`);
  }
  if (files.filter((file) => file.name.endsWith(".dsc")).length !== 1)
    throw new ArchiveError(`${where}: the entry must list exactly one .dsc`);
  return { suite, archive: archiveUrl, package: pkg, version, directory, files, index };
}
async function unxz(packed) {
  return (await run("xz", ["--decompress", "--stdout", "--quiet"], { input: packed })).stdout;
}

// src/archive/discover.ts
async function discoverArchive(settings, archive2, forkEnv) {
  const located = await archiveFork(settings, forkEnv);
  const { fork, branch, branchHead } = located;
  const pkg = archive2.package ?? await packageOf(settings, fork, branchHead, forkEnv);
  const imports = importsOf(fork, pkg);
  const releases = await withArchiveKeys(
    archive2.keyring,
    (keys) => Promise.all(archive2.suites.map((suite) => findSuiteRelease(archive2.urls, suite, keys)))
  );
  const digests = new Map(releases.map((release) => [release.suite, digestOf(release)]));
  const discovery = {
    settings: archive2,
    package: pkg,
    releases,
    entries: [],
    imports,
    digests
  };
  const base = archive2.downstreamBase ? resolveBase(archive2.downstreamBase, fork) : void 0;
  const importCommits = new Set(imports.map((item) => item.commit));
  const reachesBase = (commits) => commits.some((sha) => importCommits.has(sha) || base !== void 0 && sha.startsWith(base));
  const { commits: history } = await readProbe(settings, branch, forkEnv, reachesBase, {});
  const previous = await previousOf(settings, archive2, history, imports, base, forkEnv, pkg, branch);
  const notes = [];
  const target = await targetOf(settings, discovery, fork, history, notes);
  const behind = compareDebianVersions(target.version, previous.version);
  if (behind < 0) {
    notes.push(
      `The newest ${pkg} in ${archive2.suites.join(", ")} is ${target.version}, lower than ${previous.version}, which the branch is on: nothing to do (patch-carrier never goes backwards)`
    );
  }
  const upstream = {
    refs: new Map(imports.map((item) => [`refs/tags/${item.name}`, item.commit])),
    tagCommits: new Map(imports.map((item) => [item.name, item.commit]))
  };
  return { ...located, upstream, target, previous, upToDate: behind <= 0, archive: discovery, notes };
}
async function archiveFork(settings, forkEnv) {
  const fork = await listNamed("remote-url", settings.remoteUrl, forkEnv);
  return { fork, ...forkBranch(settings, fork), order: "debian" };
}
async function targetOf(settings, discovery, fork, history, notes) {
  const { settings: archive2, package: pkg, releases, digests, imports } = discovery;
  const unchanged = settings.upstreamTag ? void 0 : unchangedTarget(fork, pkg, releases, digests, imports, history);
  if (unchanged) {
    notes.push(`${archive2.suites.join(", ")}: the source indices are unchanged since ${unchanged.name}`);
    return unchanged;
  }
  discovery.entries = (await Promise.all(releases.map((release) => sourceEntries(release, pkg)))).flat();
  const chosen = settings.upstreamTag ? explicitEntry(discovery.entries, settings.upstreamTag, pkg, archive2) : newestEntry(discovery.entries);
  if (!chosen)
    throw new DiscoveryError(
      `${archive2.urls.join(", ")} list no source package ${pkg} in ${archive2.suites.join(", ")}`
    );
  const name = importTagName(pkg, chosen.version);
  return { name, version: chosen.version, commit: imports.find((item) => item.name === name)?.commit ?? "" };
}
function newestEntry(entries) {
  return entries.reduce(
    (best, entry) => best && compareDebianVersions(best.version, entry.version) >= 0 ? best : entry,
    void 0
  );
}
function explicitEntry(entries, tag, pkg, archive2) {
  const version = dep14Decode(tag.slice(tag.lastIndexOf("/") + 1));
  const entry = entries.find((candidate) => candidate.version === version);
  if (!entry) {
    const listed = [...new Set(entries.map((candidate) => candidate.version))].join(", ") || "none";
    throw new DiscoveryError(
      `upstream-tag '${tag}': ${archive2.suites.join(", ")} list no ${pkg} ${version} (it lists: ${listed})`
    );
  }
  return entry;
}
function unchangedTarget(fork, pkg, releases, digests, imports, history) {
  const commits = releases.map(
    (release) => seenOf(fork, pkg, release.suite).find((seen) => seen.digest === digests.get(release.suite))?.commit
  );
  const commit = commits[0];
  if (!commit || commits.some((other) => other !== commit) || !history.includes(commit)) return void 0;
  const imported = imports.find((item) => item.commit === commit);
  return imported && { name: imported.name, version: imported.version, commit };
}
function digestOf(release) {
  return createHash2("sha256").update(sourcesDigestInput(release)).digest("hex").slice(0, 32);
}
async function previousOf(settings, archive2, history, imports, base, forkEnv, pkg, branch) {
  const contained = new Set(history);
  const imported = imports.find((item) => contained.has(item.commit));
  if (imported) return { name: imported.name, version: imported.version, commit: imported.commit };
  if (!archive2.downstreamBase) {
    throw new DiscoveryError(
      `Branch '${branch}' contains no import of ${pkg} from ${archive2.urls.join(", ")} yet: set downstream-base to the commit, tag or ref of the fork whose tree is the packaging as the archive had it (say the fork's first commit, or the packaging tag it was made from); the commits after it are carried`
    );
  }
  if (base === void 0)
    throw new DiscoveryError(
      `downstream-base ${archive2.downstreamBase} is neither a branch, tag or ref of the fork nor a commit sha`
    );
  const commit = history.find((sha) => sha.startsWith(base));
  if (!commit) {
    throw new DiscoveryError(
      `downstream-base ${archive2.downstreamBase} is not a commit of branch '${branch}' on the fork`
    );
  }
  const changelog = await readForkFile(
    settings.workDir,
    settings.remoteUrl,
    commit,
    "debian/changelog",
    forkEnv
  );
  const version = changelog === void 0 ? void 0 : parseChangelog(changelog)[0]?.version;
  if (!version)
    throw new DiscoveryError(
      `downstream-base ${archive2.downstreamBase} has no debian/changelog to read its version from`
    );
  return { name: archive2.downstreamBase, version, commit };
}
function resolveBase(value, fork) {
  const byName = fork.tagCommits.get(value) ?? fork.refs.get(`refs/heads/${value}`) ?? (value.startsWith("refs/tags/") ? fork.tagCommits.get(value.slice("refs/tags/".length)) : void 0) ?? fork.refs.get(value);
  if (byName) return byName;
  return /^[0-9a-f]{7,40}$/.test(value) ? value : void 0;
}
async function packageOf(settings, fork, branchHead, forkEnv) {
  const imported = importedPackages(fork);
  if (imported.length === 1) return imported[0];
  const control = await readForkFile(
    settings.workDir,
    settings.remoteUrl,
    branchHead,
    "debian/control",
    forkEnv
  );
  const source = control === void 0 ? void 0 : parseParagraphs(control)[0]?.get("source");
  if (!source || !/^[a-z0-9][a-z0-9+.-]+$/.test(source)) {
    throw new DiscoveryError(
      "The fork's debian/control names no Source package to follow: set upstream-package"
    );
  }
  return source;
}

// src/backport/records.ts
var RECORD = "refs/tags/patch-carrier/backported/";
var recordRef = (version) => `${RECORD}${dep14Encode(version)}`;
var backportBranch = (version) => `patch-carrier/backport/${dep14Encode(version)}`;
function recordedVersions(fork, order) {
  const versions = [];
  for (const ref of fork.refs.keys()) {
    if (ref.startsWith(RECORD) && !ref.endsWith("^{}")) versions.push(dep14Decode(ref.slice(RECORD.length)));
  }
  return versions.sort((a, b2) => compareVersions(b2, a, order));
}
function backportBranches(fork, versions) {
  const heads = /* @__PURE__ */ new Map();
  for (const version of versions) {
    const sha = fork.refs.get(`refs/heads/${backportBranch(version)}`);
    if (sha) heads.set(version, sha);
  }
  return heads;
}

// src/backport/archive-discover.ts
async function discoverArchiveBackport(settings, archive2, forkEnv) {
  const empty = { refs: /* @__PURE__ */ new Map(), tagCommits: /* @__PURE__ */ new Map() };
  const [upstream, located] = await Promise.all([
    settings.upstreamUrl ? listNamed("upstream-url", settings.upstreamUrl) : empty,
    archiveFork(settings, forkEnv)
  ]);
  const { fork, branchHead } = located;
  const pkg = archive2.package ?? await sourcePackage(settings, branchHead, forkEnv);
  const releases = await withArchiveKeys(
    archive2.keyring,
    (keys) => Promise.all(archive2.suites.map((suite) => findSuiteRelease(archive2.urls, suite, keys)))
  );
  const entries = /* @__PURE__ */ new Map();
  for (const entry of (await Promise.all(releases.map((release) => sourceEntries(release, pkg)))).flat())
    if (!entries.has(entry.version)) entries.set(entry.version, entry);
  const versioned = (version) => ({
    tag: sourceTagName(pkg, version),
    version,
    commit: fork.refs.get(sourceRef(pkg, version)) ?? ""
  });
  const from = parseDep14Tag(settings.backportFrom ?? "")?.version ?? settings.backportFrom ?? "";
  if (!isValidDebianVersion(from))
    throw new DiscoveryError(
      `backport-from ${JSON.stringify(from)}: with upstream-archive it must be a Debian version`
    );
  const recorded = recordedVersions(fork, "debian")[0];
  const start2 = versioned(recorded && compareDebianVersions(recorded, from) > 0 ? recorded : from);
  if (!start2.commit && !entries.has(start2.version))
    throw new DiscoveryError(
      `${pkg} ${start2.version} is neither in ${archive2.suites.join(", ")} nor kept on the fork: the next version's patches are compared with it. Add the suite that has it (e.g. the release beside its -security suite).`
    );
  const pending = [...entries.keys()].filter((version) => compareDebianVersions(version, start2.version) > 0).sort(compareDebianVersions).map(versioned);
  const branches = backportBranches(
    fork,
    pending.map((item) => item.version)
  );
  return { ...located, upstream, start: start2, pending, branches, archive: { pkg, entries } };
}
async function sourcePackage(settings, head, forkEnv) {
  const control = await readForkFile(settings.workDir, settings.remoteUrl, head, "debian/control", forkEnv);
  const source = control === void 0 ? void 0 : parseParagraphs(control)[0]?.get("source");
  if (!source || !/^[a-z0-9][a-z0-9+.-]+$/.test(source))
    throw new DiscoveryError(
      "The fork's debian/control names no Source package to follow: set upstream-package"
    );
  return source;
}

// src/backport/start.ts
function startOf(value, upstream, order, globs, versioned) {
  if (upstream.tagCommits.has(value)) {
    const found = versioned(value);
    if (!found) throw new DiscoveryError(`backport-from: tag '${value}' carries no version in ${order} order`);
    return found;
  }
  return tagFor(value, upstream, order, globs, versioned, "backport-from");
}
function tagFor(version, upstream, order, globs, versioned, what) {
  const names = [...upstream.tagCommits.keys()].sort();
  const candidates = names.filter((name) => versioned(name)?.version === version);
  const tag = candidates.find((name) => matchesGlobs(name, globs)) ?? candidates[0];
  if (!tag)
    throw new DiscoveryError(
      `${what} ${JSON.stringify(version)}: no tag of upstream-url holds this version (in ${order} order); its debian/patches are what the next version is compared with`
    );
  return versioned(tag);
}

// src/backport/discover.ts
async function discoverBackport(settings, forkEnv) {
  if (settings.upstreamArchive) return discoverArchiveBackport(settings, settings.upstreamArchive, forkEnv);
  if (!settings.upstreamUrl || !settings.backportFrom)
    throw new DiscoveryError(
      "A pinned fork (backport-from) needs upstream-url: the fork is built on its tags"
    );
  const [upstream, fork] = await Promise.all([
    listNamed("upstream-url", settings.upstreamUrl),
    listNamed("remote-url", settings.remoteUrl, forkEnv)
  ]);
  const { branch, branchHead } = forkBranch(settings, fork);
  const names = [...upstream.tagCommits.keys()];
  const watched = names.filter((name) => matchesGlobs(name, settings.upstreamTags));
  const order = resolveOrder(watched.length > 0 ? watched : names, settings.versionOrder);
  const versioned = (name) => {
    const version = tagVersion(name, order);
    return version === void 0 ? void 0 : { tag: name, version, commit: upstream.tagCommits.get(name) };
  };
  const from = startOf(settings.backportFrom, upstream, order, settings.upstreamTags, versioned);
  const recorded = recordedVersions(fork, order)[0];
  const start2 = recorded !== void 0 && compareVersions(recorded, from.version, order) > 0 ? tagFor(
    recorded,
    upstream,
    order,
    settings.upstreamTags,
    versioned,
    "the newest version recorded on the fork"
  ) : from;
  const byVersion = /* @__PURE__ */ new Map();
  for (const name of watched.sort()) {
    const found = versioned(name);
    if (found && compareVersions(found.version, start2.version, order) > 0 && !byVersion.has(found.version))
      byVersion.set(found.version, found);
  }
  const pending = [...byVersion.values()].sort((a, b2) => compareVersions(a.version, b2.version, order));
  const branches = backportBranches(
    fork,
    pending.map((item) => item.version)
  );
  return { upstream, fork, branch, branchHead, order, start: start2, pending, branches };
}

// src/backport/fetch.ts
import { join as join15 } from "node:path";

// src/pipeline/upstream-data.ts
function upstreamDataRefs(upstream, tag, order) {
  const fetch2 = [];
  const local = {};
  if (upstream.refs.has("refs/heads/pristine-tar")) {
    fetch2.push("refs/heads/pristine-tar");
    local.pristineTar = upstreamRef("refs/heads/pristine-tar");
  }
  if (order === "debian") {
    const uv = upstreamVersionOf(tag.version);
    const upstreamTag = `refs/tags/upstream/${dep14Encode(uv)}`;
    if (upstream.refs.has(upstreamTag)) {
      fetch2.push(upstreamTag);
      local.upstreamTree = upstreamRef(upstreamTag);
    }
  }
  if (!local.upstreamTree) local.upstreamTree = upstreamRef(`refs/tags/${tag.name}`);
  return { fetch: fetch2, local };
}

// src/backport/fetch.ts
async function fetchForPort(settings, discovery, base, forkEnv) {
  const data = upstreamDataRefs(discovery.upstream, base, discovery.order);
  const sources = [discovery.start, ...discovery.pending];
  const kept = discovery.archive ? sources.filter((source) => source.commit).map((source) => `refs/tags/patch-carrier/${source.tag}`) : [];
  const tags = discovery.archive ? [] : sources.map((source) => source.tag);
  const repo = await prepareWorkspace({
    dir: join15(settings.workDir, "repo"),
    forkUrl: settings.remoteUrl,
    forkEnv,
    forkRefs: [
      `refs/heads/${discovery.branch}`,
      ...[...discovery.branches.keys()].map((version) => `refs/heads/${backportBranch(version)}`),
      ...kept
    ],
    upstreamUrl: settings.upstreamUrl,
    upstreamRefs: [...new Set([base.name, ...tags].map((tag) => `refs/tags/${tag}`).concat(data.fetch))]
  });
  await requireFetched(repo, discovery.branchHead, `Branch '${discovery.branch}'`);
  return repo;
}

// src/backport/conflict.ts
function conflictOf(port) {
  const failed2 = port.verdicts.find((item) => item.verdict.kind === "conflict");
  if (!failed2 || failed2.verdict.kind !== "conflict") return void 0;
  const { output, files, rejects, reason: reason2 } = failed2.verdict;
  return {
    failed: { kind: "patch", name: failed2.patch.name, output: reason2 ? `${reason2}
${output}` : output },
    files: files.map((path, index) => ({ path, hunks: index === 0 ? rejects : "" })),
    remaining: []
  };
}

// src/pipeline/conflict/survey.ts
var REBASE = "patch-carrier/rebase/";
var UPSTREAM = "patch-carrier/upstream/";
var rebaseBranch = (tag) => `${REBASE}${tag}`;
var upstreamBranch = (tag) => `${UPSTREAM}${tag}`;
var headsRef = (branch) => `refs/heads/${branch}`;
function carrierBranchesOf(forkRefs) {
  const byTag = /* @__PURE__ */ new Map();
  const entry = (tag) => {
    let found = byTag.get(tag);
    if (!found) byTag.set(tag, found = { tag });
    return found;
  };
  for (const [ref, sha] of forkRefs) {
    if (ref.startsWith(`refs/heads/${REBASE}`)) entry(ref.slice(`refs/heads/${REBASE}`.length)).rebase = sha;
    else if (ref.startsWith(`refs/heads/${UPSTREAM}`))
      entry(ref.slice(`refs/heads/${UPSTREAM}`.length)).upstream = sha;
  }
  return [...byTag.values()].filter((branches) => branches.tag !== "");
}
var PATTERN = /<!-- patch-carrier:state kind=(conflict|review) pushed=([0-9a-f]{40,64}) branch-head=([0-9a-f]{40,64}) noted=([0-9a-f]{40,64}|-) -->/;
function renderState(state) {
  return `<!-- patch-carrier:state kind=${state.kind} pushed=${state.pushed} branch-head=${state.branchHead} noted=${state.noted ?? "-"} -->`;
}
function parseState(body) {
  const match = PATTERN.exec(body ?? "");
  if (!match) return void 0;
  const [, kind, pushed, branchHead, noted] = match;
  return { kind, pushed, branchHead, ...noted === "-" ? {} : { noted } };
}
function withState(body, state) {
  const rendered = renderState(state);
  if (PATTERN.test(body)) return body.replace(PATTERN, rendered);
  return `${body.trimEnd()}

${rendered}
`;
}
function relevantCarriers(discovery) {
  const target = discovery.target;
  return carrierBranchesOf(discovery.fork.refs).filter((branches) => {
    if (branches.tag === target.name) return true;
    const version = tagVersion(branches.tag, discovery.order);
    return version !== void 0 && compareVersions(version, target.version, discovery.order) < 0;
  }).map((branches) => ({ ...branches, tagCommit: discovery.upstream.tagCommits.get(branches.tag) }));
}
var baseMoved = (entry) => entry.upstream !== void 0 && entry.tagCommit !== void 0 && entry.upstream !== entry.tagCommit;
async function readPullRequests(pulls, entries) {
  if (entries.length === 0) return [];
  const open = await pulls.listOpen(rebaseBranch(""));
  const result = [];
  for (const entry of entries) {
    const head = rebaseBranch(entry.tag);
    const base = upstreamBranch(entry.tag);
    let pull = open.find((candidate) => candidate.head === head && candidate.base === base);
    if (!pull && baseMoved(entry)) [pull] = await pulls.findMerged(head, base);
    result.push({ ...entry, pull, state: parseState(pull?.body) });
  }
  return result;
}
function resolutionOf(entry, expected) {
  if (baseMoved(entry)) return { kind: "merged", sha: entry.upstream };
  const head = entry.rebase;
  if (head === void 0 || head === expected || head === entry.state?.pushed) return { kind: "none" };
  return entry.state ? { kind: "pushed", sha: head } : { kind: "unaccounted", sha: head };
}
function foreignShas(entry, expected) {
  const shas = [];
  if (baseMoved(entry)) shas.push(entry.upstream);
  const head = entry.rebase;
  if (head !== void 0 && head !== entry.state?.pushed && head !== expected) shas.push(head);
  return shas;
}

// src/backport/hold.ts
async function holdBackport(context2, stop) {
  const { report, pulls } = context2;
  report.notes.push(stop.message);
  report.commit = stop.sha;
  context2.log.warning(stop.message);
  const pull = stop.pull;
  if (!pull) return;
  report.pullRequest = { number: pull.number, url: pull.url };
  const state = parseState(pull.body);
  if (!state || state.noted === stop.sha || !pulls.client || context2.settings.dryRun) return;
  await pulls.client.comment(pull.number, stop.message);
  await pulls.client.update(pull.number, { body: withState(pull.body, { ...state, noted: stop.sha }) });
}

// src/git/objects.ts
var UPSTREAM_REMOTE = "patch-carrier-upstream";
var FORK_REMOTE = "patch-carrier-fork";
function promisorEnv(upstreamUrl, forkUrl, promisors = true) {
  const entries = [];
  for (const [name, url] of [
    [UPSTREAM_REMOTE, upstreamUrl],
    [FORK_REMOTE, forkUrl]
  ]) {
    if (!url) continue;
    entries.push([`remote.${name}.url`, url]);
    if (promisors) {
      entries.push([`remote.${name}.promisor`, "true"], [`remote.${name}.partialclonefilter`, "blob:none"]);
    }
  }
  const quoted = entries.map(([key, value]) => shellQuote(`${key}=${value}`));
  return { GIT_CONFIG_PARAMETERS: quoted.join(" ") };
}
function shellQuote(text) {
  return `'${text.replace(/['!]/g, (char) => `'\\${char}'`)}'`;
}
async function missingObjects(repo, revs, exclude = []) {
  if (revs.length === 0) return [];
  const listing = await repo.read([
    "rev-list",
    "--objects",
    "--no-object-names",
    "--missing=print",
    ...revs,
    ...exclude.length > 0 ? ["--not", ...exclude] : []
  ]);
  return listing.split("\n").filter((line2) => line2.startsWith("?")).map((line2) => line2.slice(1));
}
async function fetchObjects(repo, remote, oids, env = {}) {
  const wanted = [...new Set(oids)];
  if (wanted.length === 0) return;
  await repo.exec(
    [
      "-c",
      "fetch.negotiationAlgorithm=noop",
      "fetch",
      "--quiet",
      "--no-tags",
      "--no-write-fetch-head",
      "--recurse-submodules=no",
      "--filter=blob:none",
      "--stdin",
      remote
    ],
    { input: `${wanted.join("\n")}
`, env }
  );
}
async function presentObjects(repo, oids) {
  if (oids.length === 0) return /* @__PURE__ */ new Set();
  const answer = await repo.read(["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    input: `${oids.join("\n")}
`,
    env: withoutPromisors()
  });
  return new Set(
    answer.split("\n").filter((line2) => !line2.endsWith(" missing")).map((line2) => line2.slice(0, line2.indexOf(" ")))
  );
}
function withoutPromisors() {
  return { GIT_CONFIG_PARAMETERS: "" };
}

// src/git/push.ts
var EXACT_PACK = ["-c", "pack.useSparse=false"];
function push(repo, request) {
  return repo.exec(
    [
      ...EXACT_PACK,
      "push",
      ...request.atomic ? ["--atomic"] : [],
      "--porcelain",
      "--no-verify",
      ...request.leases.map((lease) => `--force-with-lease=${lease.ref}:${lease.expected}`),
      "--end-of-options",
      request.url,
      ...request.refspecs
    ],
    { okCodes: [0, 1], env: request.env }
  );
}
function pushOutcome(result, moved2) {
  if (result.code === 0) return { kind: "pushed" };
  const rejected = result.stdout.split("\n").filter((line2) => line2.startsWith("!")).join("\n");
  if (moved2.test(rejected + result.stderr)) {
    return { kind: "moved", detail: rejected || result.stderr.trim() };
  }
  throw new Error(`git push to the fork failed:
${(result.stderr || result.stdout).trim()}`);
}
async function pushAtomic(options) {
  const result = await push(new GitRepo(options.gitDir, void 0, options.env), {
    url: options.url,
    atomic: true,
    leases: [{ ref: options.branchRef, expected: options.expected }],
    refspecs: options.updates.map((update) => `${update.sha}:${update.ref}`)
  });
  return pushOutcome(result, /stale info|cannot lock ref/);
}
async function pushLeased(repo, url, updates) {
  if (updates.length === 0) return { kind: "pushed" };
  const result = await push(repo, {
    url,
    atomic: true,
    leases: updates.map((update) => ({ ref: update.ref, expected: update.expected ?? "" })),
    refspecs: updates.map((update) => `${update.sha ?? ""}:${update.ref}`),
    // a narrowly fetched work repository holds what the push sends: it needs to fetch nothing more
    env: withoutPromisors()
  });
  return pushOutcome(result, /stale info|cannot lock ref|already exists/);
}
async function pushNewRef(options) {
  const result = await push(new GitRepo(options.gitDir, void 0, options.env), {
    url: options.url,
    atomic: false,
    leases: [{ ref: options.ref, expected: "" }],
    refspecs: [`${options.sha}:${options.ref}`]
  });
  if (result.code === 0) return { kind: "created" };
  const now = (await listRemote(options.url, options.env)).refs.get(options.ref);
  if (now === options.sha) return { kind: "created" };
  const detail = (result.stderr || result.stdout).trim();
  if (now === void 0) throw new Error(`git push of ${options.ref} to the fork failed:
${detail}`);
  return { kind: "exists", sha: now };
}

// src/git/shell-commands.ts
function shellWord(word) {
  if (/^[A-Za-z0-9_./:=+@%,-]+$/.test(word) && !word.startsWith("-")) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
var line = (...words) => words.map((word) => /^(git|-{1,2}[A-Za-z][a-z-]*)$/.test(word) ? word : shellWord(word)).join(" ");
var shellCommands = {
  fetch: (remote, refspecs) => line("git", "fetch", remote, ...refspecs),
  /** Creates or resets `branch` at `start` and checks it out. */
  switchTo: (branch, start2) => line("git", "switch", "-C", branch, start2),
  push: (remote, refspec) => line("git", "push", remote, refspec),
  cherryPick: (commits) => line("git", "cherry-pick", ...commits),
  commit: (message, paths) => line("git", "commit", "-m", message, "--", ...paths)
};

// src/github/marker.ts
var PREFIX = "<!-- patch-carrier:conflict";
function renderConflictMarker(marker) {
  return `${PREFIX} upstream-tag=${encodeURIComponent(marker.upstreamTag)} branch=${encodeURIComponent(marker.branch)} -->`;
}

// src/github/markdown.ts
var JOINER = "\u2060";
var UNSAFE = /[\u0000\u202a-\u202e\u2066-\u2069]/g;
var CONTROL = /[\u0000-\u001f\u007f]+/g;
function oneLine(text) {
  return text.replace(UNSAFE, "\uFFFD").replace(CONTROL, " ");
}
function escapeInline(text) {
  return oneLine(text).replace(/[!-/:-@[-`{-~]/g, (char) => `\\${char}`).replace(/\\([@#])/g, `\\$1${JOINER}`).replace(/\\:\\\/\\\//g, `\\:${JOINER}\\/\\/`).replace(/\b(w)(ww\\\.)/gi, `$1${JOINER}$2`);
}
function longestRun(text, char) {
  let longest = 0;
  let current = 0;
  for (const c3 of text) {
    current = c3 === char ? current + 1 : 0;
    if (current > longest) longest = current;
  }
  return longest;
}
function codeSpan(text) {
  const content = oneLine(text);
  if (content === "") return "` `";
  const fence = "`".repeat(longestRun(content, "`") + 1);
  const pad = /^[` ]|[` ]$/.test(content) ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}
function fencedBlock(content, info2 = "") {
  const text = content.replace(UNSAFE, "\uFFFD").replace(/\r\n?/g, "\n").replace(/\n$/, "");
  const fence = "`".repeat(Math.max(3, longestRun(text, "`") + 1));
  return `${fence}${info2}
${text}
${fence}`;
}

// src/github/body.ts
var defaultBodyLimits = { maxLength: 6e4, maxFileChars: 15e3, maxRemaining: 50 };
var OMITTED_RESERVE = 3e3;
function clip(text, max) {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}\u2026`;
}
function subject(text) {
  return escapeInline(clip(text, 200));
}
function short(sha) {
  return codeSpan(sha.slice(0, 12));
}
function failedLine(failed2) {
  return failed2.kind === "commit" ? `**Failed commit:** ${short(failed2.commit.sha)} ${subject(failed2.commit.subject)}` : `**Failed patch:** ${codeSpan(failed2.name)} no longer applies to the new upstream source without fuzz.`;
}
function remainingSection(remaining, max) {
  if (remaining.length === 0) return "### Commits still to apply\n\nNone: the failed step was the last one.\n";
  const lines = remaining.slice(0, max).map((commit) => `1. ${short(commit.sha)} ${subject(commit.subject)}`);
  if (remaining.length > max) lines.push(`
\u2026and ${remaining.length - max} more.`);
  return `### Commits still to apply (${remaining.length})

${lines.join("\n")}
`;
}
function truncateLines(hunks, room) {
  const lines = hunks.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  let used = 0;
  let kept = 0;
  for (const line2 of lines) {
    if (used + line2.length + 1 > room) break;
    used += line2.length + 1;
    kept++;
  }
  if (kept === lines.length) return { text: lines.join("\n"), dropped: 0 };
  if (kept < 3) return void 0;
  return { text: lines.slice(0, kept).join("\n"), dropped: lines.length - kept };
}
function fileBlock(file, room, limits) {
  const heading = `#### ${codeSpan(file.path)}

`;
  const fenceCost = 40;
  const cut = truncateLines(file.hunks, Math.min(limits.maxFileChars, room - heading.length - fenceCost));
  if (!cut) return void 0;
  const note = cut.dropped > 0 ? `
_${cut.dropped} more lines not shown: run the commands above to see them._
` : "";
  const block = `${heading}${fencedBlock(cut.text, "diff")}
${note}`;
  return block.length <= room ? block : void 0;
}
function filesSection(files, room, limits) {
  if (files.length === 0) return "";
  const blocks = [];
  let left = room - OMITTED_RESERVE;
  const omitted = [];
  for (const file of files) {
    const block = omitted.length === 0 ? fileBlock(file, left, limits) : void 0;
    if (block === void 0) {
      omitted.push(file);
      continue;
    }
    blocks.push(block);
    left -= block.length + 1;
  }
  let text = `### Conflicting files (${files.length})

${blocks.join("\n")}`;
  if (omitted.length > 0) {
    const names = [];
    let used = 0;
    for (const file of omitted) {
      const line2 = `- ${codeSpan(file.path)}`;
      if (used + line2.length + 1 > OMITTED_RESERVE - 200) break;
      names.push(line2);
      used += line2.length + 1;
    }
    if (names.length < omitted.length) names.push(`- \u2026and ${omitted.length - names.length} more`);
    text += `
Hunks not shown (the description has a size limit):

${names.join("\n")}
`;
  }
  return text;
}
function renderConflictBody(input, limits = defaultBodyLimits) {
  const head = [
    renderConflictMarker({ upstreamTag: input.upstreamTag, branch: input.branch }),
    "",
    `## Rebasing ${codeSpan(input.branch)} onto ${codeSpan(input.upstreamTag)} stopped on a conflict`,
    "",
    `The downstream changes on ${codeSpan(input.branch)} (based on ${codeSpan(input.previousTag)}) do not all apply to the new upstream tag ${codeSpan(input.upstreamTag)}. This pull request holds what applied; its base is the new upstream tag.`,
    "",
    failedLine(input.failed),
    "",
    "### Finish locally",
    "",
    `Resolve the conflict, then push to this pull request\u2019s branch (or merge it). The next run adopts the resolved history, moves ${codeSpan(input.branch)}, builds, publishes and closes this pull request.`,
    "",
    fencedBlock(input.commands.join("\n"), "sh"),
    ""
  ].join("\n");
  const tail = [
    remainingSection(input.remaining, limits.maxRemaining),
    "<sub>Opened by patch-carrier. The next run updates this description in place; a newer upstream tag supersedes this pull request.</sub>",
    ""
  ].join("\n");
  const files = filesSection(input.files, limits.maxLength - head.length - tail.length - 2, limits);
  return [head, files, tail].filter(Boolean).join("\n");
}
var oneLine2 = (text) => text.replace(/[\u0000-\u001f\u007f]+/g, " ");
var clipTitle = (title) => clip(title, 256);
function renderConflictTitle(input) {
  return clipTitle(
    `patch-carrier: conflict rebasing ${oneLine2(input.branch)} onto ${oneLine2(input.upstreamTag)}`
  );
}

// src/pipeline/conflict/pull-request.ts
var PULL_REQUEST_LABEL = "patch-carrier";
function requireToken(settings, what) {
  if (!settings.githubToken)
    throw new Error(`github-token is empty: it is needed to ${what} (nothing was pushed)`);
}
async function openPullRequest(context2, step) {
  const { settings, discovery, repo } = context2;
  const target = discovery.target;
  const head = await pullRequestHead(repo, step.head, target, settings.maintainer);
  const text = pullRequestText(context2, step, {
    kind: step.kind,
    pushed: head,
    branchHead: discovery.branchHead
  });
  const updates = branchUpdates(context2, head);
  const pr2 = `${rebaseBranch(target.name)} \u2192 ${upstreamBranch(target.name)}`;
  if (settings.dryRun) {
    const plan2 = updates.map((update) => `push ${update.sha.slice(0, 12)} to ${update.ref}`);
    return {
      operation: "none",
      plan: [...plan2, `open or update the pull request ${pr2}, titled "${text.title}"`]
    };
  }
  requireToken(settings, `open the pull request ${pr2}`);
  const pushed = await pushLeased(repo, settings.remoteUrl, updates);
  if (pushed.kind === "moved") {
    throw new Error(
      `The pull request branches for ${target.name} changed on the fork during the run: nothing was pushed; the next run looks again.
${pushed.detail}`
    );
  }
  const { pullRequest, action } = await context2.pulls.ensure({
    head: rebaseBranch(target.name),
    base: upstreamBranch(target.name),
    ...text,
    labels: [PULL_REQUEST_LABEL]
  });
  context2.log.info(`Pull request #${pullRequest.number} ${action}: ${pullRequest.url}`);
  const operation = action === "created" ? "created" : action === "updated" || updates.length > 0 ? "updated" : "none";
  return { pullRequest, operation, plan: [] };
}
function branchUpdates(context2, head) {
  const { discovery } = context2;
  const target = discovery.target;
  const current = context2.entries.find((entry) => entry.tag === target.name);
  const updates = [];
  if (current?.upstream !== target.commit) {
    updates.push({
      ref: headsRef(upstreamBranch(target.name)),
      sha: target.commit,
      expected: current?.upstream
    });
  }
  if (current?.rebase !== head) {
    updates.push({ ref: headsRef(rebaseBranch(target.name)), sha: head, expected: current?.rebase });
  }
  const imported = discovery.archive ? importRef(target.name) : void 0;
  if (imported && discovery.fork.refs.get(imported) !== target.commit) {
    updates.push({ ref: imported, sha: target.commit, expected: discovery.fork.refs.get(imported) });
  }
  return updates;
}
async function pullRequestHead(repo, head, tag, committer) {
  if (head !== tag.commit) return head;
  const message = `patch-carrier: pull request for ${tag.name}

Nothing of the downstream history applies on top of the tag yet. This empty commit only lets the
pull request exist: push the resolved history on top of it.
`;
  return commitTree(repo, {
    tree: `${tag.commit}^{tree}`,
    parents: [tag.commit],
    message,
    identity: committer,
    date: await commitDate(repo, tag.commit)
  });
}
function pullRequestText(context2, step, state) {
  const { discovery } = context2;
  const common = {
    branch: discovery.branch,
    upstreamTag: discovery.target.name,
    previousTag: discovery.previous.name,
    state
  };
  return step.kind === "conflict" ? conflictText({ ...common, ...step.conflict }) : reviewText({ ...common, carried: step.carried, dropped: step.dropped });
}
function conflictText(input) {
  const body = renderConflictBody({
    upstreamTag: input.upstreamTag,
    previousTag: input.previousTag,
    branch: input.branch,
    failed: input.failed,
    files: [...input.files],
    remaining: [...input.remaining],
    commands: finishCommands(input)
  });
  return { title: renderConflictTitle(input), body: withState(body, input.state) };
}
var commitLine = (commit) => `1. ${codeSpan(commit.sha.slice(0, 12))} ${escapeInline(commit.subject.slice(0, 200))}`;
function reviewText(input) {
  const branch = codeSpan(input.branch);
  const lines = [
    renderConflictMarker({ upstreamTag: input.upstreamTag, branch: input.branch }),
    "",
    `## Rebase of ${branch} onto ${codeSpan(input.upstreamTag)}, for review`,
    "",
    `The downstream changes on ${branch} (based on ${codeSpan(input.previousTag)}) apply cleanly to the new upstream tag ${codeSpan(input.upstreamTag)}. \`review: always\` is set, so they wait here: merge this pull request and the next run moves ${branch} to the merged history, builds and publishes it. Commits pushed here are kept as they are.`,
    "",
    `### Carried (${input.carried.length})`,
    "",
    ...input.carried.length > 0 ? input.carried.slice(0, 100).map(commitLine) : ["None."],
    ""
  ];
  if (input.dropped.length > 0) {
    lines.push(`### Dropped: already upstream (${input.dropped.length})`, "");
    lines.push(...input.dropped.slice(0, 100).map(commitLine), "");
  }
  lines.push("<sub>Opened by patch-carrier. A newer upstream tag supersedes this pull request.</sub>");
  const title = `patch-carrier: rebase of ${oneLine2(input.branch)} onto ${oneLine2(input.upstreamTag)}, for review`;
  return { title: clipTitle(title), body: withState(lines.join("\n"), input.state) };
}
function finishCommands(request) {
  const prBranch = rebaseBranch(request.upstreamTag);
  const tracking = (branch) => `refs/remotes/origin/${branch}`;
  const fetch2 = [`+${headsRef(prBranch)}:${tracking(prBranch)}`];
  if (request.failed.kind === "commit") fetch2.push(`+${headsRef(request.branch)}:${tracking(request.branch)}`);
  const start2 = [
    "# origin is the fork",
    shellCommands.fetch("origin", fetch2),
    shellCommands.switchTo(prBranch, tracking(prBranch))
  ];
  const push2 = shellCommands.push("origin", `HEAD:${headsRef(prBranch)}`);
  if (request.failed.kind === "commit") {
    const commits = [request.failed.commit, ...request.remaining].map((commit) => commit.sha);
    return [
      ...start2,
      shellCommands.cherryPick(commits),
      "# on each stop: fix the files, `git add` them, then `git cherry-pick --continue`",
      push2
    ];
  }
  const name = request.failed.name;
  return [
    ...start2,
    "export QUILT_PATCHES=debian/patches",
    "quilt push -a --fuzz=0   # stops before the patch that no longer applies",
    "quilt push -f            # applies it with rejects (*.rej): fix those files",
    "quilt refresh",
    "quilt pop -a",
    shellCommands.commit(`Refresh ${name} for ${request.upstreamTag}`, ["debian/patches"]),
    push2
  ];
}

// src/backport/verdicts.ts
function describeVerdict({ patch, verdict }) {
  const cves = patch.cves.length > 0 ? ` (${patch.cves.join(", ")})` : "";
  const place = (after) => after ? `after ${after}` : "at the end of the series";
  switch (verdict.kind) {
    case "skipped":
      return `${patch.name}${cves}: skipped, ${verdict.as === patch.name ? "the fork already has it" : `the fork already carries it as ${verdict.as}`}`;
    case "absorbed":
      return `${patch.name}${cves}: skipped, absorbed: it applies in reverse, the fork's upstream has the fix`;
    case "added":
      return `${patch.name}${cves}: added as it is${verdict.replaces ? ", replacing the earlier version" : `, ${place(verdict.after)}`}`;
    case "refreshed":
      return `${patch.name}${cves}: refreshed (${verdict.how === "level" ? "rewritten for -p1" : `it needed ${verdict.how}`})${verdict.replaces ? ", replacing the earlier version" : `, ${place(verdict.after)}`}`;
    case "conflict":
      return `${patch.name}${cves}: does not apply${verdict.reason ? ` (${verdict.reason})` : ""}`;
  }
}

// src/backport/pull-text.ts
var MAX_REJECTS = 12e3;
function backportText(port, branch, state) {
  const failed2 = port.verdicts.filter((item) => item.verdict.kind === "conflict");
  const cves = [...new Set(failed2.flatMap((item) => item.patch.cves))];
  const title = `patch-carrier: backport of ${port.version} onto ${branch} needs a person${cves.length > 0 ? ` (${cves.join(", ")})` : ""}`;
  const lines = [
    `## Backport of ${codeSpan(port.version)} onto ${codeSpan(branch)}`,
    "",
    `${codeSpan(port.version)} (upstream tag ${codeSpan(port.tag)}) adds or changes these quilt patches against ${codeSpan(port.previous.version)}. patch-carrier ported what applies; this branch also holds the patches that do not apply, as they are, at the end of the series:`,
    "",
    ...port.verdicts.map((item) => `- ${escapeInline(describeVerdict(item))}`),
    "",
    ...failed2.flatMap(failure),
    "### Finish it",
    "",
    fencedBlock(commands(port, branch, failed2).join("\n"), "sh"),
    "",
    `Then merge this pull request (or only push to its branch): the next run takes it into ${codeSpan(branch)}, builds and publishes it, and records the version as ported. Closing it without merging dismisses this version: no pull request is opened for it again.`
  ];
  return {
    title: clipTitle(title),
    body: withState(lines.join("\n"), state)
  };
}
function failure({ patch, verdict }) {
  if (verdict.kind !== "conflict") return [];
  const rejects = verdict.rejects.length > MAX_REJECTS ? `${verdict.rejects.slice(0, MAX_REJECTS)}
\u2026` : verdict.rejects;
  return [
    `### ${codeSpan(patch.name)} does not apply${patch.cves.length > 0 ? ` (${escapeInline(patch.cves.join(", "))})` : ""}`,
    "",
    ...verdict.files.length > 0 ? [`Files: ${verdict.files.map(codeSpan).join(", ")}`, ""] : [],
    fencedBlock(verdict.output.slice(0, 4e3)),
    "",
    ...rejects ? ["Rejected hunks (tried with fuzz 2):", "", fencedBlock(rejects, "diff"), ""] : []
  ];
}
function commands(port, branch, failed2) {
  const head = backportBranch(port.version);
  const tracking = `refs/remotes/origin/${head}`;
  return [
    "# origin is the fork",
    `git fetch origin ${shellWord(`+refs/heads/${head}:${tracking}`)}`,
    `git switch -C ${shellWord(head)} ${shellWord(tracking)}`,
    "export QUILT_PATCHES=debian/patches",
    ...failed2.flatMap(({ patch }) => [
      `quilt push -a --fuzz=0   # stops before ${patch.name}`,
      "quilt push -f            # applies it with rejects (*.rej): port those hunks by hand",
      "quilt refresh"
    ]),
    "quilt pop -a",
    `git commit -m ${shellWord(`Refresh ${failed2.map((item) => item.patch.name).join(", ")} for ${branch}`)} -- debian/patches`,
    `git push origin ${shellWord(`HEAD:refs/heads/${head}`)}`
  ];
}

// src/backport/open-pull.ts
async function openBackportPull(context2, stop, base) {
  const { settings, discovery, report, pulls } = context2;
  const branch = backportBranch(stop.source.version);
  const head = stop.ported.conflictHead;
  const text = backportText(stop.ported.port, discovery.branch, {
    kind: "conflict",
    pushed: head,
    branchHead: base
  });
  const updates = stop.branchSha === head ? [] : [{ ref: `refs/heads/${branch}`, sha: head, expected: stop.branchSha }];
  report.commit = head;
  if (settings.conflict === "fail") return;
  if (settings.dryRun) {
    report.plan.push(...updates.map((update) => `push ${head.slice(0, 12)} to ${update.ref}`));
    report.plan.push(
      `open or update the pull request ${branch} \u2192 ${discovery.branch}, titled "${text.title}"`
    );
    return;
  }
  if (!pulls.client) {
    report.notes.push("No pull request was opened: the fork repository (owner/name) is not known");
    return;
  }
  requireToken(settings, `open the pull request ${branch} \u2192 ${discovery.branch}`);
  const pushed = await pushLeased(context2.repo, settings.remoteUrl, updates);
  if (pushed.kind === "moved")
    throw new Error(
      `${branch} changed on the fork during the run: nothing was pushed; the next run looks again.
${pushed.detail}`
    );
  const { pullRequest, action } = await pulls.client.ensure({
    head: branch,
    base: discovery.branch,
    ...text,
    labels: [PULL_REQUEST_LABEL]
  });
  context2.log.info(`Pull request #${pullRequest.number} ${action}: ${pullRequest.url}`);
  report.pullRequest = { number: pullRequest.number, url: pullRequest.url };
  report.pullRequestOperation = action === "created" ? "created" : action === "updated" || updates.length > 0 ? "updated" : "none";
}

// src/backport/publish.ts
import { join as join17 } from "node:path";

// src/pipeline/scratch.ts
import { mkdir as mkdir6, mkdtemp as mkdtemp3, readdir as readdir2, statfs } from "node:fs/promises";
import { freemem } from "node:os";
import { join as join16 } from "node:path";

// src/files/remove-tree.ts
async function removeTree(dir) {
  await run("rm", ["-rf", "--", dir]);
}

// src/pipeline/scratch.ts
var TMPFS_MAGIC = 16914836;
var MEMORY_ROOT = "/dev/shm";
var TREES_PER_BUILD = 6;
var PREFIX2 = "patch-carrier-";
async function openScratch(request) {
  const root = request.memoryRoot ?? MEMORY_ROOT;
  const memory = request.allowMemory ? await memoryScratch(root, await request.treeBytes() * TREES_PER_BUILD + 64 * 1024 * 1024) : { why: "scratch-in-memory is false" };
  if ("dir" in memory) return memory;
  await removeTree(request.diskDir);
  await mkdir6(request.diskDir, { recursive: true });
  return {
    dir: request.diskDir,
    memory: false,
    reason: `Build scratch on disk, ${request.diskDir}: ${memory.why}`,
    release: async () => void 0
  };
}
async function memoryScratch(root, need) {
  const fs2 = await statfs(root).catch(() => void 0);
  if (!fs2 || fs2.type !== TMPFS_MAGIC) return { why: `${root} is not a tmpfs` };
  const available = fs2.bavail * fs2.bsize;
  if (available < 2 * need || freemem() < 4 * need) {
    return {
      why: `the build needs about ${mib(need)}; ${root} has ${mib(available)} free, the machine ${mib(freemem())}`
    };
  }
  await removeAbandoned(root);
  const dir = await mkdtemp3(join16(root, `${PREFIX2}${process.pid}-`)).catch(() => void 0);
  if (!dir) return { why: `${root} is not writable` };
  let released;
  return {
    dir,
    memory: true,
    reason: `Build scratch in memory, ${dir} (needs about ${mib(need)}; ${mib(available)} free)`,
    // once, however often asked: after the build, and again when the run ends
    release: () => released ??= removeTree(dir)
  };
}
async function removeAbandoned(root) {
  const entries = await readdir2(root).catch(() => []);
  for (const entry of entries) {
    const pid = new RegExp(`^${PREFIX2}(\\d+)-`).exec(entry)?.[1];
    if (pid && !alive(Number(pid))) await removeTree(join16(root, entry)).catch(() => {
    });
  }
}
function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
var mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

// src/pipeline/versioning.ts
var buildTagRef = (version) => `refs/tags/patch-carrier/build/${dep14Encode(version)}`;
var archiveRef = (tag, sha) => `refs/tags/patch-carrier/archive/${tag}/${sha.slice(0, 12)}`;
function versionWithSuffix(base, suffix, head, forkRefs) {
  if (!suffix.includes("{n}")) return base + suffix;
  for (let n = 1; ; n++) {
    const version = base + suffix.replace("{n}", String(n));
    const built = forkRefs.get(buildTagRef(version));
    if (built === void 0 || built === head) return version;
  }
}

// src/git/log.ts
function commitMessage(repo, commit) {
  return repo.read(["log", "-1", "--format=%B", "--end-of-options", commit]);
}
async function messagesBetween(repo, base, head) {
  const log = await repo.read(["log", "--reverse", "--format=%B%x00", "--end-of-options", `${base}..${head}`]);
  return log.split("\0");
}

// src/backport/changes.ts
async function backportChanges(repo, base, head) {
  const byVersion = /* @__PURE__ */ new Map();
  for (const message of await messagesBetween(repo, base, head)) {
    const from = trailer(message, "Backported-from")[0];
    if (!from) continue;
    const entry = byVersion.get(from) ?? { patches: /* @__PURE__ */ new Set(), cves: /* @__PURE__ */ new Set() };
    byVersion.set(from, entry);
    for (const name of trailer(message, "Backported-patches")) entry.patches.add(name);
    for (const cve of trailer(message, "Backported-CVE")) entry.cves.add(cve);
  }
  const items = [...byVersion].map(
    ([version, { patches, cves }]) => cves.size > 0 ? `Backport ${[...cves].join(", ")} from ${version}.` : `Backport ${[...patches].join(", ")} from ${version}.`
  );
  return items.length > 0 ? items : ["Rebuilt by patch-carrier."];
}
function trailer(message, key) {
  return [...message.matchAll(new RegExp(`^${key}: (.*)$`, "gm"))].flatMap(
    (match) => match[1].split(/\s+/).filter(Boolean)
  );
}

// src/packaging/built-files.ts
import { createHash as createHash3 } from "node:crypto";
import { readFile as readFile5, stat as stat2 } from "node:fs/promises";
async function describeFiles(paths) {
  return Promise.all(
    paths.map(async (path) => ({
      path,
      size: (await stat2(path)).size,
      sha256: createHash3("sha256").update(await readFile5(path)).digest("hex")
    }))
  );
}

// src/backport/publish.ts
async function buildPorted(context2, head) {
  const { settings, repo, packager, discovery, base, report } = context2;
  const scratch = await openScratch({
    diskDir: join17(settings.workDir, "build"),
    treeBytes: () => repo.treeBytes(base.commit),
    allowMemory: settings.scratchInMemory
  });
  context2.onEnd(scratch.release);
  context2.deps.log.info(scratch.reason);
  const dataRefs = upstreamDataRefs(discovery.upstream, base, discovery.order);
  const built = await context2.time(
    "Build",
    async () => packager.build({
      repo,
      head,
      upstreamTag: base,
      carried: [],
      dropped: [],
      changes: await backportChanges(repo, base.commit, head),
      versionFor: (version) => versionWithSuffix(version, settings.versionSuffix, head, discovery.fork.refs),
      upstreamData: dataRefs.local,
      settings,
      scratchDir: scratch.dir
    })
  );
  report.version = built.version;
  report.files = await describeFiles(built.files);
  report.publishFiles = built.publish;
  report.notes.push(...built.notes);
  const updates = [];
  if (head !== discovery.branchHead) {
    updates.push({ ref: `refs/heads/${discovery.branch}`, sha: head });
    updates.push({ ref: archiveRef(base.name, discovery.branchHead), sha: discovery.branchHead });
  }
  if (discovery.fork.refs.get(buildTagRef(built.version)) !== head)
    updates.push({ ref: buildTagRef(built.version), sha: head });
  return updates;
}
function isBuilt(discovery, head) {
  return [...discovery.fork.refs].some(
    ([ref, sha]) => ref.startsWith("refs/tags/patch-carrier/build/") && sha === head
  );
}

// src/backport/retire.ts
async function retireBackports(context2, retirements) {
  const { settings, discovery, report, pulls } = context2;
  if (retirements.length === 0) return;
  if (settings.dryRun) {
    report.plan.push(
      ...retirements.map(
        (item) => `delete ${backportBranch(item.version)}${item.pull ? ` and close #${item.pull.number}` : ""}`
      )
    );
    return;
  }
  for (const item of retirements) {
    if (!item.pull || item.pull.state !== "open" || !pulls.client) continue;
    const built = report.version ? `, built as version ${codeSpan(report.version)}` : "";
    const published = report.obsRevision ? ` and published as OBS revision ${codeSpan(report.obsRevision)}` : "";
    const how = {
      adopted: `patch-carrier took the port pushed here (${codeSpan(item.sha.slice(0, 12))})`,
      merged: `${codeSpan(discovery.branch)} contains this port`,
      resolved: `${codeSpan(item.version)} now ports cleanly onto ${codeSpan(discovery.branch)}: this pull request is not needed`
    }[item.reason];
    const closed = await pulls.client.close(
      item.pull.number,
      `${how}; ${codeSpan(discovery.branch)} is at ${codeSpan((report.commit ?? "").slice(0, 12))}${built}${published}.`
    );
    if (closed) report.pullRequestOperation = "closed";
    if (item.reason === "adopted") report.pullRequest = { number: item.pull.number, url: item.pull.url };
  }
  const removed = await pushLeased(
    context2.repo,
    settings.remoteUrl,
    retirements.map((item) => ({ ref: `refs/heads/${backportBranch(item.version)}`, expected: item.sha }))
  );
  if (removed.kind === "moved")
    context2.log.warning(
      `Backport branches changed during the run; they are left for the next run:
${removed.detail}`
    );
}

// src/pipeline/obs-plan.ts
import { basename as basename2 } from "node:path";

// src/obs/errors.ts
var ObsError = class extends Error {
  name = "ObsError";
};
var ObsHttpError = class extends ObsError {
  constructor(message, status, summary2) {
    super(message);
    this.status = status;
    this.summary = summary2;
  }
  status;
  summary;
  name = "ObsHttpError";
};
var ObsBuildError = class extends ObsError {
  constructor(message, results) {
    super(message);
    this.results = results;
  }
  results;
  name = "ObsBuildError";
};
var ObsTransientError = class extends ObsError {
  name = "ObsTransientError";
};
var ObsAuthError = class extends ObsError {
  name = "ObsAuthError";
};
var ObsConcurrentCommitError = class extends ObsError {
  name = "ObsConcurrentCommitError";
};

// src/obs/ssh-signature.ts
import { mkdtemp as mkdtemp4, rm as rm10, writeFile as writeFile4 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join18 } from "node:path";
function signatureRealm(challenge) {
  const match = /(?:^|[\s,])Signature\s+(?:[^,]*,\s*)*?realm="([^"]*)"/i.exec(challenge ?? "");
  return match?.[1];
}
function signatureHeader(user, created, signature) {
  return `Signature keyId="${user}",algorithm="ssh",headers="(created)",created=${created},signature="${signature}"`;
}
function signedText(created) {
  return `(created): ${created}`;
}
function createSshKeygenSigner(tempRoot = tmpdir3()) {
  return async ({ key, realm, created }) => {
    const dir = await mkdtemp4(join18(tempRoot, "pc-obs-key-"));
    try {
      const keyFile = join18(dir, "key");
      await writeFile4(keyFile, key.endsWith("\n") ? key : `${key}
`, { mode: 384, flag: "wx" });
      const armored = await sshKeygenSign(keyFile, realm, created);
      const body = /-----BEGIN SSH SIGNATURE-----([\s\S]*?)-----END SSH SIGNATURE-----/.exec(armored)?.[1];
      if (!body) throw new Error("ssh-keygen produced no SSH signature");
      return body.replace(/\s+/g, "");
    } finally {
      await rm10(dir, { recursive: true, force: true });
    }
  };
}
async function sshKeygenSign(keyFile, realm, created) {
  try {
    const result = await run("ssh-keygen", ["-Y", "sign", "-n", realm, "-f", keyFile], {
      input: signedText(created),
      // never wait for a passphrase: a runner has nobody to type it
      env: { SSH_ASKPASS: "", SSH_ASKPASS_REQUIRE: "never", DISPLAY: "" }
    });
    return result.stdout;
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    const detail = error.result.stderr.trim();
    throw new Error(`ssh-keygen could not sign with obs-ssh-key${detail ? `: ${detail}` : ""}`);
  }
}

// src/obs/auth.ts
function createAuthenticator(credentials, deps) {
  const { user, password, sshKey } = credentials;
  if (!user) throw new ObsAuthError("OBS user is empty");
  if (/[":\s]/.test(user))
    throw new ObsAuthError(`OBS user ${JSON.stringify(user)} contains '"', ':' or white space`);
  const basic = password ? `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` : void 0;
  deps.redactor.add(password);
  deps.redactor.add(basic?.slice("Basic ".length));
  deps.redactor.add(sshKey);
  const cookies = /* @__PURE__ */ new Map();
  let signature;
  return {
    headers() {
      const headers = {};
      const authorization = signature ?? basic;
      if (authorization) headers.authorization = authorization;
      if (cookies.size > 0)
        headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
      return headers;
    },
    noteResponse(response) {
      for (const line2 of setCookieLines(response.headers)) {
        const pair = line2.split(";", 1)[0] ?? "";
        const eq = pair.indexOf("=");
        if (eq <= 0) continue;
        const value = pair.slice(eq + 1).trim();
        deps.redactor.add(value);
        cookies.set(pair.slice(0, eq).trim(), value);
      }
      if (response.ok && signature && cookies.size > 0) signature = void 0;
    },
    async answer(challenge) {
      const realm = signatureRealm(challenge);
      if (realm === void 0 || !sshKey) return false;
      const created = Math.floor(deps.now() / 1e3);
      const body = await deps.signer({ key: sshKey, realm, created });
      deps.redactor.add(body);
      cookies.clear();
      signature = signatureHeader(user, created, body);
      return true;
    },
    mismatch(challenge) {
      if (password || !sshKey || signatureRealm(challenge) !== void 0) return void 0;
      const offered = authSchemes(challenge).join(", ") || "no";
      return `OBS offers only ${offered} authentication, not the SSH signature scheme obs-ssh-key answers: set obs-password for user '${user}'`;
    }
  };
}
function authSchemes(challenge) {
  const parts = (challenge ?? "").match(/(?:[^,"]|"(?:[^"\\]|\\.)*")+/g) ?? [];
  return parts.flatMap(
    (part) => /^\s*([A-Za-z][\w.!#$%&'*+^`|~-]*)(?:\s+(?![\s=])|\s*$)/.exec(part)?.[1] ?? []
  );
}
function setCookieLines(headers) {
  if (typeof headers.getSetCookie === "function") return headers.getSetCookie();
  const joined = headers.get("set-cookie");
  return joined ? joined.split(/,(?=\s*[^;,=\s]+=)/) : [];
}

// src/obs/xml.ts
function escapeXml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
var repeated = /* @__PURE__ */ new Set(["entry", "result", "status", "revision"]);
var named = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function decodeXml(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref) => {
    if (ref.startsWith("#")) {
      const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code <= 1114111 ? String.fromCodePoint(code) : whole;
    }
    return named[ref] ?? whole;
  });
}
var parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  attributeValueProcessor: (_name, value) => decodeXml(value),
  tagValueProcessor: (_name, value) => decodeXml(value),
  isArray: (name, _path, _leaf, isAttribute) => !isAttribute && repeated.has(name)
});
function parseRoot(xml, rootName) {
  let doc;
  try {
    doc = parser.parse(xml);
  } catch (error) {
    throw new Error(`OBS sent invalid XML (expected <${rootName}>): ${error.message}`);
  }
  const found = doc?.[rootName];
  const root = Array.isArray(found) ? found[0] : found;
  if (root === void 0) throw new Error(`OBS sent no <${rootName}> document: ${xml.slice(0, 200)}`);
  return typeof root === "object" && root !== null ? root : {};
}
function children(node, name) {
  const value = node[name];
  if (value === void 0 || typeof value === "string") return value === void 0 ? [] : [{ "#text": value }];
  return Array.isArray(value) ? value : [value];
}
function attr(node, name) {
  const value = node[name];
  return typeof value === "string" ? value : void 0;
}
function childText(node, name) {
  const value = node[name];
  if (typeof value === "string") return value;
  if (value && !Array.isArray(value)) return typeof value["#text"] === "string" ? value["#text"] : void 0;
  return void 0;
}
function statusSummary(xml) {
  if (!/^\s*(<\?xml[^>]*>\s*)?<status[\s>]/.test(xml)) return void 0;
  try {
    return childText(parseRoot(xml, "status"), "summary")?.trim();
  } catch {
    return void 0;
  }
}

// src/obs/builds.ts
var failed = /* @__PURE__ */ new Set(["failed", "unresolvable", "broken"]);
var done = /* @__PURE__ */ new Set(["succeeded", "failed", "unresolvable", "broken", "disabled", "excluded", "locked"]);
function parseResults(xml) {
  return children(parseRoot(xml, "resultlist"), "result").flatMap(
    (result) => children(result, "status").map((status) => ({
      repository: attr(result, "repository") ?? "?",
      arch: attr(result, "arch") ?? "?",
      code: attr(status, "code") ?? "unknown",
      package: attr(status, "package") ?? "?",
      details: (childText(status, "details") ?? "").trim() || void 0,
      dirty: attr(result, "dirty") === "true" || attr(status, "dirty") === "true"
    }))
  );
}
function summarise(results) {
  return results.map(
    (r2) => `${r2.repository}/${r2.arch}${r2.package.includes(":") ? ` (${r2.package})` : ""}: ${r2.code}${r2.dirty ? " (outdated)" : ""}${r2.details ? ` \u2014 ${r2.details}` : ""}`
  );
}
async function waitForBuilds(deps, request) {
  const deadline = deps.now() + (request.timeoutMs ?? 2 * 36e5);
  const label = `${request.project}/${request.package}`;
  let last = "";
  await deps.sleep(request.settleMs ?? 15e3);
  for (; ; ) {
    const response = await deps.transport.request({
      method: "GET",
      path: ["build", request.project, "_result"],
      query: { package: request.package, multibuild: "1", locallink: "1" }
    });
    const results = parseResults(response.text);
    const lines = summarise(results);
    if (lines.join("\n") !== last)
      deps.log(`OBS builds of ${label}:
  ${lines.join("\n  ") || "(no repositories)"}`);
    last = lines.join("\n");
    if (results.length === 0)
      throw new ObsBuildError(
        `OBS project ${request.project} builds ${request.package} for no repository`,
        results
      );
    const broken = results.filter((r2) => failed.has(r2.code) && !r2.dirty);
    if (broken.length > 0)
      throw new ObsBuildError(`OBS builds of ${label} failed:
  ${summarise(broken).join("\n  ")}`, results);
    if (results.every((r2) => !r2.dirty && done.has(r2.code))) return { results, lines };
    if (deps.now() >= deadline) {
      throw new ObsBuildError(
        `OBS builds of ${label} did not finish in time:
  ${lines.join("\n  ")}`,
        results
      );
    }
    await deps.sleep(Math.min(request.intervalMs ?? 3e4, Math.max(0, deadline - deps.now())));
  }
}

// src/obs/package.ts
async function readPackage(transport, ref, revision) {
  const response = await transport.request({
    method: "GET",
    path: ["source", ref.project, ref.package],
    query: revision ? { rev: revision } : void 0
  });
  return parseDirectory(response.text);
}
function parseDirectory(xml) {
  const root = parseRoot(xml, "directory");
  const files = children(root, "entry").map((entry) => {
    const name = attr(entry, "name");
    const md5 = attr(entry, "md5");
    if (!name || !md5) throw new ObsError(`OBS listed a file without name or md5: ${xml.slice(0, 200)}`);
    return { name, md5, size: Number(attr(entry, "size") ?? 0) };
  });
  const serviceinfo = children(root, "serviceinfo")[0];
  const revision = attr(root, "rev") ?? "0";
  if (!/^\d+$/.test(revision))
    throw new ObsError(`OBS sent a revision that is not a number: ${JSON.stringify(revision)}`);
  return {
    revision,
    srcmd5: attr(root, "srcmd5") ?? "",
    files,
    serviceState: serviceinfo ? attr(serviceinfo, "code") : void 0
  };
}
async function readPackageIfAny(transport, ref) {
  const path = ["source", ref.project, ref.package];
  const response = await transport.request({ method: "GET", path, accept: [404] });
  return response.status === 404 ? void 0 : parseDirectory(response.text);
}
async function packageExists(transport, ref) {
  const meta = ["source", ref.project, ref.package, "_meta"];
  return (await transport.request({ method: "GET", path: meta, accept: [404] })).status !== 404;
}
async function ensurePackage(transport, user, ref, options = {}) {
  if (await packageExists(transport, ref)) return { created: false };
  await createPackage(transport, user, ref, options);
  return { created: true };
}
async function createPackage(transport, user, ref, options = {}) {
  if (options.createProject) {
    const projectMeta = ["source", ref.project, "_meta"];
    const project = await transport.request({ method: "GET", path: projectMeta, accept: [404] });
    if (project.status === 404) {
      const xml2 = `<project name="${escapeXml(ref.project)}"><title>${escapeXml(ref.project)}</title><description/><person userid="${escapeXml(user)}" role="maintainer"/></project>`;
      await transport.request({ method: "PUT", path: projectMeta, query: { user }, body: xml2 });
    }
  }
  const xml = `<package name="${escapeXml(ref.package)}" project="${escapeXml(ref.project)}"><title>${escapeXml(options.title ?? ref.package)}</title><description/></package>`;
  const meta = ["source", ref.project, ref.package, "_meta"];
  await transport.request({ method: "PUT", path: meta, query: { user }, body: xml });
}

// src/obs/commit.ts
import { createHash as createHash5 } from "node:crypto";
import { readFile as readFile6 } from "node:fs/promises";

// src/obs/files.ts
import { createHash as createHash4 } from "node:crypto";
import { createReadStream } from "node:fs";
function checkFileName(name) {
  const shown2 = JSON.stringify(name);
  if (name === "") throw new ObsError("OBS file name is empty");
  if (name.includes("/")) throw new ObsError(`OBS file name ${shown2} contains '/'`);
  if (name.startsWith(".")) throw new ObsError(`OBS file name ${shown2} starts with '.'`);
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new ObsError(`OBS file name ${shown2} contains a control character`);
  if (/[\ud800-\udfff]/.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ""))) {
    throw new ObsError(`OBS file name ${shown2} is not valid Unicode`);
  }
}
function checkFileNames(files) {
  const seen = /* @__PURE__ */ new Set();
  for (const file of files) {
    checkFileName(file.name);
    if (seen.has(file.name)) throw new ObsError(`OBS file name ${JSON.stringify(file.name)} is listed twice`);
    seen.add(file.name);
  }
}
async function digestFiles(files) {
  checkFileNames(files);
  const out = [];
  for (const file of files) out.push({ ...file, ...await digestFile(file.path) });
  return out;
}
async function digestFile(path) {
  const md5 = createHash4("md5");
  const sha256 = createHash4("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path)) {
    md5.update(chunk);
    sha256.update(chunk);
    size += chunk.length;
  }
  return { md5: md5.digest("hex"), sha256: sha256.digest("hex"), size };
}
function md5Of(bytes) {
  return createHash4("md5").update(bytes).digest("hex");
}

// src/obs/retry.ts
var defaultRetry = {
  attempts: 5,
  baseDelayMs: 1e3,
  maxDelayMs: 3e4,
  timeoutMs: 3e5
};
function retryPolicy(overrides = {}) {
  const policy = { ...defaultRetry, ...overrides };
  if (!Number.isInteger(policy.attempts) || policy.attempts < 1)
    throw new Error("OBS retry attempts must be \u2265 1");
  if (!(policy.timeoutMs > 0)) throw new Error("OBS request timeout must be > 0");
  return policy;
}
function backoffDelay(policy, attempt2) {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt2 - 1));
}
function isTransientStatus(status) {
  return status === 408 || status === 500 || status === 502 || status === 503 || status === 504;
}
var transientCodes = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
]);
function transientCause(error) {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.name === "TimeoutError" || e.name === "AbortError") return "timed out";
    const code = e.code;
    if (code && transientCodes.has(code)) return code;
    if (/socket hang up|other side closed|terminated/i.test(e.message)) return e.message;
  }
  return void 0;
}

// src/obs/commit.ts
var maxRounds = 3;
function sameFiles(files, planned) {
  if (files.length !== planned.length) return false;
  const md5s = new Map(files.map((file) => [file.name, file.md5]));
  return planned.every((entry) => md5s.get(entry.name) === entry.md5);
}
async function commitFileList(deps, ref, base, planned, meta) {
  const commit = { deps, ref, base, planned, uploads: [], proven: /* @__PURE__ */ new Map() };
  let recheck = false;
  let rounds = 0;
  let failures = 0;
  for (; ; ) {
    const moved2 = recheck ? await outcomeIfMoved(commit) : void 0;
    if (moved2) return moved2;
    if (++rounds > maxRounds) {
      throw new ObsError(
        `OBS still reports files missing after ${maxRounds} upload rounds for ${ref.project}/${ref.package}`
      );
    }
    recheck = true;
    let reply;
    try {
      reply = await post(deps.transport, ref, planned, commit.proven, meta);
    } catch (error) {
      const settled = await afterLostReply(commit, error, ++failures);
      if (settled) return settled;
      rounds--;
      continue;
    }
    const missing = missingEntries(reply);
    if (!missing) return { kind: "committed", state: parseDirectory(reply), uploads: commit.uploads };
    const gone = await supplyMissing(commit, missing);
    if (gone) return gone;
  }
}
async function outcomeIfMoved(commit) {
  const current = await readPackage(commit.deps.transport, commit.ref);
  if (current.revision === commit.base.revision) return void 0;
  if (sameFiles(current.files, commit.planned))
    return { kind: "committed", state: current, uploads: commit.uploads };
  return { kind: "moved", current, uploads: commit.uploads };
}
async function afterLostReply(commit, error, failures) {
  if (!(error instanceof ObsTransientError)) throw error;
  const { deps, ref } = commit;
  if (failures >= deps.retry.attempts) {
    const settled = await outcomeIfMoved(commit).catch(() => void 0);
    if (settled?.kind === "committed") return settled;
    throw error;
  }
  const delay = backoffDelay(deps.retry, failures);
  deps.log(
    `OBS commit of ${ref.project}/${ref.package}: outcome unknown (${error.message}); re-reading in ${delay} ms`
  );
  await deps.sleep(delay);
  return void 0;
}
async function supplyMissing(commit, missing) {
  const { deps, ref, planned, proven } = commit;
  const wanted = missing.map(({ name, hash }) => ({
    name,
    hash,
    entry: planned.find((e) => e.name === name)
  }));
  if (wanted.some(({ entry }) => !entry?.local)) {
    const current = await readPackage(deps.transport, ref);
    if (current.revision !== commit.base.revision) return { kind: "moved", current, uploads: commit.uploads };
  }
  for (const { name, hash, entry } of wanted) {
    if (!entry || !entry.local && hash !== "missing" || proven.has(name)) {
      throw new ObsError(
        `OBS does not accept ${JSON.stringify(name)} for ${ref.project}/${ref.package} (${hash ?? "missing"})`
      );
    }
  }
  const sent = await Promise.all(
    wanted.map(async ({ name, hash, entry }) => {
      const local = entry.local;
      const sentFile = local && hash !== "missing" ? await upload(deps, ref, local) : void 0;
      if (hash !== void 0)
        proven.set(name, local?.sha256 ?? await keptSha256(deps.transport, ref, entry));
      return sentFile;
    })
  );
  commit.uploads.push(...sent.filter((file) => file !== void 0));
  return void 0;
}
function post(transport, ref, planned, proven, meta) {
  const entries = [...planned].sort((a, b2) => a.name < b2.name ? -1 : a.name > b2.name ? 1 : 0).map((entry) => {
    const sha256 = proven.get(entry.name);
    const hash = sha256 ? ` hash="sha256:${sha256}"` : "";
    return `  <entry name="${escapeXml(entry.name)}" md5="${escapeXml(entry.md5)}"${hash}/>
`;
  });
  return transport.request({
    method: "POST",
    path: ["source", ref.project, ref.package],
    query: { cmd: "commitfilelist", user: meta.user, comment: meta.comment, withvalidate: "1" },
    body: `<directory>
${entries.join("")}</directory>
`,
    idempotent: false
  }).then((response) => response.text);
}
function missingEntries(reply) {
  const root = parseRoot(reply, "directory");
  const error = attr(root, "error");
  if (error === void 0) return void 0;
  if (error !== "missing") throw new ObsError(`OBS refused the commit: ${error}`);
  return children(root, "entry").map((entry) => ({
    name: attr(entry, "name") ?? "",
    hash: attr(entry, "hash")
  }));
}
async function keptSha256(transport, ref, entry) {
  const response = await transport.request({
    method: "GET",
    path: ["source", ref.project, ref.package, entry.name],
    query: entry.revision ? { rev: entry.revision } : void 0
  });
  const bytes = response.bytes;
  if (md5Of(bytes) !== entry.md5)
    throw new ObsError(`OBS returned other bytes for ${JSON.stringify(entry.name)} than its md5`);
  return createHash5("sha256").update(bytes).digest("hex");
}
async function upload(deps, ref, file) {
  const bytes = await readFile6(file.path);
  if (md5Of(bytes) !== file.md5) throw new ObsError(`${file.path} changed while it was being published`);
  deps.log(`OBS uploading ${file.name} (${bytes.length} bytes)`);
  await deps.transport.request({
    method: "PUT",
    path: ["source", ref.project, ref.package, file.name],
    query: { rev: "repository" },
    body: bytes
  });
  return { name: file.name, bytes: bytes.length };
}

// src/obs/keep.ts
var defaultKeep = ["_service*", "_constraints", "_multibuild"];
function keepMatcher(globs) {
  const patterns = globs.filter((glob) => glob.trim() !== "").map((glob) => globToRegExp(glob.trim()));
  return (name) => patterns.some((pattern) => pattern.test(name));
}
function globToRegExp(glob) {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else if (char === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end === -1) source += "\\[";
      else {
        const body = glob.slice(i + 1, end);
        const negated = body.startsWith("!") || body.startsWith("^");
        source += `[${negated ? "^" : ""}${(negated ? body.slice(1) : body).replace(/[\\\]]/g, "\\$&")}]`;
        i = end;
      }
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}

// src/obs/publish.ts
async function publish(deps, request) {
  const ref = { project: request.project, package: request.package };
  const label = `${ref.project}/${ref.package}`;
  const keep = keepMatcher(request.keep ?? defaultKeep);
  if (request.files.length === 0) throw new ObsError(`nothing to publish to ${label}: the file set is empty`);
  const comment = cleanComment(request.message);
  checkFileNames(request.files);
  const [local, found] = await Promise.all([
    digestFiles(request.files),
    readPackageIfAny(deps.transport, ref),
    request.ready
  ]);
  if (!found && request.create && !await packageExists(deps.transport, ref))
    await createPackage(deps.transport, deps.user, ref);
  const uploaded = [];
  let base = found ?? await readPackage(deps.transport, ref);
  let keptFrom = base;
  let committed;
  let replaced;
  const done3 = (state) => {
    const names = new Set(state.files.map((file) => file.name));
    const removed = (replaced?.files ?? []).map((file) => file.name).filter((name) => !names.has(name));
    return { revision: state.revision, changed: committed !== void 0, uploaded, removed: removed.sort() };
  };
  for (let attempt2 = 1; ; attempt2++) {
    const planned = plan(local, keptFrom, keep);
    if (sameFiles(base.files, planned)) {
      if (!committed) deps.log(`OBS ${label}: unchanged at revision ${base.revision}; nothing to commit`);
      return done3(base);
    }
    const outcome = await commitFileList(deps, ref, base, planned, { user: deps.user, comment });
    uploaded.push(...outcome.uploads);
    if (outcome.kind === "moved") {
      if (attempt2 > 1) throw concurrent(label, outcome.current, committed);
      deps.log(
        `OBS ${label}: revision ${outcome.current.revision} was committed meanwhile; planning again on it`
      );
      base = keptFrom = outcome.current;
      continue;
    }
    committed = outcome.state;
    if (Number(committed.revision) === Number(base.revision) + 1) {
      replaced ??= base;
      deps.log(`OBS ${label}: committed revision ${committed.revision}`);
      return done3(committed);
    }
    const before = await readPackage(deps.transport, ref, String(Number(committed.revision) - 1));
    replaced ??= before;
    deps.log(
      `OBS ${label}: revision ${before.revision} was committed just before ours (${committed.revision})`
    );
    if (attempt2 > 1) {
      if (sameFiles(committed.files, plan(local, before, keep))) return done3(committed);
      throw concurrent(label, before, committed);
    }
    base = committed;
    keptFrom = before;
  }
}
function plan(local, from, keep) {
  const names = new Set(local.map((file) => file.name));
  const kept = from.files.filter((file) => keep(file.name) && !names.has(file.name)).map(({ name, md5 }) => ({ name, md5, revision: from.revision }));
  return [...local.map((file) => ({ name: file.name, md5: file.md5, local: file })), ...kept];
}
function concurrent(label, theirs, ours2) {
  const state = ours2 ? `our revision ${ours2.revision} may not carry the kept files of their revision ${theirs.revision}` : `nothing was committed; the package stays at their revision ${theirs.revision}`;
  return new ObsConcurrentCommitError(
    `OBS package ${label} was committed to by someone else twice while publishing: ${state}. Run again when nobody else is committing.`
  );
}
function cleanComment(message) {
  const unstorable = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g;
  return message.replace(unstorable, " ").replace(/\r\n?/g, "\n");
}

// src/obs/redact.ts
var minLength = 4;
function createRedactor() {
  const secrets = /* @__PURE__ */ new Set();
  const add = (secret) => {
    if (!secret || secret.length < minLength) return;
    secrets.add(secret);
    for (const line2 of secret.split(/\r?\n/)) if (line2.trim().length >= 16) secrets.add(line2.trim());
  };
  return {
    add,
    redact(text) {
      let out = text;
      for (const secret of [...secrets].sort((a, b2) => b2.length - a.length))
        out = out.split(secret).join("***");
      return out;
    }
  };
}

// src/obs/transport.ts
function createTransport(deps) {
  const root = apiRoot(deps.apiUrl);
  const describe2 = (request) => deps.redactor.redact(`${request.method} ${requestTarget(request)}`);
  const exchange = (request) => exchangeOnce(deps, `${root}${requestTarget(request)}`, request, describe2(request));
  return {
    describe: describe2,
    request: (request) => withRetries(deps, request, describe2(request), exchange)
  };
}
function requestTarget(request) {
  const path = request.path.map((segment) => encodeURIComponent(segment).replace(/%3A/g, ":")).join("/");
  const query = Object.entries(request.query ?? {}).map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&");
  return `/${path}${query ? `?${query}` : ""}`;
}
async function exchangeOnce(deps, url, request, label) {
  for (let challenged = false; ; challenged = true) {
    const headers = { accept: "application/xml, text/xml;q=0.9, */*;q=0.1" };
    Object.assign(headers, deps.auth.headers());
    if (request.body !== void 0) headers["content-type"] = "application/octet-stream";
    const response = await deps.fetch(url, {
      method: request.method,
      headers,
      body: request.body,
      redirect: "manual",
      // a redirect could carry credentials elsewhere
      signal: AbortSignal.timeout(deps.retry.timeoutMs)
    });
    const bytes = new Uint8Array(await response.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    deps.auth.noteResponse(response);
    if (response.status !== 401) return { status: response.status, text, bytes };
    await answerChallenge(deps, response.headers.get("www-authenticate"), challenged, label, text);
  }
}
async function answerChallenge(deps, challenge, challenged, label, text) {
  const { redact } = deps.redactor;
  const mismatch = challenged ? void 0 : deps.auth.mismatch(challenge);
  if (mismatch) throw new ObsAuthError(redact(`OBS ${label} needs a login: ${mismatch}`));
  if (challenged || !await deps.auth.answer(challenge)) {
    throw new ObsAuthError(
      redact(
        `OBS rejected the credentials of user '${deps.user}' (HTTP 401 on ${label}${statusSummary(text) ? `: ${statusSummary(text)}` : ""}); check obs-user and obs-password or obs-ssh-key`
      )
    );
  }
}
async function withRetries(deps, request, label, exchange) {
  const idempotent = request.idempotent ?? request.method !== "POST";
  for (let attempt2 = 1; ; attempt2++) {
    const outcome = await tryOnce(deps, request, label, exchange);
    if (typeof outcome !== "string") return outcome;
    if (!idempotent || attempt2 >= deps.retry.attempts) {
      throw new ObsTransientError(
        `OBS ${label} failed after ${attempt2} attempt(s): ${deps.redactor.redact(outcome)}`
      );
    }
    const delay = backoffDelay(deps.retry, attempt2);
    deps.log(`OBS ${label}: retrying in ${delay} ms (attempt ${attempt2 + 1} of ${deps.retry.attempts})`);
    await deps.sleep(delay);
  }
}
async function tryOnce(deps, request, label, exchange) {
  const { redact } = deps.redactor;
  const started = deps.now();
  try {
    const response = await exchange(request);
    deps.log(`OBS ${label} \u2192 ${response.status} (${deps.now() - started} ms)`);
    if (response.status < 300 || request.accept?.includes(response.status)) return response;
    if (!isTransientStatus(response.status)) throw httpError(label, response, redact);
    return `HTTP ${response.status}${summaryPart(response.text, redact)}`;
  } catch (error) {
    if (error instanceof ObsError) throw error;
    const cause = transientCause(error);
    if (!cause) throw new ObsError(redact(`OBS ${label} failed: ${reasons(error)}`));
    deps.log(`OBS ${label} \u2192 ${cause} (${deps.now() - started} ms)`);
    return cause;
  }
}
function apiRoot(apiUrl) {
  const url = parseHttpUrl(apiUrl);
  if (typeof url === "string") throw new ObsError(`OBS API URL ${url}`);
  if (url.search || url.hash) throw new ObsError("OBS API URL must not have a query or fragment");
  return url.href.replace(/\/+$/, "");
}
function reasons(error) {
  const parts = [];
  for (let e = error; e instanceof Error && parts.length < 4; e = e.cause) parts.push(e.message);
  return parts.join(": ") || String(error);
}
function summaryPart(text, redact) {
  const summary2 = statusSummary(text);
  return summary2 ? `: ${redact(summary2)}` : "";
}
function httpError(label, response, redact) {
  const summary2 = redact(statusSummary(response.text) ?? response.text.trim().slice(0, 300));
  return new ObsHttpError(
    `OBS ${label} \u2192 HTTP ${response.status}${summary2 ? `: ${summary2}` : ""}`,
    response.status,
    summary2
  );
}

// src/obs/client.ts
function createObsClient(options) {
  const redactor = createRedactor();
  const log = (line2) => options.log?.(redactor.redact(line2));
  const sleep = options.sleep ?? ((ms2) => new Promise((resolve12) => setTimeout(resolve12, ms2)));
  const now = options.now ?? Date.now;
  const retry = retryPolicy(options.retry);
  const auth = createAuthenticator(options.auth, {
    signer: options.signer ?? createSshKeygenSigner(),
    now,
    redactor
  });
  const transport = createTransport({
    apiUrl: options.apiUrl,
    user: options.auth.user,
    auth,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    retry,
    sleep,
    now,
    log,
    redactor
  });
  const user = options.auth.user;
  return {
    publish: (request) => publish({ transport, retry, sleep, log, user }, request),
    ensurePackage: (ref, opts) => ensurePackage(transport, user, ref, opts),
    readPackage: (ref, revision) => readPackage(transport, ref, revision),
    waitForBuilds: (request) => waitForBuilds({ transport, sleep, now, log }, request)
  };
}

// src/pipeline/obs-plan.ts
var sized = (files) => files.map((file) => `${file.name} (${file.size} bytes)`).join(", ");
async function planObsCommit(obs, settings, report, log) {
  const { project, package: pkg } = settings.obs;
  const label = `${project}/${pkg}`;
  const paths = report.files.map((file) => file.path).filter((path) => !report.publishFiles || report.publishFiles.includes(path));
  const local = await digestFiles(paths.map((path) => ({ name: basename2(path), path })));
  let remote;
  try {
    remote = await obs.readPackage({ project, package: pkg });
  } catch (error) {
    if (!(error instanceof ObsHttpError && error.status === 404)) {
      const reason2 = error instanceof Error ? error.message : String(error);
      log.warning(`Dry run: could not read ${label} from OBS, so every file is planned for upload: ${reason2}`);
    }
  }
  const onObs = new Map((remote?.files ?? []).map((file) => [file.name, file.md5]));
  const upload2 = local.filter((file) => onObs.get(file.name) !== file.md5);
  const unchanged = local.filter((file) => onObs.get(file.name) === file.md5);
  const keep = keepMatcher(settings.obs.keep);
  const names = new Set(local.map((file) => file.name));
  const remove = [...onObs.keys()].filter((name) => !names.has(name) && !keep(name)).sort();
  if (upload2.length === 0 && remove.length === 0) {
    return [
      `OBS ${label} already has these files (revision ${remote?.revision ?? "?"}): nothing to upload, no new revision`
    ];
  }
  const bytes = upload2.reduce((sum, file) => sum + file.size, 0);
  const plan2 = [
    `commit to OBS ${label}: ${sized(upload2) || "no upload"}` + (upload2.length > 0 ? ` \u2014 ${upload2.length} file${upload2.length === 1 ? "" : "s"}, ${bytes} bytes to upload` : "")
  ];
  if (!remote) {
    plan2.push(
      `${label} does not exist on OBS yet: ` + (settings.obs.create ? "it is created (obs-create)" : "create it, or set obs-create: true")
    );
  }
  if (unchanged.length > 0) plan2.push(`already on OBS, not uploaded: ${sized(unchanged)}`);
  if (remove.length > 0) plan2.push(`remove from OBS ${label}: ${remove.join(", ")}`);
  return plan2;
}

// src/pipeline/concurrent-run.ts
async function pushedByAnotherRun(url, updates, forkEnv) {
  const prefixes = updates.map((update) => update.ref);
  const refs = (await listRefs(url, { prefixes, peel: false }, forkEnv)).refs;
  return updates.length > 0 && updates.every((update) => (refs.get(update.ref) ?? "") === update.sha);
}
var pushedByAnotherRunNote = "Another run started on the same state pushed exactly this result meanwhile: nothing more was pushed";

// src/pipeline/publish.ts
import { basename as basename3 } from "node:path";
function obsCommitMessage(settings, report) {
  const lines = [
    `${report.version ?? ""}: ${settings.mode === "sync" ? `rebased onto upstream tag ${report.upstreamTag ?? ""}` : report.backport ? `built on upstream tag ${report.backport.base ?? ""} with patches backported up to ${report.upstreamTag ?? ""}` : `built on upstream tag ${report.previousTag ?? ""}`}`,
    "",
    `upstream tag object: ${report.upstreamTagObject ?? "unknown"}`,
    ...report.upstreamSignature ? [`upstream tag signed by: ${report.upstreamSignature}`] : [],
    ...archiveLines(report),
    `fork: ${settings.repository || settings.remoteUrl} ${report.branch ?? ""} @ ${report.commit ?? ""}`
  ];
  if (settings.runUrl) lines.push(`run: ${settings.runUrl}`);
  const committed = new Set(report.publishFiles ?? report.files.map((file) => file.path));
  const files = report.files.filter((file) => committed.has(file.path));
  lines.push("", ...files.map((file) => `sha256 ${file.sha256}  ${basename3(file.path)}`));
  return lines.join("\n");
}
function archiveLines(report) {
  const archive2 = report.archive;
  if (!archive2) return [];
  return [
    `Debian archive: ${archive2.url} suite ${archive2.suite}, InRelease of ${archive2.date}, signed by ${archive2.fingerprint}`,
    ...archive2.files.map((file) => `archive sha256 ${file.sha256}  ${file.name}`)
  ];
}
async function publishToObs(obs, settings, report, ready) {
  const { project, package: pkg } = settings.obs;
  if (!project || !pkg) throw new Error("publishing needs obs-project and obs-package");
  return obs.publish({
    project,
    package: pkg,
    files: (report.publishFiles ?? report.files.map((file) => file.path)).map((path) => ({
      name: basename3(path),
      path
    })),
    keep: settings.obs.keep,
    message: obsCommitMessage(settings, report),
    create: settings.obs.create,
    ready
  });
}
async function waitForObsBuilds(obs, settings) {
  const { project, package: pkg, waitMinutes } = settings.obs;
  if (!project || !pkg || waitMinutes === void 0) return [];
  const summary2 = await obs.waitForBuilds({ project, package: pkg, timeoutMs: waitMinutes * 6e4 });
  return summary2.lines;
}

// src/pipeline/ship.ts
var PublishedNotPushedError = class extends Error {
  constructor(report, message) {
    super(message);
    this.report = report;
    this.name = "PublishedNotPushedError";
  }
  report;
};
async function publishAndPush(request) {
  const { settings, deps, report, time, updates } = request;
  let published;
  let reserved;
  if (request.publishing) {
    await assertBranchUnmoved(request);
    published = await time("Publish", async () => {
      const reservation = reserveVersion(request);
      const publishing = (async () => publishToObs(deps.obsFor(settings), settings, report, reservation))();
      const [reservedNow, obsNow] = await Promise.allSettled([reservation, publishing]);
      if (reservedNow.status === "rejected") throw reservedNow.reason;
      reserved = reservedNow.value;
      if (obsNow.status === "rejected") throw obsNow.reason;
      return obsNow.value;
    });
    report.obsRevision = published.revision;
    report.notes.push(
      published.changed ? `OBS revision ${published.revision}: uploaded ${published.uploaded.map((u3) => `${u3.name} (${u3.bytes} bytes)`).join(", ") || "nothing"}` + (published.removed.length > 0 ? `; removed ${published.removed.join(", ")}` : "") : `OBS already had these files: revision ${published.revision} unchanged, nothing uploaded`
    );
  }
  const rest = updates.filter((update) => update !== reserved);
  if (rest.length === 0) return;
  try {
    const pushed = await time(
      "Push",
      () => pushAtomic({
        gitDir: request.gitDir,
        url: settings.remoteUrl,
        branchRef: `refs/heads/${request.branch}`,
        expected: request.branchHead,
        updates: rest,
        env: request.forkEnv
      })
    );
    if (pushed.kind === "moved") {
      if (!await pushedByAnotherRun(settings.remoteUrl, updates, request.forkEnv))
        throw published ? new BranchMoved(pushed.detail) : movedError(request, pushed.detail);
      report.notes.push(pushedByAnotherRunNote);
    }
  } catch (error) {
    if (!published) throw error;
    throw notPushed(request, published, reserved, error);
  }
}
var BranchMoved = class extends Error {
};
async function assertBranchUnmoved(request) {
  if (!request.leaseBranch) return;
  const branchRef = `refs/heads/${request.branch}`;
  const listing = await listRefs(
    request.settings.remoteUrl,
    { prefixes: [branchRef], peel: false },
    request.forkEnv
  );
  const now = listing.refs.get(branchRef);
  const head = request.updates.find((update) => update.ref === branchRef)?.sha;
  if (now !== request.branchHead && now !== head)
    throw movedError(request, `now ${now?.slice(0, 12) ?? "deleted"}`);
}
function movedError(request, detail) {
  return new Error(
    `Branch '${request.branch}' moved on the fork during the run (it was ${request.branchHead.slice(0, 12)}): nothing was pushed or published; the next run starts from the new head.
${detail}`
  );
}
async function reserveVersion(request) {
  const version = request.report.version;
  const update = version && request.updates.find((candidate) => candidate.ref === buildTagRef(version));
  if (!version || !update) return void 0;
  const reserved = await pushNewRef({
    gitDir: request.gitDir,
    url: request.settings.remoteUrl,
    ref: update.ref,
    sha: update.sha,
    env: request.forkEnv
  }).catch((error) => {
    throw new Error(
      `Reserving version ${version} on the fork failed: nothing was published.
${error.message}`
    );
  });
  if (reserved.kind === "exists") {
    const tag = update.ref.replace(/^refs\/tags\//, "");
    const suffix = request.settings.versionSuffix;
    throw new Error(
      suffix.includes("{n}") ? `Version ${version} was taken while this run built it: the fork's tag ${tag} now names commit ${reserved.sha.slice(0, 12)}, not ${update.sha.slice(0, 12)}. Nothing was published; run again to build under the next {n}.` : `version-suffix '${suffix}' has no {n}, and ${version} already names the package built from ${reserved.sha.slice(0, 12)} (the fork's tag ${tag}), not from ${update.sha.slice(0, 12)}. Nothing was published: add {n} to version-suffix, so that each build gets its own version.`
    );
  }
  request.deps.log.info(`Version ${version} reserved for ${update.sha.slice(0, 12)}: pushed ${update.ref}`);
  return update;
}
function notPushed(request, published, reserved, error) {
  const { report, settings } = request;
  const where = `${settings.obs.project}/${settings.obs.package}`;
  const version = report.version ?? "";
  const what = published.changed ? `${version} was published as OBS revision ${published.revision} of ${where}` : `OBS revision ${published.revision} of ${where} already held ${version}`;
  const built = request.updates.find((update) => update.ref === buildTagRef(version))?.sha ?? report.commit;
  const head = built ? ` (built from ${built.slice(0, 12)})` : "";
  const why = error instanceof BranchMoved ? `branch '${request.branch}' moved on the fork during the run (it was ${request.branchHead.slice(0, 12)}). ` + (reserved ? `The fork's tag ${reserved.ref.replace(/^refs\/tags\//, "")} keeps ${version} for that build, so the next run builds the new head under another version. ` : "") + `To do: look at what moved the branch, then run again.
${error.message}` : `the push failed. To do: fix what stopped it and run again: the re-run builds the same files, finds them on OBS and only pushes.
${error.message}`;
  report.result = "published-not-pushed";
  report.pushed = reserved ? [reserved] : [];
  report.notPushed = `${what}${head}, but the fork was not updated: ${why}`;
  return new PublishedNotPushedError(report, report.notPushed);
}

// src/backport/ship.ts
async function ship(context2, updates, forkEnv) {
  const { settings, discovery, report, deps } = context2;
  const branchRef = `refs/heads/${discovery.branch}`;
  const publishing = Boolean(settings.obs.project) && report.files.length > 0;
  report.pushed = [...updates];
  if (settings.dryRun) {
    for (const update of updates) {
      const lease = update.ref === branchRef ? ` (now ${discovery.branchHead.slice(0, 12)}; --force-with-lease)` : "";
      report.plan.push(`push ${update.sha.slice(0, 12)} to ${update.ref}${lease}`);
    }
    if (publishing)
      report.plan.push(...await planObsCommit(deps.obsFor(settings), settings, report, deps.log));
    return;
  }
  await publishAndPush({
    settings,
    deps,
    report,
    time: context2.time,
    gitDir: context2.repo.gitDir,
    branch: discovery.branch,
    branchHead: discovery.branchHead,
    updates,
    forkEnv,
    publishing,
    leaseBranch: true
  });
}

// src/backport/finish.ts
async function finishBackport(context2, pulls, outcome, forkEnv, kept = []) {
  const { settings, deps, repo, discovery, report, time } = context2;
  const building = settings.mode === "build" || outcome.head !== discovery.branchHead || outcome.retire.some((item) => item.reason === "merged") && !isBuilt(discovery, outcome.head);
  const updates = building ? await buildPorted(context2, outcome.head) : [];
  for (const record of outcome.records) {
    if (discovery.fork.refs.get(recordRef(record.version)) !== record.sha)
      updates.push({ ref: recordRef(record.version), sha: record.sha });
  }
  const handled = /* @__PURE__ */ new Set([discovery.start.version, ...outcome.records.map((record) => record.version)]);
  const pkg = discovery.archive?.pkg ?? "";
  updates.push(
    ...kept.filter((update) => [...handled].some((version) => update.ref === sourceRef(pkg, version)))
  );
  await ship(context2, updates, forkEnv);
  report.commit = outcome.head;
  const pullContext = { settings, discovery, repo, pulls, log: deps.log, report };
  const stop = outcome.stop;
  if (stop?.kind === "conflict") {
    report.conflict = conflictOf(stop.ported.port);
    await time("Pull request", () => openBackportPull(pullContext, stop, outcome.head));
  } else if (stop?.kind === "hold") {
    await holdBackport(pullContext, stop);
  }
  await retireBackports(pullContext, outcome.retire);
  report.result = outcome.stop ? "conflict" : settings.dryRun && updates.length > 0 ? "planned" : report.obsRevision !== void 0 ? "published" : settings.mode === "build" ? "built" : updates.length > 0 || outcome.retire.length > 0 ? "updated" : "up-to-date";
  return report;
}

// src/backport/fork-base.ts
import { join as join19 } from "node:path";
async function forkBaseTag(settings, discovery, forkEnv) {
  const { upstream, order } = discovery;
  const byCommit = /* @__PURE__ */ new Map();
  const tags = [...upstream.tagCommits].flatMap(([name, commit]) => {
    const version = tagVersion(name, order);
    return version === void 0 ? [] : [{ name, commit, version }];
  });
  tags.sort((a, b2) => compareVersions(b2.version, a.version, order) || (a.name < b2.name ? -1 : 1));
  for (const tag of tags) if (!byCommit.has(tag.commit)) byCommit.set(tag.commit, tag);
  const probeDir = join19(settings.workDir, "probe.git");
  const history = await retryAfterStaleLock(
    probeDir,
    () => readBranchHistory(
      probeDir,
      settings.remoteUrl,
      discovery.branch,
      (commits) => commits.some((sha) => byCommit.has(sha)),
      forkEnv
    )
  );
  for (const sha of history.commits) {
    const tag = byCommit.get(sha);
    if (tag) return tag;
  }
  throw new DiscoveryError(
    `Branch '${discovery.branch}' contains no tag of upstream-url: a pinned fork must be based on one (its version and orig tarballs are what the backports are built on)`
  );
}

// src/backport/port-version.ts
import { readFile as readFile11 } from "node:fs/promises";
import { join as join30 } from "node:path";

// src/packaging/debian/export-tree.ts
import { mkdir as mkdir7, readdir as readdir3 } from "node:fs/promises";
import { resolve as resolve2 } from "node:path";

// src/git/scratch-index.ts
import { mkdtemp as mkdtemp5, rm as rm11 } from "node:fs/promises";
import { tmpdir as tmpdir4 } from "node:os";
import { join as join20 } from "node:path";
async function withTreeIndex(repo, tree, work) {
  const dir = await mkdtemp5(join20(tmpdir4(), "patch-carrier-index-"));
  try {
    const indexed = repo.withEnv({ GIT_INDEX_FILE: join20(dir, "index") });
    await indexed.exec(["read-tree", tree]);
    return await work(indexed);
  } finally {
    await rm11(dir, { recursive: true, force: true });
  }
}
var nulList = (paths) => paths.map((path) => `${path}\0`).join("");
async function checkoutFiles(repo, tree, dest, paths) {
  await withTreeIndex(repo, tree, async (indexed) => {
    const which = paths ? ["-z", "--stdin"] : ["--all"];
    await indexed.exec(["checkout-index", "--force", ...which], {
      env: { GIT_WORK_TREE: dest },
      cwd: dest,
      input: paths && nulList(paths)
    });
  });
}
function editTree(repo, base, set, remove) {
  return withTreeIndex(repo, base, async (indexed) => {
    await indexed.exec(["update-index", "--add", "--cacheinfo", `${set.mode},${set.blob},${set.path}`]);
    await indexed.exec(["update-index", "--force-remove", "-z", "--stdin"], { input: nulList(remove) });
    return indexed.read(["write-tree"]);
  });
}
function patchesReproduce(repo, base, head, paths, patches) {
  return withTreeIndex(repo, base, async (indexed) => {
    for (const patch of patches) {
      const applied = await indexed.exec(["apply", "--cached", "--whitespace=nowarn", "-"], {
        input: patch,
        okCodes: [0, 1, 128]
      });
      if (applied.code !== 0) return false;
    }
    const tree = await indexed.read(["write-tree"]);
    const same = await repo.exec(["diff", "--quiet", tree, head, "--", ...paths], { okCodes: [0, 1] });
    return same.code === 0;
  });
}
function treeAttributes(repo, tree, paths, names) {
  return withTreeIndex(repo, tree, async (indexed) => {
    const output = await indexed.read(["check-attr", "--cached", "-z", "--stdin", ...names], {
      input: nulList(paths)
    });
    const fields = output.split("\0");
    const found = /* @__PURE__ */ new Map();
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const [path, name, value] = [fields[i], fields[i + 1], fields[i + 2]];
      if (value === "unspecified" || value === "unset") continue;
      found.set(path, /* @__PURE__ */ new Set([...found.get(path) ?? [], name]));
    }
    return found;
  });
}

// src/packaging/debian/export-tree.ts
async function exportTree(repo, commit, destDir) {
  const dest = resolve2(destDir);
  await mkdir7(dest, { recursive: true });
  if ((await readdir3(dest)).length > 0)
    throw new Error(`cannot export ${commit} into ${dest}: the directory is not empty`);
  const tree = await repo.resolve(`${commit}^{tree}`);
  if (!tree) throw new Error(`cannot export ${commit}: no such commit or tree in ${repo.gitDir}`);
  await checkoutFiles(repo, tree, dest);
}
async function exportPaths(repo, commit, destDir, paths) {
  if (paths.length === 0) return;
  const dest = resolve2(destDir);
  await mkdir7(dest, { recursive: true });
  await checkoutFiles(repo, `${commit}^{tree}`, dest, paths);
}

// src/packaging/link-guard.ts
import { lstat as lstat3, readdir as readdir4 } from "node:fs/promises";
import { join as join21 } from "node:path";
async function assertLinksInside(root, scope, consequence) {
  const lookup2 = diskLinks(root);
  const resolve12 = async (path) => {
    try {
      return await resolveInTree(lookup2, path);
    } catch (error) {
      throw error instanceof TreeLinkError && consequence ? error.because(consequence) : error;
    }
  };
  const seen = /* @__PURE__ */ new Set();
  const walk2 = async (path) => {
    const info2 = await lstat3(join21(root, path)).catch(() => void 0);
    if (info2?.isSymbolicLink()) return walk2(await resolve12(path));
    if (!info2?.isDirectory() || seen.has(path)) return;
    seen.add(path);
    for (const entry of await readdir4(join21(root, path))) await walk2(path ? `${path}/${entry}` : entry);
  };
  await walk2(await resolve12(scope));
}

// src/packaging/debian/quilt-inputs.ts
import { readFile as readFile7 } from "node:fs/promises";
import { join as join22 } from "node:path";
var PATCHES = "debian/patches/";
async function exportQuiltInputs(repo, commit, destDir) {
  const files = await repo.listFiles(commit);
  const links = repo.linksOf(files);
  const inputs = new Set([...files.keys()].filter((path) => path.startsWith(PATCHES)));
  const reach = async (path) => {
    const resolved = await resolveInTree(links, path, (link) => inputs.add(link));
    if (!files.has(resolved)) return void 0;
    inputs.add(resolved);
    return resolved;
  };
  const series = await reach(`${PATCHES}series`);
  const seriesText = series && await repo.readBlob(files.get(series).sha);
  const patches = [];
  for (const entry of parseSeries(seriesText ? `${seriesText}
` : "")) {
    if (entry.name.split("/").includes("..")) continue;
    const patch = await reach(PATCHES + patchKey(entry.name));
    if (patch) patches.push(patch);
  }
  await exportPaths(repo, commit, destDir, [...inputs]);
  await assertLinksInside(destDir, "debian", "GNU patch and dpkg-source would read through it");
  const named2 = /* @__PURE__ */ new Set();
  for (const patch of patches) {
    for (const path of patchTargets(await readFile7(join22(destDir, patch), "utf8"))) {
      if (files.has(path) && !inputs.has(path)) named2.add(path);
    }
  }
  await exportPaths(repo, commit, destDir, [...named2]);
}
var MAX_PATH = 8192;
var HEADER2 = /^(?:--- |\+\+\+ |\*\*\* |Index: |diff --git |(?:rename|copy) (?:from|to) )(.*)$/gm;
function patchTargets(text) {
  const targets = /* @__PURE__ */ new Set();
  for (const match of text.matchAll(HEADER2)) {
    const rest = (match[1] ?? "").replace(/\r$/, "");
    const names = /* @__PURE__ */ new Set([rest, rest.split("	")[0], rest.split(" ")[0]]);
    if (rest.length <= MAX_PATH) for (const name of unquoted(rest)) names.add(name);
    const middle = (rest.length - 1) / 2;
    if (match[0].startsWith("diff --git ") && rest[middle] === " ") {
      names.add(rest.slice(0, middle));
      names.add(rest.slice(middle + 1));
    }
    for (const name of names) {
      if (name.length <= MAX_PATH) for (const suffix of suffixes(name.trimEnd())) targets.add(suffix);
    }
  }
  return targets;
}
function suffixes(name) {
  const parts = name.split(/\/+/).filter(Boolean);
  return parts.map((_2, index) => parts.slice(index).join("/"));
}
var ESCAPES = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11 };
function unquoted(rest) {
  return [...rest.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => {
    const body = [...match[1]];
    const bytes = [];
    for (let i = 0; i < body.length; i++) {
      const octal = body[i] === "\\" ? /^[0-7]{3}/.exec(body.slice(i + 1, i + 4).join("")) : null;
      if (octal) {
        bytes.push(parseInt(octal[0], 8));
        i += 3;
      } else if (body[i] === "\\") {
        const next = body[++i] ?? "";
        bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      } else {
        bytes.push(...Buffer.from(body[i], "utf8"));
      }
    }
    return Buffer.from(bytes).toString("utf8");
  });
}

// src/backport/inputs-tree.ts
var PATCHES2 = "debian/patches/";
async function exportPortInputs(repo, head, dir, newPatches) {
  const paths = new Set(await treePaths(repo, head));
  await exportPaths(
    repo,
    head,
    dir,
    [...paths].filter((path) => path.startsWith(PATCHES2))
  );
  const texts = [...newPatches];
  for (const entry of parseSeries(await repo.readFile(head, `${PATCHES2}series`) ?? "")) {
    const text = paths.has(PATCHES2 + entry.name) ? await repo.readFile(head, PATCHES2 + entry.name) : void 0;
    if (text !== void 0) texts.push(text);
  }
  const named2 = /* @__PURE__ */ new Set();
  for (const text of texts)
    for (const path of patchTargets(text)) if (paths.has(path) && !path.startsWith(PATCHES2)) named2.add(path);
  await exportPaths(repo, head, dir, [...named2]);
  await assertLinksInside(dir, "debian", "porting would read through it");
}

// src/backport/message.ts
var ported = (item) => item.verdict.kind === "added" || item.verdict.kind === "refreshed";
function portedCves(port, items) {
  const claimed = new Set(port.verdicts.flatMap((item) => item.patch.cves));
  const own = items.flatMap((item) => item.patch.cves);
  return [.../* @__PURE__ */ new Set([...own, ...port.cves.filter((cve) => !claimed.has(cve))])];
}
function portMessage(port, items = port.verdicts.filter(ported)) {
  const cves = portedCves(port, items);
  const subject2 = cves.length > 0 ? `Backport ${cves.join(", ")} from ${port.version}` : `Backport ${items.length === 1 ? items[0].patch.name : `${items.length} patches`} from ${port.version}`;
  return [
    subject2.length <= 200 ? subject2 : `Backport security patches from ${port.version}`,
    "",
    `Quilt patches that ${port.version} (upstream tag ${port.tag}) adds or changes against`,
    `${port.previous.version}, ported by patch-carrier:`,
    "",
    ...port.verdicts.map((item) => `- ${describeVerdict(item)}`),
    "",
    `Backported-from: ${port.version}`,
    `Backported-patches: ${items.map((item) => item.patch.name).join(" ")}`,
    ...cves.length > 0 ? [`Backported-CVE: ${cves.join(" ")}`] : [],
    ""
  ].join("\n");
}
function unportedMessage(port, failed2) {
  const names = failed2.map((item) => item.patch.name);
  const cves = [...new Set(failed2.flatMap((item) => item.patch.cves))];
  return [
    `Add ${names.join(", ")} from ${port.version} as it is: it does not apply yet`,
    "",
    "Refresh it against this tree (quilt push -f, fix, quilt refresh) and push to this branch.",
    "",
    `Backported-from: ${port.version}`,
    `Backported-patches: ${names.join(" ")}`,
    ...cves.length > 0 ? [`Backported-CVE: ${cves.join(" ")}`] : [],
    ""
  ].join("\n");
}

// src/backport/unported.ts
import { readFile as readFile8 } from "node:fs/promises";
import { join as join24 } from "node:path";

// src/backport/commit.ts
import { join as join23 } from "node:path";
async function commitFiles(repo, parent, files, message, committer, date) {
  const sorted = [...files].sort(([a], [b2]) => a < b2 ? -1 : 1);
  const entries = [];
  for (const [path, content] of sorted)
    entries.push({ mode: "100644", blob: await writeBlob(repo, content), path });
  const tree = await withTempDir(
    "backport-index",
    (dir) => writeTreeOf(repo, join23(dir, "index"), entries, { tree: parent })
  );
  return commitTree(repo, { tree, parents: [parent], message, identity: committer, date });
}

// src/files/if-present.ts
async function ifPresent(read, shownAs) {
  try {
    return await read;
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT") return void 0;
    throw new Error(`${shownAs} cannot be read (${code ?? error.message})`);
  }
}

// src/backport/unported.ts
async function addUnported(context2, head, dir, port, failed2, date) {
  let series = await ifPresent(readFile8(join24(dir, "debian/patches/series"), "utf8"), "debian/patches/series") ?? "";
  const files = /* @__PURE__ */ new Map();
  for (const { patch } of failed2) {
    files.set(`debian/patches/${patch.name}`, patch.text);
    if (!parseSeries(series).some((entry) => entry.name === patch.name))
      series = `${series}${series === "" || series.endsWith("\n") ? "" : "\n"}${patch.line}
`;
  }
  files.set("debian/patches/series", series);
  return commitFiles(context2.repo, head, files, unportedMessage(port, failed2), context2.committer, date);
}

// src/backport/port-patches.ts
import { mkdir as mkdir8, readFile as readFile10, writeFile as writeFile6 } from "node:fs/promises";
import { dirname, join as join29 } from "node:path";

// src/backport/attempt.ts
import { cp, rm as rm14, writeFile as writeFile5 } from "node:fs/promises";
import { join as join28 } from "node:path";

// src/backport/gnu-patch.ts
import { copyFile, readdir as readdir5, rm as rm12, stat as stat3 } from "node:fs/promises";
import { join as join25 } from "node:path";
async function applyPatch(tree, file, options) {
  const args = [
    `-p${options.level}`,
    `--fuzz=${options.fuzz}`,
    "--batch",
    "--backup",
    `--prefix=${options.backups}/`,
    `--reject-file=${options.rejects ?? "-"}`,
    "--remove-empty-files",
    "--quoting-style=literal",
    options.reverse ? "--reverse" : "--forward",
    "--input",
    file
  ];
  const result = await run("patch", args, {
    cwd: tree,
    okCodes: [0, 1, 2],
    env: { LC_ALL: "C", POSIXLY_CORRECT: void 0 }
  });
  return { code: result.code, output: `${result.stdout}${result.stderr}`.trim() };
}
var movedOrFuzzed = (output) => /with fuzz \d+/.test(output) ? "fuzz" : /\(offset -?\d+ lines?\)/.test(output) ? "offsets" : void 0;
async function backedUp(backups, relative3 = "") {
  const entries = await readdir5(join25(backups, relative3), { withFileTypes: true }).catch(() => []);
  const paths = [];
  for (const entry of entries) {
    const path = relative3 ? `${relative3}/${entry.name}` : entry.name;
    if (entry.isDirectory()) paths.push(...await backedUp(backups, path));
    else paths.push(path);
  }
  return paths.sort();
}
async function wasAbsent(backup) {
  const info2 = await stat3(backup);
  return info2.size === 0 && (info2.mode & 511) === 0;
}
async function undoPatch(tree, backups) {
  for (const path of await backedUp(backups)) {
    const saved = join25(backups, path);
    await rm12(join25(tree, path), { force: true });
    if (!await wasAbsent(saved)) await copyFile(saved, join25(tree, path));
  }
  await rm12(backups, { recursive: true, force: true });
}

// src/backport/try-patch.ts
import { readFile as readFile9, rm as rm13 } from "node:fs/promises";
import { join as join27 } from "node:path";

// src/packaging/debian/patch-output.ts
function parsePatchOutput(output, level = 1) {
  const files = [];
  const hunks = [];
  let reason2;
  let current = "";
  let quotedTarget = "";
  const fail = (file) => {
    if (file && !files.includes(file)) files.push(file);
  };
  for (const line2 of output.split("\n")) {
    let match;
    if (match = /^(?:checking|patching) file (.+)$/.exec(line2)) {
      current = match[1] ?? "";
    } else if (match = /^\|(?:\+\+\+|---) (\S+)/.exec(line2)) {
      if (match[1] !== "/dev/null") quotedTarget = stripLevel(match[1] ?? "", level);
    } else if (match = /^Hunk #(\d+) FAILED at (\d+)/.exec(line2)) {
      hunks.push({ file: current, hunk: Number(match[1]), line: Number(match[2]) });
      fail(current);
    } else if (/^Reversed \(or previously applied\) patch detected!/.test(line2)) {
      fail(current);
      reason2 ??= `part of the patch is already applied upstream (${current})`;
    } else if (/^No file to patch\./.test(line2)) {
      fail(quotedTarget);
      reason2 ??= `a file it patches does not exist${quotedTarget ? ` (${quotedTarget})` : ""}`;
    } else if (match = /^The next patch would (?:create|delete) the file (.+?), which/.exec(line2)) {
      fail(match[1] ?? "");
      reason2 ??= line2.replace(/\s+Skipping patch\.$/, "");
    } else if (match = /^(?:\S*\/)?patch: \*{4} (.+)$/.exec(line2)) {
      reason2 ??= `GNU patch: ${match[1]}`;
    }
  }
  return { files, hunks, reason: reason2 };
}
function stripLevel(path, level) {
  return path.split("/").slice(level).join("/") || path;
}
function splitRejects(text) {
  const lines = text.split("\n");
  const starts = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const unified = lines[i].startsWith("--- ") && lines[i + 1].startsWith("+++ ");
    const context2 = lines[i].startsWith("*** ") && lines[i + 1].startsWith("--- ");
    if (unified || context2) starts.push({ at: i, file: lines[i + 1].slice(4).split("	")[0].trimEnd() });
  }
  const rejects = /* @__PURE__ */ new Map();
  for (const [index, { at: at2, file }] of starts.entries()) {
    const text2 = lines.slice(at2, starts[index + 1]?.at ?? lines.length).join("\n").trimEnd();
    rejects.set(file, rejects.has(file) ? `${rejects.get(file)}
${text2}` : text2);
  }
  return rejects;
}

// src/backport/refresh.ts
import { access as access3 } from "node:fs/promises";
import { join as join26 } from "node:path";
async function diffFromBackups(tree, backups) {
  const parts = [];
  for (const path of await backedUp(backups)) {
    const before = await wasAbsent(join26(backups, path)) ? "/dev/null" : join26(backups, path);
    const after = await exists(join26(tree, path)) ? join26(tree, path) : "/dev/null";
    const labels = [
      before === "/dev/null" ? "/dev/null" : `a/${path}`,
      after === "/dev/null" ? "/dev/null" : `b/${path}`
    ];
    const result = await run("diff", ["-u", "--label", labels[0], "--label", labels[1], before, after], {
      okCodes: [0, 1],
      env: { LC_ALL: "C" }
    });
    if (result.stdout) parts.push(result.stdout.endsWith("\n") ? result.stdout : `${result.stdout}
`);
  }
  return parts.join("");
}
async function exists(path) {
  return access3(path).then(
    () => true,
    () => false
  );
}

// src/backport/try-patch.ts
async function tryPatch(tree, file, level, scratch, rewrite = false) {
  const backups = join27(scratch, "backups");
  const exact = await applyPatch(tree, file, { level, fuzz: 0, backups });
  if (exact.code === 0) {
    const moved2 = movedOrFuzzed(exact.output);
    if (!moved2 && !rewrite) return done2({ kind: "applies" }, backups);
    return refreshed(tree, backups, moved2 ?? "level");
  }
  await undoPatch(tree, backups);
  const reverse = await applyPatch(tree, file, { level, fuzz: 0, backups, reverse: true });
  await undoPatch(tree, backups);
  if (reverse.code === 0 && !/Ignoring -R\./.test(reverse.output)) return { kind: "absorbed" };
  const rejects = join27(scratch, "rejects");
  const fuzzy = await applyPatch(tree, file, { level, fuzz: 2, backups, rejects });
  if (fuzzy.code === 0) return refreshed(tree, backups, movedOrFuzzed(fuzzy.output) ?? "fuzz");
  await undoPatch(tree, backups);
  const { files, hunks, reason: reason2 } = parsePatchOutput(exact.output, level);
  const rejected = await readFile9(rejects, "utf8").catch(() => "");
  await rm13(rejects, { force: true });
  return {
    kind: "fails",
    output: exact.output,
    files,
    hunks,
    rejects: rejected,
    ...reason2 ? { reason: reason2 } : {}
  };
}
async function refreshed(tree, backups, how) {
  const diff = await diffFromBackups(tree, backups);
  return done2({ kind: "refreshed", how, diff }, backups);
}
async function done2(attempt2, backups) {
  await rm13(backups, { recursive: true, force: true });
  return attempt2;
}

// src/backport/attempt.ts
async function attempt(request, patch, fork, at2) {
  const tree = join28(request.scratch, "tree");
  await rm14(tree, { recursive: true, force: true });
  await cp(request.dir, tree, { recursive: true, verbatimSymlinks: true });
  for (const entry of fork.slice(0, at2)) await applyForkPatch(request, tree, entry, true);
  const file = join28(request.scratch, "candidate.patch");
  await writeFile5(file, patch.text);
  const result = await tryPatch(tree, file, patch.level, request.scratch, patch.level !== 1);
  if (result.kind !== "applies" && result.kind !== "refreshed") return result;
  for (const entry of fork.slice(at2))
    if (!await applyForkPatch(request, tree, entry, false)) return "blocks";
  return result;
}
async function applyForkPatch(request, tree, entry, required) {
  const backups = join28(request.scratch, "fork-backups");
  const file = join28(request.dir, "debian/patches", entry.name);
  const applied = await applyPatch(tree, file, { level: patchLevel(entry), fuzz: 0, backups });
  await rm14(backups, { recursive: true, force: true });
  if (applied.code !== 0 && required)
    throw new Error(
      `The fork's own patch debian/patches/${entry.name} does not apply at fuzz 0; fix the branch first:
${applied.output}`
    );
  return applied.code === 0;
}

// src/backport/normalise.ts
function normalisedChange(text, level) {
  const lines = splitPatch(text).diff.split("\n");
  const files = /* @__PURE__ */ new Map();
  let current;
  for (let i = 0; i < lines.length; i++) {
    const line2 = lines[i];
    if (line2.startsWith("--- ") && (lines[i + 1] ?? "").startsWith("+++ ")) {
      const path = fileOf(line2.slice(4), lines[i + 1].slice(4), level);
      current = files.get(path) ?? [];
      files.set(path, current);
      i++;
      continue;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(line2);
    if (!hunk || !current) continue;
    let old = Number(hunk[1] ?? 1);
    let added = Number(hunk[2] ?? 1);
    while ((old > 0 || added > 0) && i + 1 < lines.length) {
      const body = lines[++i];
      if (body.startsWith("\\")) continue;
      if (body.startsWith("-")) old--;
      else if (body.startsWith("+")) added--;
      else {
        old--;
        added--;
      }
      if (body.startsWith("-") || body.startsWith("+")) current.push(body.trimEnd());
    }
  }
  return [...files.entries()].filter(([, changed]) => changed.length > 0).sort(([a], [b2]) => a < b2 ? -1 : a > b2 ? 1 : 0).map(([path, changed]) => [`@ ${path}`, ...changed].join("\n")).join("\n");
}
function fileOf(oldName, newName, level) {
  const name = (newName.split("	")[0] ?? "").trim();
  const chosen = name === "/dev/null" ? (oldName.split("	")[0] ?? "").trim() : name;
  return chosen.split(/\/+/).slice(level).join("/") || chosen;
}

// src/backport/series-edit.ts
function followedPatch(fork, source, name) {
  const forkNames = new Set(fork.map((entry) => entry.name));
  const index = source.findIndex((entry) => entry.name === name);
  for (let i = index - 1; i >= 0; i--) {
    const before = source[i].name;
    if (forkNames.has(before)) return before;
  }
  return void 0;
}
function insertSeriesLine(series, line2, after) {
  const lines = series === "" ? [] : series.replace(/\n$/, "").split("\n");
  const at2 = after === void 0 ? -1 : lines.findIndex((text) => parseSeries(text)[0]?.name === after);
  if (at2 < 0) lines.push(line2);
  else lines.splice(at2 + 1, 0, line2);
  return `${lines.join("\n")}
`;
}
function replaceSeriesLine(series, name, line2) {
  return series.split("\n").map((text) => parseSeries(text)[0]?.name === name ? line2 : text).join("\n");
}
function positionAfter(entries, after) {
  const index = after === void 0 ? -1 : entries.findIndex((entry) => entry.name === after);
  return index < 0 ? entries.length : index + 1;
}

// src/backport/port-patches.ts
var SERIES = "debian/patches/series";
async function portPatches(request) {
  const verdicts = [];
  for (const patch of request.patches) {
    const verdict = await portOne(request, patch);
    verdicts.push({ patch, verdict });
  }
  return verdicts;
}
async function portOne(request, patch) {
  const { dir } = request;
  const series = await ifPresent(readFile10(join29(dir, SERIES), "utf8"), SERIES) ?? "";
  const fork = parseSeries(series).filter((entry) => !entry.name.split("/").includes(".."));
  const carried = await alreadyCarried(dir, fork, patch);
  if (carried) return { kind: "skipped", as: carried };
  const same = fork.find((entry) => entry.name === patch.name);
  const kept = fork.filter((entry) => entry !== same);
  let after = same ? void 0 : followedPatch(fork, request.sourceSeries, patch.name);
  let tried = await attempt(request, patch, kept, same ? fork.indexOf(same) : positionAfter(kept, after));
  if (tried === "blocks" && !same) {
    after = void 0;
    tried = await attempt(request, patch, kept, kept.length);
  }
  if (tried === "blocks") return blocking;
  if (tried.kind === "absorbed") return { kind: "absorbed" };
  if (tried.kind === "fails") {
    const { output, files, hunks, rejects, reason: reason2 } = tried;
    return { kind: "conflict", output, files, hunks, rejects, ...reason2 ? { reason: reason2 } : {} };
  }
  const refreshed2 = tried.kind === "refreshed" ? tried : void 0;
  const line2 = refreshed2 ? patch.name : patch.line;
  await mkdir8(dirname(join29(dir, "debian/patches", patch.name)), { recursive: true });
  await writeFile6(
    join29(dir, "debian/patches", patch.name),
    refreshed2 ? rebuildPatch(patch.text, refreshed2.diff, request.note) : patch.text
  );
  await writeFile6(
    join29(dir, SERIES),
    same ? replaceSeriesLine(series, patch.name, line2) : insertSeriesLine(series, line2, after)
  );
  const replaces = same !== void 0;
  return refreshed2 ? { kind: "refreshed", how: refreshed2.how, after, replaces } : { kind: "added", after, replaces };
}
var blocking = {
  kind: "conflict",
  output: "a later patch of the fork no longer applies after it",
  files: [],
  hunks: [],
  rejects: ""
};
async function alreadyCarried(dir, fork, patch) {
  const change = normalisedChange(patch.text, patch.level);
  for (const entry of fork) {
    const path = `debian/patches/${entry.name}`;
    const text = await ifPresent(readFile10(join29(dir, path), "utf8"), path) ?? "";
    if (entry.name === patch.name && text === patch.text) return entry.name;
    if (change !== "" && normalisedChange(text, patchLevel(entry)) === change) return entry.name;
  }
  return void 0;
}

// src/backport/port-version.ts
async function portVersion(context2, head, previous, next) {
  const { repo, committer } = context2;
  const found = await versionPatches(
    (revision, path) => repo.readFile(revision, path),
    previous.commit,
    next.commit
  );
  const port = {
    version: next.version,
    tag: next.tag,
    previous: { version: previous.version, tag: previous.tag },
    verdicts: [],
    cves: found.cves
  };
  if (found.patches.length === 0) return { port, head, notes: found.notes };
  const date = await commitDate(repo, next.commit);
  return withTempDir("backport", async (tmp) => {
    const dir = join30(tmp, "fork");
    await exportPortInputs(
      repo,
      head,
      dir,
      found.patches.map((patch) => patch.text)
    );
    port.verdicts = await portPatches({
      dir,
      scratch: join30(tmp, "scratch"),
      sourceSeries: found.series,
      patches: found.patches,
      note: `patch-carrier, hunks refreshed from ${next.version} for ${context2.forkName}`
    });
    const applied = port.verdicts.filter(
      (item) => item.verdict.kind === "added" || item.verdict.kind === "refreshed"
    );
    let newHead = head;
    if (applied.length > 0) {
      const files = /* @__PURE__ */ new Map();
      for (const item of applied)
        files.set(
          `debian/patches/${item.patch.name}`,
          await readFile11(join30(dir, "debian/patches", item.patch.name), "utf8")
        );
      files.set("debian/patches/series", await readFile11(join30(dir, "debian/patches/series"), "utf8"));
      newHead = await commitFiles(repo, head, files, portMessage(port, applied), committer, date);
    }
    const failed2 = port.verdicts.filter((item) => item.verdict.kind === "conflict");
    const conflictHead = failed2.length > 0 ? await addUnported(context2, newHead, dir, port, failed2, date) : void 0;
    return { port, head: newHead, ...conflictHead ? { conflictHead } : {}, notes: found.notes };
  });
}

// src/git/ancestry.ts
async function isAncestor(repo, ancestor, descendant) {
  const result = await repo.exec(["merge-base", "--is-ancestor", ancestor, descendant], {
    okCodes: [0, 1, 128]
  });
  return result.code === 0;
}

// src/backport/settle.ts
async function settle(context2, head, version, sha) {
  const { repo, packager, settings, pulls } = context2;
  if (await isAncestor(repo, sha, head)) return { settled: { kind: "merged", sha } };
  const pull = await pulls.open(version);
  const state = parseState(pull?.body);
  const hold = (message) => ({
    settled: { kind: "hold", sha, message },
    pull
  });
  if (!pull || state?.pushed === sha) return { settled: { kind: "port" }, pull };
  if (!state)
    return hold(
      `${backportBranch(version)} holds commits that no patch-carrier record in its pull request accounts for: it is left alone. Delete the branch to have patch-carrier start over.`
    );
  if (!await isAncestor(repo, head, sha))
    return hold(
      `The pushed history (${sha.slice(0, 12)}) does not contain the head of the fork branch (${head.slice(0, 12)}): patch-carrier cannot take it. Merge this pull request, or base the branch on the fork branch and push again.`
    );
  const checked2 = await packager.checkPatches(repo, sha, settings);
  if (checked2.kind === "conflict") {
    const name = checked2.failed.kind === "patch" ? checked2.failed.name : checked2.failed.commit.subject;
    return hold(
      `The pushed history (${sha.slice(0, 12)}) still has a patch that does not apply at fuzz 0 (${name}): fix it and push again.`
    );
  }
  return { settled: { kind: "adopt", head: checked2.head }, pull };
}

// src/backport/port-pending.ts
async function portPending(context2, discovery) {
  const outcome = {
    head: discovery.branchHead,
    records: [],
    ports: [],
    retire: [],
    notes: []
  };
  let previous = discovery.start;
  for (const source of discovery.pending) {
    const { version } = source;
    const sha = discovery.branches.get(version);
    let pull;
    if (sha) {
      const found = await settle(context2, outcome.head, version, sha);
      pull = found.pull;
      const settled = found.settled;
      if (settled.kind === "hold") {
        outcome.stop = { kind: "hold", source, sha, message: settled.message, pull };
        break;
      }
      if (settled.kind !== "port") {
        if (settled.kind === "adopt") outcome.head = settled.head;
        outcome.records.push({ version, sha: settled.kind === "adopt" ? settled.head : settled.sha });
        outcome.retire.push({ version, sha, pull, reason: settled.kind === "adopt" ? "adopted" : "merged" });
        outcome.notes.push(
          `${version}: ${settled.kind === "adopt" ? "took the finished port pushed to its pull request branch" : "its pull request was merged"}`
        );
        previous = source;
        continue;
      }
    }
    const ported2 = await portVersion(context2, outcome.head, previous, source);
    outcome.ports.push(ported2.port);
    outcome.notes.push(...ported2.notes.map((note) => `${version}: ${note}`));
    if (ported2.conflictHead) {
      const closed = pull ? void 0 : await context2.pulls.closed(version);
      if (!closed) {
        outcome.stop = { kind: "conflict", source, ported: ported2, branchSha: sha, pull };
        break;
      }
      outcome.notes.push(
        closed.merged ? `${version}: its pull request #${closed.number} was merged` : `${version}: its pull request #${closed.number} was closed without merging: not ported, not opened again`
      );
      if (closed.merged && sha) outcome.retire.push({ version, sha, reason: "merged" });
    } else if (sha) {
      outcome.retire.push({ version, sha, pull, reason: "resolved" });
    }
    if (!ported2.conflictHead) outcome.head = ported2.head;
    outcome.records.push({ version, sha: outcome.head });
    previous = source;
  }
  return outcome;
}

// src/github/labels.ts
var NEW_LABEL = { color: "d93f0b", description: "Opened by patch-carrier" };
async function ensureLabels(octokit, repo, names) {
  for (const name of new Set(names)) {
    try {
      await octokit.rest.issues.getLabel({ ...repo, name });
      continue;
    } catch (error) {
      if (!(error instanceof GitHubApiError && error.status === 404)) throw error;
    }
    try {
      await octokit.rest.issues.createLabel({ ...repo, name, ...NEW_LABEL });
    } catch (error) {
      if (!(error instanceof GitHubApiError && error.status === 422)) throw error;
    }
  }
}

// src/github/pulls.ts
function toPullRequest(pull) {
  return {
    number: pull.number,
    url: pull.html_url,
    title: pull.title,
    body: pull.body ?? "",
    head: pull.head.ref,
    headSha: pull.head.sha,
    base: pull.base.ref,
    state: pull.state === "open" ? "open" : "closed",
    merged: pull.merged ?? pull.merged_at !== null,
    labels: pull.labels.flatMap((label) => label.name === void 0 ? [] : [label.name])
  };
}
var sameText = (a, b2) => a.replace(/\r\n/g, "\n") === b2.replace(/\r\n/g, "\n");
var GitHubPullRequests = class {
  constructor(api, owner, repo) {
    this.api = api;
    this.ref = { owner, repo };
  }
  api;
  ref;
  /** Only head branches in this repository count (a fork's same-named branch is someone else's). */
  ours(pull) {
    return pull.head.repo?.full_name.toLowerCase() === `${this.ref.owner}/${this.ref.repo}`.toLowerCase();
  }
  async list(state, head, base) {
    const octokit = await this.api();
    const pulls = await octokit.paginate(octokit.rest.pulls.list, {
      ...this.ref,
      state,
      per_page: 100,
      ...head === void 0 ? {} : { head: `${this.ref.owner}:${head}` },
      ...base === void 0 ? {} : { base }
    });
    return pulls.filter((pull) => this.ours(pull) && (head === void 0 || pull.head.ref === head));
  }
  async find(head, base) {
    const [oldest] = (await this.list("open", head, base)).sort((a, b2) => a.number - b2.number);
    return oldest && toPullRequest(oldest);
  }
  async get(number) {
    const { rest } = await this.api();
    const { data } = await rest.pulls.get({ ...this.ref, pull_number: number });
    return toPullRequest(data);
  }
  async create(input) {
    const { rest } = await this.api();
    const { data } = await rest.pulls.create({
      ...this.ref,
      head: input.head,
      base: input.base,
      title: input.title,
      body: input.body
    });
    const created = toPullRequest(data);
    return this.label(created, input.labels ?? []);
  }
  async label(pull, labels) {
    const missing = labels.filter((name) => !pull.labels.includes(name));
    if (missing.length === 0) return pull;
    const octokit = await this.api();
    await ensureLabels(octokit, this.ref, missing);
    const { data } = await octokit.rest.issues.addLabels({
      ...this.ref,
      issue_number: pull.number,
      labels: missing
    });
    return { ...pull, labels: data.map((label) => label.name) };
  }
  async update(number, changes) {
    const { rest } = await this.api();
    const { data } = await rest.pulls.update({ ...this.ref, pull_number: number, ...changes });
    return toPullRequest(data);
  }
  async ensure(input) {
    let existing = await this.find(input.head, input.base);
    if (!existing) {
      try {
        return { pullRequest: await this.create(input), action: "created" };
      } catch (error) {
        if (!(error instanceof GitHubApiError && error.status === 422)) throw error;
        existing = await this.find(input.head, input.base);
        if (!existing) throw error;
      }
    }
    let pullRequest = existing;
    let action = "unchanged";
    if (!sameText(existing.title, input.title) || !sameText(existing.body, input.body)) {
      pullRequest = await this.update(existing.number, { title: input.title, body: input.body });
      action = "updated";
    }
    const labelled = await this.label(pullRequest, input.labels ?? []);
    return { pullRequest: labelled, action: labelled === pullRequest ? action : "updated" };
  }
  async comment(number, body) {
    const { rest } = await this.api();
    const { data } = await rest.issues.createComment({ ...this.ref, issue_number: number, body });
    return { id: data.id, url: data.html_url };
  }
  async close(number, comment) {
    const current = await this.get(number);
    if (current.state === "closed") return false;
    if (comment) await this.comment(number, comment);
    const { rest } = await this.api();
    await rest.pulls.update({ ...this.ref, pull_number: number, state: "closed" });
    return true;
  }
  async listOpen(headPrefix) {
    const pulls = await this.list("open");
    return pulls.filter((pull) => pull.head.ref.startsWith(headPrefix)).sort((a, b2) => a.number - b2.number).map(toPullRequest);
  }
  async isMerged(number) {
    return (await this.get(number)).merged;
  }
  async findMerged(head, base) {
    const pulls = await this.list("closed", head, base);
    return pulls.filter((pull) => pull.merged_at !== null).sort((a, b2) => b2.number - a.number).map(toPullRequest);
  }
  async findClosed(head, base) {
    const pulls = await this.list("closed", head, base);
    return pulls.sort((a, b2) => b2.number - a.number).map(toPullRequest);
  }
  async defaultBranch() {
    const { rest } = await this.api();
    const { data } = await rest.repos.get({ ...this.ref });
    return data.default_branch;
  }
};
function createPullRequests(options) {
  const { owner, repo, ...rest } = options;
  if (!owner || !repo)
    throw new Error(`repository must be owner/name, got ${JSON.stringify(`${owner}/${repo}`)}`);
  let octokit;
  const api = () => octokit ??= import("./octokit-Q6UESKXA.js").then(({ createOctokit }) => createOctokit(rest));
  return new GitHubPullRequests(api, owner, repo);
}

// src/backport/pulls.ts
function backportPulls(settings, log) {
  const [owner, repo] = settings.repository.split("/");
  const client = owner && repo ? createPullRequests({
    token: settings.githubToken ?? "",
    apiUrl: settings.apiUrl,
    owner,
    repo,
    log: (message) => log.info(message)
  }) : void 0;
  const readable = client !== void 0 && (Boolean(settings.githubToken) || !settings.dryRun);
  let listing;
  return {
    client,
    async open(version) {
      if (!readable) return void 0;
      listing ??= client.listOpen("patch-carrier/backport/");
      return (await listing).find((pull) => pull.head === backportBranch(version));
    },
    async closed(version) {
      if (!readable) return void 0;
      return (await client.findClosed(backportBranch(version)))[0];
    }
  };
}

// src/backport/run.ts
async function runBackport(settings, deps, onEnd) {
  const report = emptyReport(settings.mode);
  const time = stageTimer(report, deps.log);
  await requireGit();
  const forkEnv = forkAuthEnv(settings);
  const discovery = await time("Discover", () => discoverBackport(settings, forkEnv));
  const backport = reportDiscovery(report, discovery, deps.log);
  const building = settings.mode === "build";
  if (discovery.pending.length === 0 && !building) return report;
  if (settings.mode === "check") return checkBackport(settings, discovery, report, time, forkEnv);
  const base = await forkBaseTag(settings, discovery, forkEnv);
  backport.base = base.name;
  const { repo, kept, packager } = await prepareRepo(settings, deps, discovery, base, forkEnv, time);
  const pulls = backportPulls(settings, deps.log);
  const outcome = building ? asItIs(discovery) : await time(
    "Backport",
    () => portPending(
      { repo, packager, settings, pulls, committer: settings.maintainer, forkName: base.version },
      discovery
    )
  );
  backport.versions = outcome.ports;
  report.notes.push(...outcome.notes);
  return finishBackport(
    { settings, deps, repo, packager, discovery, base, report, time, onEnd },
    pulls,
    outcome,
    forkEnv,
    kept
  );
}
function reportDiscovery(report, discovery, log) {
  report.branch = discovery.branch;
  report.previousTag = discovery.start.tag;
  report.upstreamTag = discovery.pending.at(-1)?.tag ?? discovery.start.tag;
  report.commit = discovery.branchHead;
  report.backport = {
    start: discovery.start.version,
    versions: [],
    pending: discovery.pending.map(({ version, tag }) => ({ version, tag }))
  };
  log.info(
    `${discovery.branch} has ported up to ${discovery.start.version}; newer: ${discovery.pending.map((item) => item.version).join(", ") || "none"}`
  );
  return report.backport;
}
async function prepareRepo(settings, deps, discovery, base, forkEnv, time) {
  const repo = (await time("Fetch", () => fetchForPort(settings, discovery, base, forkEnv))).withEnv(forkEnv);
  const kept = discovery.archive ? await time("Archive", () => materialiseSources(repo, discovery, settings.workDir)) : [];
  const packager = await deps.packagerFor(repo, discovery.branchHead, settings);
  if (packager.kind !== "debian")
    throw new Error(
      "mode backport ports quilt patches: the fork must be a Debian source package (debian/ with 3.0 (quilt))"
    );
  await requireTools([...packager.tools, "diff"]);
  return { repo, kept, packager };
}
function asItIs(discovery) {
  return { head: discovery.branchHead, records: [], ports: [], retire: [], notes: [] };
}

// src/git/rebase.ts
import { lstat as lstat4, mkdir as mkdir9, readFile as readFile12, rm as rm15, writeFile as writeFile7 } from "node:fs/promises";
import { dirname as dirname2, join as join31 } from "node:path";

// src/git/conflict-hunks.ts
var context = 3;
function conflictRegions(text) {
  const lines = text.split("\n");
  const regions = [];
  let start2 = -1;
  for (const [index, line2] of lines.entries()) {
    if (line2.startsWith("<<<<<<< ")) start2 = index;
    else if (line2.startsWith(">>>>>>> ") && start2 >= 0) {
      regions.push([Math.max(0, start2 - context), Math.min(lines.length - 1, index + context)]);
      start2 = -1;
    }
  }
  const merged = [];
  for (const region of regions) {
    const last = merged.at(-1);
    if (last && region[0] <= last[1] + 1) last[1] = Math.max(last[1], region[1]);
    else merged.push([...region]);
  }
  return merged.map(([from, to2]) => `@@ line ${from + 1} @@
${lines.slice(from, to2 + 1).join("\n")}`).join("\n");
}

// src/git/rebase.ts
async function downstreamCommits(repo, base, head, paths = []) {
  const out = await repo.read([
    "log",
    "--reverse",
    "--topo-order",
    "--no-merges",
    "--format=%H%x09%s",
    `${base}..${head}`,
    "--",
    ...paths
  ]);
  return out.split("\n").filter(Boolean).map((line2) => {
    const tab = line2.indexOf("	");
    return { sha: line2.slice(0, tab), subject: line2.slice(tab + 1) };
  });
}
async function rebaseDownstream(request) {
  const { repo, onto } = request;
  const commits = await downstreamCommits(repo, request.base, request.head);
  await repo.exec(["sparse-checkout", "set", "--cone"]);
  await repo.exec(["checkout", "--quiet", "--force", "--detach", onto]);
  await repo.exec(["clean", "-fdxq"]);
  const carried = [];
  const dropped = [];
  for (const [index, commit] of commits.entries()) {
    const step = await applyCommit(request, commit);
    if (step.kind === "conflict") {
      await repo.exec(["cherry-pick", "--quit"], { okCodes: [0, 128] });
      await repo.exec(["reset", "--quiet", "--hard", "HEAD"]);
      return {
        kind: "conflict",
        failed: { kind: "commit", commit },
        files: step.files,
        head: await repo.read(["rev-parse", "HEAD"]),
        carried,
        dropped,
        remaining: commits.slice(index + 1)
      };
    }
    if (step.kind === "empty") dropped.push(commit);
    else carried.push({ sha: step.sha, subject: commit.subject });
  }
  return { kind: "clean", head: await repo.read(["rev-parse", "HEAD"]), carried, dropped };
}
async function applyCommit(request, commit) {
  const { repo } = request;
  const pick = await repo.exec(["cherry-pick", "--no-commit", "--allow-empty", commit.sha], {
    okCodes: [0, 1]
  });
  if (pick.code !== 0) {
    const unresolved = await resolveConflicts(repo, request.resolvers);
    if (unresolved.length > 0) return { kind: "conflict", files: unresolved };
  }
  const staged = await repo.exec(["diff", "--cached", "--quiet", "HEAD"], { okCodes: [0, 1] });
  if (staged.code === 0) {
    await repo.exec(["reset", "--quiet", "--hard", "HEAD"]);
    await repo.exec(["cherry-pick", "--quit"], { okCodes: [0, 128] });
    return { kind: "empty" };
  }
  const date = await commitDate(repo, commit.sha);
  const committer = identityEnv(request.committer);
  await repo.exec(
    ["commit", "--quiet", "--no-verify", "--allow-empty-message", "--reuse-message", commit.sha],
    {
      env: {
        GIT_COMMITTER_NAME: committer.GIT_COMMITTER_NAME,
        GIT_COMMITTER_EMAIL: committer.GIT_COMMITTER_EMAIL,
        GIT_COMMITTER_DATE: date
      }
    }
  );
  await repo.exec(["cherry-pick", "--quit"], { okCodes: [0, 128] });
  return { kind: "applied", sha: await repo.read(["rev-parse", "HEAD"]) };
}
async function resolveConflicts(repo, resolvers) {
  const paths = (await repo.read(["diff", "--name-only", "-z", "--diff-filter=U"])).split("\0").filter(Boolean);
  const unresolved = [];
  for (const path of paths) {
    const resolver = resolvers.find((candidate) => candidate.matches(path));
    if (resolver && !await linkOnAnySide(repo, path) && await isPlainPath(repo.workTree, path)) {
      const [base, ours2, theirs] = await Promise.all(
        [1, 2, 3].map((stage) => repo.readFile(`:${stage}`, path))
      );
      const merged = await resolver.resolve(base, ours2, theirs);
      if (!merged.conflict) {
        const file = join31(repo.workTree, path);
        await mkdir9(dirname2(file), { recursive: true });
        await rm15(file, { force: true });
        await writeFile7(file, merged.text, { flag: "wx" });
        await repo.exec(["add", "--sparse", "--", path]);
        continue;
      }
    }
    unresolved.push({ path, hunks: await conflictHunksOf(repo, path) });
  }
  return unresolved;
}
async function linkOnAnySide(repo, path) {
  const stages = await repo.read(["--literal-pathspecs", "ls-files", "-u", "-z", "--", path]);
  return stages.split("\0").some((line2) => line2.startsWith(`${LINK_MODE} `));
}
async function isPlainPath(workTree, path) {
  const real = await resolveInTree(diskLinks(workTree), path).catch(() => void 0);
  return real === path && !(await lstat4(join31(workTree, path)).catch(() => void 0))?.isSymbolicLink();
}
async function conflictHunksOf(repo, path) {
  try {
    if (!await isPlainPath(repo.workTree, path)) return "(a symbolic link, or a path through one)";
    return conflictRegions(await readFile12(join31(repo.workTree, path), "utf8"));
  } catch {
    return "";
  }
}

// src/pipeline/after-run.ts
async function endRun(after, log) {
  for (const settled of await Promise.allSettled(after.background)) {
    if (settled.status === "rejected")
      log.warning(`Work started alongside the run failed: ${reason(settled.reason)}`);
  }
  for (const release of after.release) {
    await release().catch(
      (error) => log.warning(`Releasing the build scratch failed (remove it by hand): ${reason(error)}`)
    );
  }
}
var reason = (error) => error instanceof Error ? error.message : String(error);

// src/pipeline/conflict/decide.ts
function newestFirst(entries, order) {
  const version = (entry) => tagVersion(entry.tag, order) ?? "";
  return entries.sort((a, b2) => compareVersions(version(b2), version(a), order));
}
async function decideSync(context2) {
  const { discovery, entries } = context2;
  const target = discovery.target;
  const current = entries.find((entry) => entry.tag === target.name);
  const older = newestFirst(
    entries.filter((entry) => entry !== current),
    discovery.order
  );
  if (discovery.upToDate)
    return { kind: "settle", retire: entries.map((entry) => ({ entry, reason: "settled" })) };
  const own = await rebaseChecked({
    ...context2,
    base: discovery.previous.commit,
    head: discovery.branchHead,
    onto: target.commit
  });
  const expected = await pullRequestHead(context2.repo, own.head, target, context2.settings.maintainer);
  const found = { own, expected, current, older };
  return (current && await personsWork(context2, found, current)) ?? await carriedOver(context2, found) ?? ownStep(context2, found);
}
async function personsWork(context2, found, current) {
  const resolution = resolutionOf(current, found.expected);
  if (resolution.kind === "merged") return adopt(context2, current, resolution.sha, found.older);
  if (resolution.kind === "unaccounted") {
    return {
      kind: "hold",
      entry: current,
      sha: resolution.sha,
      pendingKind: found.own.kind === "conflict" ? "conflict" : "review",
      message: `${rebaseBranch(current.tag)} holds commits that no open patch-carrier pull request accounts for: it is left alone. Delete the branch to have patch-carrier start over.`
    };
  }
  if (resolution.kind !== "pushed") return void 0;
  if (context2.settings.review !== "always") return adopt(context2, current, resolution.sha, found.older);
  return {
    kind: "hold",
    entry: current,
    sha: resolution.sha,
    pendingKind: current.state?.kind ?? "review",
    message: `Commits were pushed to this pull request's branch (now at ${resolution.sha.slice(0, 12)}): patch-carrier leaves them as they are. With \`review: always\` they are taken when this pull request is merged.`
  };
}
async function carriedOver(context2, found) {
  for (const entry of found.older) {
    const resolution = resolutionOf(entry);
    if (resolution.kind !== "merged" && resolution.kind !== "pushed") continue;
    const carried = await carryOver(context2, entry, resolution.sha);
    if (carried?.kind === "clean") {
      const retire2 = found.older.map(
        (other) => ({ entry: other, reason: other === entry ? "carried" : "superseded" })
      );
      return cleanStep(context2, carried, withResolved(retire2, found));
    }
  }
  return void 0;
}
function ownStep(context2, found) {
  const { own, current } = found;
  const retire2 = found.older.map((entry) => ({ entry, reason: "superseded" }));
  if (own.kind === "conflict") {
    if (current && isDismissed(current)) return dismissed(current, "conflict");
    const conflict = { failed: own.failed, files: own.files, remaining: own.remaining };
    return { kind: "conflict", head: own.head, carried: own.carried, dropped: own.dropped, conflict, retire: retire2 };
  }
  if (current && isDismissed(current) && context2.settings.review === "always")
    return dismissed(current, "review");
  return cleanStep(context2, own, withResolved(retire2, found));
}
var withResolved = (retire2, found) => found.current ? [...retire2, { entry: found.current, reason: "resolved", expected: found.expected }] : [...retire2];
function cleanStep(context2, result, retire2) {
  const { head, carried, dropped } = result;
  if (context2.settings.review === "always") {
    return {
      kind: "review",
      head,
      carried,
      dropped,
      retire: retire2.filter((item) => item.reason !== "resolved")
    };
  }
  return { kind: "head", head, carried, dropped, retire: retire2 };
}
var isDismissed = (entry) => entry.rebase === void 0 && entry.pull === void 0 && entry.upstream === entry.tagCommit;
function dismissed(entry, pendingKind) {
  return {
    kind: "hold",
    entry,
    pendingKind,
    message: `${rebaseBranch(entry.tag)} was deleted, which dismisses the pull request for ${entry.tag}: none is opened again. Delete ${upstreamBranch(entry.tag)} to have it reopened; a newer upstream tag opens a new one.`
  };
}
async function carryOver(context2, entry, sha) {
  const base = entry.tagCommit;
  if (base === void 0 || !await isAncestor(context2.repo, base, sha)) return void 0;
  return rebaseChecked({ ...context2, base, head: sha, onto: context2.discovery.target.commit });
}
function holdOn(entry, sha, message, conflict) {
  return { kind: "hold", entry, sha, message, conflict, pendingKind: entry.state?.kind ?? "conflict" };
}
async function adopt(context2, entry, sha, older) {
  const { repo, discovery, settings, packager } = context2;
  const target = discovery.target;
  if (!await isAncestor(repo, target.commit, sha)) {
    return holdOn(
      entry,
      sha,
      `The resolved history (${sha.slice(0, 12)}) does not contain the upstream tag ${target.name}: patch-carrier cannot take it. Base it on the pull request branch and push again.`
    );
  }
  const replayed = await replayAdded(context2, entry, sha);
  if (typeof replayed !== "string") return replayed;
  const patches = await packager.checkPatches(repo, replayed, settings, target.commit);
  if (patches.kind === "conflict") {
    return holdOn(
      entry,
      sha,
      `The resolved history (${sha.slice(0, 12)}) still has a patch that does not apply without fuzz: fix it and push again.`,
      { failed: patches.failed, files: patches.files, remaining: [] }
    );
  }
  const head = patches.head;
  return {
    kind: "head",
    head,
    carried: await downstreamCommits(repo, target.commit, head),
    dropped: patches.dropped,
    retire: [
      { entry, reason: "adopted" },
      ...older.map((other) => ({ entry: other, reason: "superseded" }))
    ],
    note: `Adopted the resolution of ${rebaseBranch(target.name)} (${sha.slice(0, 12)})`
  };
}
async function replayAdded(context2, entry, sha) {
  const { repo, discovery, settings, packager } = context2;
  const recorded = entry.state?.branchHead;
  if (recorded === void 0 || recorded === discovery.branchHead) return sha;
  if (!await isAncestor(repo, recorded, discovery.branchHead)) {
    return holdOn(
      entry,
      sha,
      `${discovery.branch} was rewritten since this pull request was opened: patch-carrier cannot tell which of its commits the resolution lacks. Move the branch by hand, or delete this pull request branch to start over.`
    );
  }
  const replay = await rebaseDownstream({
    repo,
    onto: sha,
    base: recorded,
    head: discovery.branchHead,
    committer: settings.maintainer,
    resolvers: packager.resolvers
  });
  if (replay.kind === "clean") return replay.head;
  return holdOn(
    entry,
    sha,
    `Commits added to ${discovery.branch} since this pull request was opened do not apply to the resolved history: resolve them on this branch too.`,
    { failed: replay.failed, files: replay.files, remaining: replay.remaining }
  );
}
async function rebaseChecked(request) {
  const { repo, packager, settings } = request;
  const result = await rebaseDownstream({
    repo,
    onto: request.onto,
    base: request.base,
    head: request.head,
    committer: settings.maintainer,
    resolvers: packager.resolvers
  });
  if (result.kind === "conflict") return result;
  const patches = await packager.checkPatches(repo, result.head, settings, request.onto);
  if (patches.kind === "conflict") {
    return {
      ...result,
      kind: "conflict",
      failed: patches.failed,
      files: patches.files,
      head: patches.head,
      remaining: []
    };
  }
  return { ...result, head: patches.head, dropped: [...result.dropped, ...patches.dropped] };
}

// src/pipeline/conflict/retire.ts
async function retire(context2, retirements, outcome) {
  if (retirements.length === 0) return [];
  const { repo, settings, discovery, log } = context2;
  const keep = [];
  const remove = [];
  const comments = [];
  for (const { entry, reason: reason2, expected } of retirements) {
    const kept = [];
    for (const sha of foreignShas(entry, expected)) {
      if (await isAncestor(repo, sha, outcome.head)) continue;
      const ref = archiveRef(entry.tag, sha);
      kept.push(ref);
      if (!discovery.fork.refs.has(ref)) keep.push({ ref, sha });
    }
    if (entry.rebase) remove.push({ ref: headsRef(rebaseBranch(entry.tag)), expected: entry.rebase });
    if (entry.upstream) remove.push({ ref: headsRef(upstreamBranch(entry.tag)), expected: entry.upstream });
    if (entry.pull) {
      const text = closingComment(reason2, outcome, kept);
      comments.push({
        number: entry.pull.number,
        url: entry.pull.url,
        open: entry.pull.state === "open",
        text,
        what: `${entry.tag}: ${reason2}`
      });
    }
  }
  const archived = await pushLeased(repo, settings.remoteUrl, keep);
  if (archived.kind === "moved")
    throw new Error(`Keeping work from pull request branches failed:
${archived.detail}`);
  const closed = [];
  for (const comment of comments) {
    if (!context2.pulls) break;
    if (!comment.open) await context2.pulls.comment(comment.number, comment.text);
    else if (await context2.pulls.close(comment.number, comment.text))
      closed.push({ number: comment.number, url: comment.url });
    log.info(`Pull request #${comment.number} (${comment.what})`);
  }
  const removed = await pushLeased(repo, settings.remoteUrl, remove);
  if (removed.kind === "moved") {
    log.warning(
      `patch-carrier branches changed during the run; they are left for the next run:
${removed.detail}`
    );
  }
  return closed;
}
function retirePlan(retirements) {
  return retirements.flatMap(({ entry, reason: reason2 }) => [
    ...entry.pull ? [`close pull request #${entry.pull.number} (${entry.tag}): ${reason2}`] : [],
    `delete the patch-carrier branches of ${entry.tag}`
  ]);
}
function moved(outcome) {
  let text = `${codeSpan(outcome.branch)} now points at ${codeSpan(outcome.head.slice(0, 12))}`;
  if (outcome.version) text += `, built as version ${codeSpan(outcome.version)}`;
  if (outcome.obsRevision) text += ` and published as OBS revision ${codeSpan(outcome.obsRevision)}`;
  return text;
}
function closingComment(reason2, outcome, kept) {
  const tag = codeSpan(outcome.upstreamTag);
  const successor = outcome.successor ? `#${outcome.successor.number}` : void 0;
  const text = {
    adopted: `patch-carrier took this resolution: ${moved(outcome)}.`,
    resolved: `The downstream commits now apply cleanly to ${tag}: ${moved(outcome)}. Nothing is left to do here.`,
    carried: successor ? `Superseded by ${successor} for the newer upstream tag ${tag}, which carries this resolution over.` : `Superseded by the newer upstream tag ${tag}: this resolution was carried over onto it cleanly, and ${moved(outcome)}.`,
    superseded: successor ? `Superseded by ${successor} for the newer upstream tag ${tag}.` : `Superseded by the newer upstream tag ${tag}: ${moved(outcome)}.`,
    settled: `${codeSpan(outcome.branch)} already contains ${tag}: nothing is left to do here.`
  }[reason2];
  if (kept.length === 0) return text;
  return `${text}

Work on this pull request's branches is kept as ${kept.map(codeSpan).join(", ")}.`;
}

// src/pipeline/conflict/carrier.ts
function pullRequestsFor(settings, log) {
  const [owner, repo] = settings.repository.split("/");
  if (!owner || !repo) return void 0;
  return createPullRequests({
    token: settings.githubToken ?? "",
    apiUrl: settings.apiUrl,
    owner,
    repo,
    log: (message) => log.info(message)
  });
}
async function surveyCarriers(options, pulls) {
  const { settings, discovery, log } = options;
  const entries = pulls ? relevantCarriers(discovery) : [];
  if (!pulls || entries.length === 0) return entries;
  if (settings.githubToken || !settings.dryRun)
    return log.group("Pull requests", () => readPullRequests(pulls, entries));
  log.warning("Dry run without github-token: the pull requests of the patch-carrier branches are not read");
  return entries;
}
async function openCarrier(options) {
  const { settings, discovery, log } = options;
  const pulls = settings.mode === "sync" && settings.repository ? pullRequestsFor(settings, log) : void 0;
  const entries = await surveyCarriers(options, pulls);
  let context2;
  let pending;
  return {
    active: entries.length > 0,
    async rebase(repo, packager, report) {
      if (settings.review === "always" && !pulls) {
        throw new Error("review 'always' needs the fork's repository (owner/name) to open pull requests");
      }
      const authed = repo.withEnv(options.forkEnv);
      await fetchCarrierBranches(authed, settings.remoteUrl, entries);
      context2 = { settings, discovery, log, repo: authed, pulls, entries };
      const step = await decideSync({ repo: authed, packager, settings, discovery, entries });
      if (step.kind === "head" || step.kind === "conflict" || step.kind === "review") {
        report.carried = step.carried;
        report.dropped = step.dropped;
      }
      if (step.kind === "head") {
        pending = step;
        if (step.note) report.notes.push(step.note);
        if (settings.dryRun) report.plan.push(...retirePlan(step.retire));
      }
      return step;
    },
    async stop(step, report) {
      if (!context2) throw new Error("stop() before rebase()");
      return stopRun(context2, step, report);
    },
    async finish(report) {
      if (!context2 || !pending || pending.retire.length === 0 || settings.dryRun) return;
      await finishRun(context2, pending, report);
    }
  };
}
async function fetchCarrierBranches(repo, url, entries) {
  const wanted = [];
  for (const entry of entries) {
    if (entry.rebase) wanted.push([headsRef(rebaseBranch(entry.tag)), entry.rebase]);
    if (entry.upstream) wanted.push([headsRef(upstreamBranch(entry.tag)), entry.upstream]);
  }
  if (wanted.length === 0) return;
  await fetchRefs(
    repo,
    url,
    wanted.map(([ref]) => `+${ref}:${forkRef(ref)}`)
  );
  for (const [ref, sha] of wanted) await requireFetched(repo, sha, ref);
}
async function finishRun(context2, done3, report) {
  const { discovery } = context2;
  const outcome = {
    branch: discovery.branch,
    upstreamTag: discovery.target.name,
    head: report.commit ?? done3.head,
    version: report.version,
    obsRevision: report.obsRevision
  };
  const closed = await context2.log.group("Pull requests", () => retire(context2, done3.retire, outcome));
  const shown2 = done3.retire.find((item) => item.reason === "adopted")?.entry.pull ?? closed[0];
  if (!shown2) return;
  linkPull(report, shown2);
  if (closed.some((pull) => pull.number === shown2.number)) report.pullRequestOperation = "closed";
}
var linkPull = (report, pull) => {
  report.pullRequest = { number: pull.number, url: pull.url };
};
async function stopRun(context2, step, report) {
  const { discovery } = context2;
  switch (step.kind) {
    case "conflict":
    case "review":
      return stopInPullRequest(context2, step, report);
    case "hold": {
      report.result = step.pendingKind === "review" ? "update-available" : "conflict";
      report.conflict = step.conflict;
      report.commit = step.sha ?? discovery.branchHead;
      if (step.entry.pull) linkPull(report, step.entry.pull);
      report.notes.push(step.message);
      context2.log.warning(step.message);
      await commentOnHold(context2, step);
      return report;
    }
    case "settle": {
      report.result = "up-to-date";
      report.commit = discovery.branchHead;
      if (context2.settings.dryRun) {
        report.plan.push(...retirePlan(step.retire));
        return report;
      }
      const [closed] = await retire(context2, step.retire, {
        branch: discovery.branch,
        upstreamTag: discovery.target.name,
        head: discovery.branchHead
      });
      if (closed) {
        linkPull(report, closed);
        report.pullRequestOperation = "closed";
      }
      return report;
    }
  }
}
async function stopInPullRequest(context2, step, report) {
  const { settings, discovery } = context2;
  report.result = step.kind === "conflict" ? "conflict" : "update-available";
  report.commit = step.head;
  if (step.kind === "conflict") {
    report.conflict = step.conflict;
    if (settings.conflict === "fail") return report;
    if (!context2.pulls) {
      report.notes.push("No pull request was opened: the fork repository (owner/name) is not known");
      return report;
    }
  }
  const opened = await openPullRequest(context2, step);
  report.plan.push(...opened.plan);
  report.pullRequestOperation = opened.operation;
  if (settings.dryRun) {
    report.plan.push(...retirePlan(step.retire));
    return report;
  }
  if (opened.pullRequest) linkPull(report, opened.pullRequest);
  await retire(context2, step.retire, {
    branch: discovery.branch,
    upstreamTag: discovery.target.name,
    head: discovery.branchHead,
    successor: opened.pullRequest
  });
  return report;
}
async function commentOnHold(context2, step) {
  const { entry, sha } = step;
  const pull = entry.pull;
  if (!pull || !sha || !entry.state || !context2.pulls || context2.settings.dryRun) return;
  if (entry.state.noted === sha) return;
  await context2.pulls.comment(pull.number, step.message);
  await context2.pulls.update(pull.number, { body: withState(pull.body, { ...entry.state, noted: sha }) });
}

// src/pipeline/stages.ts
import { mkdir as mkdir14 } from "node:fs/promises";
import { join as join43 } from "node:path";

// src/archive/take.ts
import { copyFile as copyFile3 } from "node:fs/promises";
import { join as join38 } from "node:path";

// src/git/refs.ts
async function setRef(repo, ref, sha) {
  await repo.exec(["update-ref", ref, sha]);
}

// src/cache/orig.ts
import { copyFile as copyFile2, mkdir as mkdir12, readdir as readdir6, readFile as readFile13, rename, rm as rm18, writeFile as writeFile9 } from "node:fs/promises";
import { basename as basename4, join as join36, resolve as resolve4 } from "node:path";

// src/packaging/debian/orig.ts
import { mkdir as mkdir11 } from "node:fs/promises";
import { resolve as resolve3 } from "node:path";

// src/packaging/debian/orig-archive.ts
import { join as join32 } from "node:path";
async function archiveOrig(repo, revision, source, upstreamVersion, components2, exclude, outDir) {
  const commit = await repo.resolve(`${revision}^{commit}`);
  if (!commit)
    throw new Error(`upstream revision ${revision} is not a commit in ${repo.gitDir}: fetch it first`);
  for (const component of components2) {
    if (await repo.objectType(`${commit}:${component}`) !== "tree") {
      throw new Error(
        `orig component ${component}: the upstream tree of ${revision} has no directory ${component}/`
      );
    }
  }
  const stem = `${source}_${upstreamVersion}.orig`;
  const excluded = [...exclude, ...components2].map((path) => `:(top,literal,exclude)${path}`);
  const files = [
    await archive(repo, join32(outDir, `${stem}.tar`), [
      `--prefix=${source}-${upstreamVersion}/`,
      commit,
      "--",
      ":/",
      ...excluded
    ])
  ];
  for (const component of components2) {
    files.push(
      await archive(repo, join32(outDir, `${stem}-${component}.tar`), [
        commit,
        "--",
        `:(top,literal)${component}`
      ])
    );
  }
  return files;
}
async function archive(repo, tarPath, args) {
  await repo.archiveToFile(tarPath, ["--format=tar", ...args]);
  await run("gzip", ["-n", "-9", "-f", "--", tarPath]);
  return `${tarPath}.gz`;
}

// src/packaging/debian/pristine-tar.ts
import { rm as rm17 } from "node:fs/promises";
import { join as join34 } from "node:path";

// src/git/object-store.ts
import { mkdir as mkdir10, rm as rm16, writeFile as writeFile8 } from "node:fs/promises";
import { join as join33 } from "node:path";
async function hasRefs(repo) {
  return await repo.read(["for-each-ref", "--count=1", "--format=%(refname)"]) !== "";
}
async function initObjectStore(dir) {
  const repo = await initBareRepo(dir);
  await repo.exec(["config", "gc.auto", "0"]);
  return repo;
}
async function initBorrowingRepo(dir, objects, branch, sha) {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha))
    throw new Error(`not an object id: ${JSON.stringify(sha)}`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(branch)) throw new Error(`not a plain branch name: ${branch}`);
  await rm16(dir, { recursive: true, force: true });
  await mkdir10(join33(dir, "objects", "info"), { recursive: true });
  await mkdir10(join33(dir, "refs", "heads"), { recursive: true });
  await writeFile8(join33(dir, "config"), "[core]\n	repositoryformatversion = 0\n	bare = true\n");
  await writeFile8(join33(dir, "HEAD"), `ref: refs/heads/${branch}
`);
  await writeFile8(join33(dir, "objects", "info", "alternates"), `${objects}
`);
  await writeFile8(join33(dir, "refs", "heads", branch), `${sha}
`);
  return new GitRepo(dir);
}
async function copyRefs(repo, gitDir, refspec) {
  await repo.exec([
    "fetch",
    "--quiet",
    "--no-tags",
    "--no-write-fetch-head",
    "--end-of-options",
    gitDir,
    refspec
  ]);
}

// src/packaging/debian/pristine-tar.ts
var COMPRESSIONS = ["gz", "xz", "bz2", "lzma", "zst"];
async function findPristineTarballs(repo, ref, stems) {
  const [commit, listing] = await Promise.all([
    repo.resolve(`${ref}^{commit}`),
    repo.listTree(`${ref}^{commit}`)
  ]);
  if (!commit) return { commit, tarballs: [], missing: [...stems], available: [] };
  const names = new Set(listing);
  const available = [...names].filter(
    (name) => name.endsWith(".id") && names.has(name.replace(/\.id$/, ".delta"))
  );
  const tarballs = [];
  const missing = [];
  for (const stem of stems) {
    const found = COMPRESSIONS.map((ext) => `${stem}.tar.${ext}`).find(
      (name) => available.includes(`${name}.id`)
    );
    if (found) tarballs.push(found);
    else missing.push(stem);
  }
  return { commit, tarballs, missing, available: available.map((name) => name.replace(/\.id$/, "")) };
}
async function pristineTarCheckout(repo, commit, tarballs, outDir, tempParent) {
  const objects = await repo.objectsDir();
  return withTempDir("pristine-tar", (tmp) => checkoutIn(tmp, objects, commit, tarballs, outDir), tempParent);
}
async function checkoutIn(tmp, objects, commit, tarballs, outDir) {
  const gitDir = join34(tmp, "repo.git");
  await initBorrowingRepo(gitDir, objects, "pristine-tar", commit);
  const files = [];
  for (const tarball of tarballs) {
    const target = join34(outDir, tarball);
    await rm17(target, { force: true });
    try {
      await run("pristine-tar", ["checkout", target], { cwd: tmp, env: { GIT_DIR: gitDir, TMPDIR: tmp } });
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      throw new Error(
        `pristine-tar could not regenerate ${tarball} (is the upstream commit it was made from fetched?): ${error.message}`,
        { cause: error }
      );
    }
    files.push(target);
  }
  return files;
}

// src/packaging/debian/orig.ts
async function makeOrigTarballs(options) {
  const { repo, source, upstreamVersion } = options;
  const components2 = options.components ?? [];
  validateNames(source, upstreamVersion, components2);
  const outDir = resolve3(options.outDir);
  await mkdir11(outDir, { recursive: true });
  const stems = [
    `${source}_${upstreamVersion}.orig`,
    ...components2.map((c3) => `${source}_${upstreamVersion}.orig-${c3}`)
  ];
  if (options.mode !== "git-archive") {
    const ref = options.pristineTarRef ?? "pristine-tar";
    const data = await findPristineTarballs(repo, ref, stems);
    if (data.missing.length === 0 && data.commit) {
      const files2 = await pristineTarCheckout(repo, data.commit, data.tarballs, outDir, options.tempDir);
      return { files: files2, method: "pristine-tar" };
    }
    if (options.mode === "pristine-tar") {
      const wanted = data.missing.map((stem) => `${stem}.tar.*`).join(", ");
      throw new Error(
        data.commit ? `orig-source is pristine-tar, but ${ref} has no data for ${wanted}` + (data.available.length > 0 ? ` (it has: ${data.available.join(", ")})` : " (it is empty)") : `orig-source is pristine-tar, but the repository has no ${ref} branch: fetch upstream's pristine-tar branch, or use orig-source git-archive`
      );
    }
  }
  if (!options.upstreamRevision) {
    throw new Error(
      `cannot make the orig tarball of ${source} ${upstreamVersion} with git archive: no upstream revision given`
    );
  }
  const files = await archiveOrig(
    repo,
    options.upstreamRevision,
    source,
    upstreamVersion,
    components2,
    // quilt's state is never source (dpkg-source -x leaves it out): it would only lead patches astray
    options.exclude ?? ["debian", ".github", ".pc"],
    outDir
  );
  return { files, method: "git-archive" };
}
function validateNames(source, upstreamVersion, components2) {
  if (!/^[a-z0-9][a-z0-9+.-]+$/.test(source))
    throw new Error(`invalid Debian source package name: "${source}"`);
  if (!/^[0-9A-Za-z][0-9A-Za-z.+~-]*$/.test(upstreamVersion)) {
    throw new Error(
      `invalid upstream version for an orig tarball: "${upstreamVersion}" (no epoch, no Debian revision)`
    );
  }
  for (const component of components2) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(component)) {
      throw new Error(`invalid orig component name: "${component}" (letters, digits and '-' only)`);
    }
  }
}

// src/cache/keys.ts
import { createHash as createHash6 } from "node:crypto";
import { join as join35 } from "node:path";
var CACHE_LAYOUT = "v1";
var digest = (text, length) => createHash6("sha256").update(text).digest("hex").slice(0, length);
var upstreamId = (upstreamUrl) => digest(upstreamUrl, 16);
function tagKeyPart(tag) {
  const readable = tag.replace(/[^A-Za-z0-9._+%-]/g, "_").slice(0, 100);
  return `${readable}-${digest(tag, 8)}`;
}
function cacheKeys(upstreamUrl, tag) {
  const prefix = `patch-carrier-${CACHE_LAYOUT}-${upstreamId(upstreamUrl)}-`;
  return { primary: `${prefix}${tagKeyPart(tag)}`, restore: [prefix] };
}
function cachePaths(root, upstreamUrl) {
  const dir = join35(root, upstreamId(upstreamUrl));
  return { dir, objects: join35(dir, "objects.git"), orig: join35(dir, "orig") };
}
function origVariant(mode, components2) {
  return `${mode}-${digest(JSON.stringify(components2), 8)}`;
}

// src/cache/orig.ts
var METHOD_FILE = "method";
async function cachedOrigTarballs(cacheDir, options) {
  if (!cacheDir) return { ...await makeOrigTarballs(options), cached: false };
  const components2 = options.components ?? [];
  const dir = join36(cacheDir, origVariant(options.mode, components2), options.upstreamVersion);
  const stems = [
    `${options.source}_${options.upstreamVersion}.orig`,
    ...components2.map((c3) => `${options.source}_${options.upstreamVersion}.orig-${c3}`)
  ];
  const hit = await lookup(dir, stems);
  if (hit) {
    const outDir = resolve4(options.outDir);
    await mkdir12(outDir, { recursive: true });
    const files = [];
    for (const name of hit.names) {
      await copyFile2(join36(dir, name), join36(outDir, name));
      files.push(join36(outDir, name));
    }
    return { files, method: hit.method, cached: true };
  }
  const made = await makeOrigTarballs(options);
  await store(dir, made).catch(() => void 0);
  return { ...made, cached: false };
}
async function lookup(dir, stems) {
  let entries;
  let method;
  try {
    entries = await readdir6(dir);
    method = (await readFile13(join36(dir, METHOD_FILE), "utf8")).trim();
  } catch {
    return void 0;
  }
  if (method !== "pristine-tar" && method !== "git-archive") return void 0;
  const names = [];
  for (const stem of stems) {
    const name = entries.find((entry) => entry.startsWith(`${stem}.tar.`));
    if (!name) return void 0;
    names.push(name);
  }
  return { names, method };
}
async function store(dir, made) {
  const staging = `${dir}.tmp-${process.pid}`;
  await rm18(staging, { recursive: true, force: true });
  await mkdir12(staging, { recursive: true });
  for (const file of made.files) await copyFile2(file, join36(staging, basename4(file)));
  await writeFile9(join36(staging, METHOD_FILE), `${made.method}
`);
  await rm18(dir, { recursive: true, force: true });
  await rename(staging, dir);
}

// src/packaging/debian/base-version.ts
function debianBaseVersion(tag, native) {
  if (parseDep14Tag(tag.name) || isImportTagName(tag.name)) return tag.version;
  return native ? tag.version : `${tag.version}-1`;
}

// src/packaging/debian/orig-early.ts
var origKey = (source, upstreamVersion) => `${source}_${upstreamVersion}`;
function makeOrig(job) {
  return cachedOrigTarballs(job.origCacheDir, {
    repo: job.repo,
    source: job.source,
    upstreamVersion: job.upstreamVersion,
    components: job.settings.origComponents,
    mode: job.settings.origSource,
    pristineTarRef: job.upstreamData.pristineTar,
    upstreamRevision: job.upstreamData.upstreamTree ?? job.upstreamTag.commit,
    outDir: job.outDir,
    // the scratch directory: in memory when there is room (see pipeline/scratch.ts)
    tempDir: job.outDir
  });
}
async function startOrigEarly(request) {
  const started = Date.now();
  try {
    const { repo, hint } = request;
    const [formatFile, changelog] = await Promise.all([
      repo.readFile(hint, "debian/source/format"),
      repo.readFile(hint, "debian/changelog")
    ]);
    if (formatFile?.trim() === "3.0 (native)") return void 0;
    const source = parseChangelog(changelog ?? "")[0]?.source;
    if (!source) return void 0;
    const upstreamVersion = upstreamVersionOf(debianBaseVersion(request.upstreamTag, false));
    const orig = await makeOrig({ ...request, source, upstreamVersion, outDir: request.scratchDir });
    return { key: origKey(source, upstreamVersion), orig, seconds: (Date.now() - started) / 1e3 };
  } catch (error) {
    request.log(
      `Orig tarballs could not be made alongside the rebase (${error instanceof Error ? error.message : String(error)}); the build makes them itself`
    );
    return void 0;
  }
}

// src/archive/import.ts
import { mkdir as mkdir13, readdir as readdir7, readFile as readFile14, rm as rm19 } from "node:fs/promises";
import { join as join37 } from "node:path";
async function importSource(repo, source, parent, scratchDir) {
  const tree = join37(scratchDir, "unpacked");
  await rm19(tree, { recursive: true, force: true });
  await mkdir13(scratchDir, { recursive: true });
  try {
    const index = join37(scratchDir, "import-index");
    const reuse = parent ? await sameOrigAs(repo, parent, source) : void 0;
    let treeId;
    if (reuse) {
      treeId = await debianOnto(repo, source, reuse, tree, index);
    } else {
      await run("dpkg-source", ["--no-copy", "--skip-patches", "-x", source.dsc, tree], {
        env: { LC_ALL: "C" }
      });
      treeId = await writeDirectoryTree(repo, tree, index, "the source package");
    }
    await assertLinksInside(tree, "debian", "dpkg-source -x refuses such a package where the target exists");
    const top = parseChangelog(await readFile14(join37(tree, "debian", "changelog"), "utf8"))[0];
    if (!top) throw new Error(`${source.dsc}: debian/changelog has no entry`);
    return await commitTree(repo, {
      tree: treeId,
      parents: parent ? [parent] : [],
      message: importMessage(top.source, top.version, source),
      identity: maintainerIdentity(top.maintainer),
      date: top.date
    });
  } finally {
    await rm19(tree, { recursive: true, force: true });
  }
}
function importMessage(pkg, version, source) {
  const files = source.files.map((file) => `  ${file.sha256}  ${file.name}`);
  return `Import ${pkg} ${version} from the Debian archive

Files (sha256):
${files.join("\n")}
`;
}
async function sameOrigAs(repo, parent, source) {
  const dsc = parseDsc(await readFile14(source.dsc, "utf8"));
  if (fieldValue(dsc.fields, "Format")?.trim() !== "3.0 (quilt)") return void 0;
  const debianTarballs = source.files.filter((file) => /\.debian\.tar\.[a-z0-9]+$/.test(file.name));
  const origs = source.files.filter((file) => /\.orig(-[A-Za-z0-9-]+)?\.tar\.[a-z0-9]+$/.test(file.name));
  if (debianTarballs.length !== 1 || origs.length === 0) return void 0;
  const message = await commitMessage(repo, parent);
  const listed = new Set(
    message.split("\n").flatMap((line2) => /^\s+([0-9a-f]{64})\s+(\S+)$/.exec(line2)?.slice(1, 3).join(" ") ?? [])
  );
  if (!message.startsWith("Import ") || !origs.every((file) => listed.has(`${file.sha256} ${file.name}`)))
    return void 0;
  return {
    tree: await treeOf(repo, parent),
    debianTarball: join37(source.dir, debianTarballs[0].name)
  };
}
async function debianOnto(repo, source, reuse, dir, index) {
  await mkdir13(dir, { recursive: true });
  await run("tar", ["--no-same-owner", "--no-same-permissions", "-x", "-f", reuse.debianTarball, "-C", dir], {
    env: { LC_ALL: "C" }
  });
  const top = await readdir7(dir);
  if (top.length !== 1 || top[0] !== "debian")
    throw new Error(`${source.dsc}: the debian tarball holds ${top.join(", ")} besides debian/`);
  return writeDirectoryTree(repo, dir, index, "the source package", { tree: reuse.tree, replace: "debian" });
}

// src/archive/take.ts
async function takeFromArchive(repo, discovery, tag, scratchDir) {
  const archive2 = discovery.archive;
  if (archive2.entries.length === 0) {
    archive2.entries = (await Promise.all(archive2.releases.map((release2) => sourceEntries(release2, archive2.package)))).flat();
  }
  const entry = archive2.entries.find((candidate) => candidate.version === tag.version);
  if (!entry) return origOfSameUpstream(repo, archive2, tag, scratchDir);
  const release = archive2.releases.find((candidate) => candidate.suite === entry.suite);
  const downloaded = await downloadSource(entry, join38(scratchDir, "archive-download"));
  let commit = tag.commit;
  const imported = commit === "";
  if (imported) {
    const parent = archive2.imports[0]?.commit;
    commit = await importSource(repo, downloaded, parent, join38(scratchDir, "archive-import"));
    tag.commit = commit;
    discovery.upstream.tagCommits.set(tag.name, commit);
    discovery.upstream.refs.set(`refs/tags/${tag.name}`, commit);
  }
  await setRef(repo, upstreamRef(`refs/tags/${tag.name}`), commit);
  return { entry, release, downloaded, commit, imported, origOnly: false };
}
async function origOfSameUpstream(repo, archive2, tag, scratchDir) {
  if (tag.commit === "") return void 0;
  await setRef(repo, upstreamRef(`refs/tags/${tag.name}`), tag.commit);
  const uv = upstreamVersionOf(tag.version);
  const entry = archive2.entries.find((candidate) => upstreamVersionOf(candidate.version) === uv);
  if (!entry) return void 0;
  const stem = `${entry.package}_${uv}.orig`;
  const downloaded = await downloadSource(
    entry,
    join38(scratchDir, "archive-download"),
    (name) => name.startsWith(stem)
  );
  const release = archive2.releases.find((candidate) => candidate.suite === entry.suite);
  return { entry, release, downloaded, commit: tag.commit, imported: false, origOnly: true };
}
function archiveForkRefs(discovery) {
  const archive2 = discovery.archive;
  if (!archive2) return [];
  const wanted = /* @__PURE__ */ new Set([discovery.target.name, discovery.previous.name, archive2.imports[0]?.name]);
  return archive2.imports.filter((item) => wanted.has(item.name)).map((item) => importRef(item.name));
}
async function archiveOrig2(taken, scratchDir) {
  const uv = upstreamVersionOf(taken.entry.version);
  const stem = `${taken.entry.package}_${uv}.orig`;
  const tarball = (name) => name.startsWith(stem) && /\.tar\.[a-z0-9]+$/.test(name);
  const names = taken.downloaded.files.map((file) => file.name);
  const tarballs = names.filter(tarball).sort((a, b2) => Number(a.startsWith(`${stem}-`)) - Number(b2.startsWith(`${stem}-`)) || a.localeCompare(b2));
  if (tarballs.length === 0) return void 0;
  const files = [];
  for (const name of tarballs) {
    await copyFile3(join38(taken.downloaded.dir, name), join38(scratchDir, name));
    files.push(join38(scratchDir, name));
    if (names.includes(`${name}.asc`))
      await copyFile3(join38(taken.downloaded.dir, `${name}.asc`), join38(scratchDir, `${name}.asc`));
  }
  return {
    key: origKey(taken.entry.package, uv),
    orig: {
      files,
      method: "debian-archive",
      cached: false,
      unpackedAs: taken.origOnly ? void 0 : taken.commit
    },
    seconds: 0
  };
}
function archiveRefUpdates(discovery, taken) {
  const archive2 = discovery.archive;
  if (!archive2 || !taken) return [];
  const updates = [];
  if (discovery.fork.refs.get(importRef(discovery.target.name)) !== taken.commit)
    updates.push({ ref: importRef(discovery.target.name), sha: taken.commit });
  for (const release of archive2.releases) {
    const prefix = seenPrefix(archive2.package, release.suite);
    const current = `${prefix}${archive2.digests.get(release.suite)}`;
    for (const ref of discovery.fork.refs.keys())
      if (ref.startsWith(prefix) && ref !== current) updates.push({ ref, sha: "" });
    if (discovery.fork.refs.get(current) !== taken.commit) updates.push({ ref: current, sha: taken.commit });
  }
  return updates;
}

// src/pipeline/archive-stage.ts
async function takeArchiveRelease(repo, discovery, tag, scratchDir, report, time) {
  const archive2 = discovery.archive;
  if (!archive2) return void 0;
  await requireTools(["dpkg-source", "tar", "xz", "gpgv"]);
  const taken = await time("Archive", () => takeFromArchive(repo, { ...discovery, archive: archive2 }, tag, scratchDir));
  const suites = archive2.settings.suites.join(", ");
  if (!taken) {
    if (tag.commit === "")
      throw new Error(`${suites} no longer list ${archive2.package} ${tag.version}: run again`);
    report.notes.push(
      `${archive2.package} ${tag.version} is no longer listed in ${suites}: its orig tarballs are made from the import with git archive, not taken from the archive`
    );
    return void 0;
  }
  report.upstreamTagObject = taken.commit;
  report.archive = {
    url: taken.release.archive,
    suite: taken.release.suite,
    date: taken.release.date,
    fingerprint: taken.release.fingerprint,
    files: taken.downloaded.files.map((file) => ({ name: file.name, sha256: file.sha256 })),
    imported: taken.imported
  };
  if (taken.origOnly) {
    report.notes.push(
      `${archive2.package} ${tag.version} is no longer listed in ${suites}: its orig tarballs are taken from ${taken.entry.version} (${taken.release.suite}), the same upstream version`
    );
  }
  report.notes.push(
    `${taken.entry.package} ${taken.entry.version} from ${taken.release.archive} ${taken.release.suite}: InRelease signed by ${taken.release.fingerprint}; ${taken.downloaded.files.length} files match the signed Sources index` + (taken.imported ? `; imported as ${taken.commit.slice(0, 12)}` : "")
  );
  return taken;
}

// src/pipeline/fetch-stage.ts
import { join as join40 } from "node:path";

// src/git/shallow.ts
import { readFile as readFile15, rm as rm20, writeFile as writeFile10 } from "node:fs/promises";
import { join as join39 } from "node:path";
import { Writable } from "node:stream";
async function shallowCommits(repo) {
  const text = await readFile15(join39(repo.gitDir, "shallow"), "utf8").catch(() => "");
  return text.split("\n").filter(Boolean);
}
async function writeShallow(repo, commits) {
  const file = join39(repo.gitDir, "shallow");
  if (commits.length === 0) await rm20(file, { force: true });
  else await writeFile10(file, `${[...commits].sort().join("\n")}
`);
}
async function presentCommits(repo) {
  const listing = await repo.read([
    "cat-file",
    "--batch-all-objects",
    "--unordered",
    "--batch-check=%(objectname) %(objecttype)"
  ]);
  return new Set(
    listing.split("\n").filter((line2) => line2.endsWith(" commit")).map((line2) => line2.slice(0, line2.indexOf(" ")))
  );
}
async function recordedParents(repo, commits) {
  const parents = /* @__PURE__ */ new Map();
  if (commits.length === 0) return parents;
  const chunks = [];
  const sink = new Writable({
    write(chunk, _encoding, done3) {
      chunks.push(chunk);
      done3();
    }
  });
  await repo.exec(["cat-file", "--batch"], { input: `${commits.join("\n")}
`, stdoutTo: sink });
  const out = Buffer.concat(chunks);
  for (let at2 = 0; at2 < out.length; ) {
    const headerEnd = out.indexOf(10, at2);
    const [sha, , size] = out.subarray(at2, headerEnd).toString("latin1").split(" ");
    const body = out.subarray(headerEnd + 1, headerEnd + 1 + Number(size));
    const blank = body.indexOf("\n\n");
    const header = (blank < 0 ? body : body.subarray(0, blank)).toString("latin1");
    const found = header.split("\n").filter((line2) => line2.startsWith("parent "));
    parents.set(
      sha,
      found.map((line2) => line2.slice(7))
    );
    at2 = headerEnd + 1 + Number(size) + 1;
  }
  return parents;
}
async function pruneShallow(repo) {
  const present = await presentCommits(repo);
  const marked = (await shallowCommits(repo)).filter((sha) => present.has(sha));
  const remaining = /* @__PURE__ */ new Map();
  for (const [sha, parents] of await recordedParents(repo, marked)) {
    const missing = parents.filter((parent) => !present.has(parent));
    if (missing.length > 0) remaining.set(sha, missing);
  }
  await writeShallow(repo, [...remaining.keys()]);
  return remaining;
}

// src/git/narrow-fetch.ts
async function prepareNarrowWorkspace(request) {
  const remotes = promisorEnv(request.upstreamUrl, request.forkUrl, request.filesOnDemand);
  const repo = await initWorkRepo(request.dir, remotes);
  const fork = repo.withEnv(request.forkEnv);
  const branch = forkRef(request.branchRef);
  const filter = request.filesOnDemand ? ["--filter=blob:none"] : [];
  await fetchRefs2(fork, FORK_REMOTE, [request.branchRef], [...filter, `--depth=${request.forkDepth + 1}`]);
  await completeDownstream(fork, branch, request, filter);
  if (!request.upstreamUrl) return { repo, onFork: [request.base] };
  let tips = request.tipRefs;
  if (request.newRefs.length > 0 && request.excludeTag) {
    if (await fetchAfterBase(repo, request, [...request.newRefs, ...tips], filter, false)) tips = [];
    else if (!await fetchAfterBase(repo, request, request.newRefs, filter, true))
      await fetchRefs2(repo, UPSTREAM_REMOTE, request.newRefs, filter);
  } else if (request.newRefs.length > 0) await fetchRefs2(repo, UPSTREAM_REMOTE, request.newRefs, filter);
  const onFork = await closeUpstreamHistory(repo, request, filter);
  if (tips.length > 0) {
    await fetchRefs2(repo, UPSTREAM_REMOTE, tips, [...filter, "--depth=1"]);
    await pruneShallow(repo);
  }
  return { repo, onFork };
}
async function fetchRefs2(repo, remote, refs, extra) {
  const local = remote === FORK_REMOTE ? forkRef : upstreamRef;
  await repo.exec([
    "fetch",
    "--quiet",
    "--no-tags",
    ...extra,
    remote,
    ...refs.map((ref) => `+${ref}:${local(ref)}`)
  ]);
}
async function completeDownstream(fork, branch, request, filter) {
  let deepen = Math.max(16, request.forkDepth);
  for (let round = 0; ; round++) {
    const cut = await cutDownstream(fork, branch, request.base);
    if (cut.length === 0) return;
    if (round === 8) {
      request.log(`The fork's branch needs more history than its last ${deepen} commits: fetching all of it`);
      await fetchRefs2(fork, FORK_REMOTE, [request.branchRef], [...filter, "--unshallow"]);
      return;
    }
    request.log(
      `Downstream commit ${cut[0].slice(0, 12)} sits on history older than the previous tag: fetching ${deepen} more commits of the fork's branch`
    );
    await fetchRefs2(fork, FORK_REMOTE, [request.branchRef], [...filter, `--deepen=${deepen}`]);
    deepen *= 2;
  }
}
async function cutDownstream(repo, branch, base) {
  const shallow = new Set(await shallowCommits(repo));
  if (shallow.size === 0) return [];
  if (!(await presentObjects(repo, [base])).has(base)) return [await repo.read(["rev-parse", branch])];
  return (await range(repo, [branch], [base])).filter((sha) => shallow.has(sha));
}
async function range(repo, tips, exclude) {
  const listing = await repo.read(["rev-list", ...tips, "--not", ...exclude]);
  return listing.split("\n").filter(Boolean);
}
async function fetchAfterBase(repo, request, refs, filter, say) {
  const result = await repo.exec(
    [
      "fetch",
      "--quiet",
      "--no-tags",
      ...filter,
      `--shallow-exclude=refs/tags/${request.excludeTag}`,
      UPSTREAM_REMOTE,
      ...refs.map((ref) => `+${ref}:${upstreamRef(ref)}`)
    ],
    { okCodes: [0, 1, 128] }
  );
  if (result.code === 0) return true;
  if (say) {
    request.log(
      `Upstream could not leave out the history before ${request.excludeTag} (${result.stderr.trim().split("\n").at(-1) ?? ""}): fetching by negotiation instead`
    );
  }
  return false;
}
async function closeUpstreamHistory(repo, request, filter) {
  const onFork = /* @__PURE__ */ new Set([request.base]);
  const tips = request.newRefs.map(upstreamRef);
  for (let round = 0; round < 32; round++) {
    const marked = await pruneShallow(repo);
    if (tips.length === 0) return [...onFork];
    const after = new Set(await range(repo, tips, [request.base]));
    const cut = [...marked].filter(([sha]) => after.has(sha) && !onFork.has(sha));
    if (cut.length === 0) return [...onFork];
    const excluded = [];
    for (const [sha, parents] of cut) {
      if (parents.length === 1 && await recordedParentCount(repo, sha) === 1) {
        excluded.push(parents[0]);
        continue;
      }
      for (const parent of parents) {
        if (!await fetchOidAfterBase(repo, request, parent, filter)) excluded.push(parent);
      }
    }
    if (excluded.length > 0) {
      await repo.exec([
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-write-fetch-head",
        "--no-filter",
        "--depth=1",
        UPSTREAM_REMOTE,
        ...excluded
      ]);
      for (const sha of excluded) onFork.add(sha);
    }
  }
  throw new Error("the upstream history after the previous tag did not close after 32 rounds");
}
async function recordedParentCount(repo, sha) {
  const raw = await repo.read(["cat-file", "commit", sha]);
  const end = raw.indexOf("\n\n");
  return (end < 0 ? raw : raw.slice(0, end)).split("\n").filter((line2) => line2.startsWith("parent ")).length;
}
async function fetchOidAfterBase(repo, request, oid, filter) {
  if (!request.excludeTag) return false;
  const result = await repo.exec(
    [
      "fetch",
      "--quiet",
      "--no-tags",
      ...filter,
      "--no-write-fetch-head",
      `--shallow-exclude=refs/tags/${request.excludeTag}`,
      UPSTREAM_REMOTE,
      oid
    ],
    { okCodes: [0, 1, 128] }
  );
  if (result.code === 0) {
    request.log(`Upstream merged history that started before ${request.excludeTag}: fetched it from there on`);
    return true;
  }
  if (/no commits selected/.test(result.stderr)) return false;
  throw new Error(`git fetch of ${oid} failed: ${result.stderr.trim()}`);
}

// src/git/downstream-blobs.ts
async function missingOf(repo, oids) {
  const unique = [...new Set(oids)];
  const present = await presentObjects(repo, unique);
  return unique.filter((oid) => !present.has(oid));
}
async function downstreamChanges(repo, branch, base) {
  const commits = await repo.read(["rev-list", "--no-merges", branch, "--not", base]);
  if (commits === "") return { blobs: [], paths: [] };
  const raw = await repo.read(["diff-tree", "-r", "-z", "--no-commit-id", "--no-renames", "--stdin"], {
    input: `${commits}
`
  });
  const blobs = /* @__PURE__ */ new Set();
  const paths = /* @__PURE__ */ new Set();
  const fields = raw.split("\0");
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const match = /^:(\d+) (\d+) ([0-9a-f]+) ([0-9a-f]+) /.exec(fields[i].replace(/^\n/, ""));
    if (!match) continue;
    paths.add(fields[i + 1]);
    if (match[1] !== "160000" && !/^0+$/.test(match[3])) blobs.add(match[3]);
    if (match[2] !== "160000" && !/^0+$/.test(match[4])) blobs.add(match[4]);
  }
  return { blobs: [...blobs], paths: [...paths] };
}
async function blobsAt(repo, revision, paths) {
  if (paths.length === 0) return [];
  const listing = await repo.read(["--literal-pathspecs", "ls-tree", "-r", "-z", revision, "--", ...paths]);
  return listing.split("\0").map((entry) => /^\d+ blob ([0-9a-f]+)\t/.exec(entry)?.[1]).filter((oid) => oid !== void 0);
}

// src/pipeline/fetch-stage.ts
async function fetchWorkRepo(request) {
  const { settings, discovery } = request;
  const full = () => fetchWhole(request);
  if (request.cache || discovery.archive || !settings.upstreamUrl || !discovery.forkDepth) return full();
  try {
    return await fetchNarrow(request, settings.upstreamUrl, discovery.forkDepth);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    request.log(`The narrow fetch failed (${detail}): fetching the whole history instead`);
    return full();
  }
}
function fetchWhole(request) {
  const { settings, discovery } = request;
  return prepareWorkspace({
    dir: join40(settings.workDir, "repo"),
    forkUrl: settings.remoteUrl,
    forkEnv: request.forkEnv,
    forkRefs: [`refs/heads/${discovery.branch}`, ...archiveForkRefs(discovery)],
    upstreamUrl: settings.upstreamUrl,
    upstreamRefs: [
      .../* @__PURE__ */ new Set([
        `refs/tags/${discovery.target.name}`,
        `refs/tags/${discovery.previous.name}`,
        ...request.dataRefs.fetch
      ])
    ],
    borrowObjectsFrom: request.cache?.objects
  });
}
async function fetchNarrow(request, upstreamUrl, forkDepth) {
  const { settings, discovery, onTag } = request;
  const rebases = settings.mode === "sync" && !discovery.upToDate;
  const previousTag2 = `refs/tags/${discovery.previous.name}`;
  const newRefs = rebases ? [`refs/tags/${discovery.target.name}`] : [];
  const wholeTrees = await buildsFromTrees(request);
  const narrow = await prepareNarrowWorkspace({
    dir: join40(settings.workDir, "repo"),
    forkUrl: settings.remoteUrl,
    forkEnv: request.forkEnv,
    branchRef: `refs/heads/${discovery.branch}`,
    forkDepth,
    base: discovery.previous.commit,
    upstreamUrl,
    // a tag upstream moved is no longer at the base: its history is no boundary
    excludeTag: discovery.upstream.tagCommits.get(discovery.previous.name) === discovery.previous.commit ? discovery.previous.name : void 0,
    newRefs,
    filesOnDemand: !wholeTrees,
    tipRefs: [.../* @__PURE__ */ new Set([`refs/tags/${onTag.name}`, previousTag2, ...request.dataRefs.fetch])].filter(
      (ref) => !newRefs.includes(ref)
    ),
    log: request.log
  });
  request.log(
    `Fetched the history after ${discovery.previous.name} only (the fork holds the rest)` + (wholeTrees ? "" : ", without file contents")
  );
  if (wholeTrees) return narrow.repo;
  const files = await fetchFiles(narrow, request, newRefs);
  request.log(
    `Fetched the contents of ${files.upstream} files from upstream and ${files.fork} from the fork (what the rebase and the push read)`
  );
  return narrow.repo;
}
async function buildsFromTrees(request) {
  const { settings, discovery } = request;
  if (settings.packaging !== "auto") return settings.packaging !== "none";
  if (discovery.order === "debian") return true;
  const probe = new GitRepo(join40(settings.workDir, "probe.git"), void 0, request.forkEnv);
  const top = "refs/patch-carrier/probe-top";
  await fetchRefs(probe, settings.remoteUrl, [`+refs/heads/${discovery.branch}:${top}`], { tip: true });
  return (await request.packagerFor(probe, top, settings)).kind !== "none";
}
async function fetchFiles(narrow, request, newRefs) {
  const { repo, onFork } = narrow;
  const branch = forkRef(`refs/heads/${request.discovery.branch}`);
  const base = request.discovery.previous.commit;
  const changes = await downstreamChanges(repo, branch, base);
  const upstreamWants = await missingObjects(repo, newRefs.map(upstreamRef), [base, ...onFork]);
  for (const ref of newRefs) upstreamWants.push(...await blobsAt(repo, upstreamRef(ref), changes.paths));
  const fromUpstream = await missingOf(repo, upstreamWants);
  await fetchObjects(repo, UPSTREAM_REMOTE, fromUpstream);
  const fromFork = await missingOf(repo, changes.blobs);
  await fetchObjects(repo, FORK_REMOTE, fromFork, request.forkEnv);
  return { upstream: fromUpstream.length, fork: fromFork.length };
}

// src/git/verify-tag.ts
import { createWriteStream as createWriteStream2 } from "node:fs";
import { mkdtemp as mkdtemp7, readFile as readFile16, rm as rm22, writeFile as writeFile12 } from "node:fs/promises";
import { tmpdir as tmpdir6 } from "node:os";
import { join as join42 } from "node:path";

// src/process/gpgv.ts
import { mkdtemp as mkdtemp6, rm as rm21, writeFile as writeFile11 } from "node:fs/promises";
import { tmpdir as tmpdir5 } from "node:os";
import { join as join41 } from "node:path";
async function verifyDetached(armoredKeys, signature, dataFile) {
  const home = await mkdtemp6(join41(tmpdir5(), "patch-carrier-gpg-"));
  try {
    const keys = join41(home, "keys.asc");
    const keyring = join41(home, "trusted.gpg");
    const sig = join41(home, "signature");
    await writeFile11(keys, armoredKeys);
    await writeFile11(sig, signature);
    const gpgEnv = { GNUPGHOME: home, LC_ALL: "C" };
    const dearmor = await run(
      "gpg",
      ["--homedir", home, "--batch", "--no-options", "--dearmor", "--output", keyring, keys],
      {
        env: gpgEnv,
        okCodes: [0, 2]
      }
    );
    if (dearmor.code !== 0)
      return { kind: "bad", reason: "the signing keys are not valid armored OpenPGP data" };
    const result = await run(
      "gpgv",
      ["--homedir", home, "--keyring", keyring, "--status-fd", "1", "--", sig, dataFile],
      { env: gpgEnv, okCodes: [0, 1, 2] }
    );
    return parseStatus(result.stdout, result.code);
  } finally {
    await rm21(home, { recursive: true, force: true });
  }
}
function parseStatus(status, code) {
  const lines = status.split("\n").filter((line2) => line2.startsWith("[GNUPG:] "));
  const find = (keyword) => lines.map((line2) => line2.slice(9).split(" ")).find((words) => words[0] === keyword);
  const refusals = {
    BADSIG: "BAD signature: the signed content was changed",
    EXPSIG: "the signature has expired",
    EXPKEYSIG: "the signing key has expired",
    REVKEYSIG: "the signing key was revoked"
  };
  for (const [keyword, reason2] of Object.entries(refusals)) if (find(keyword)) return { kind: "bad", reason: reason2 };
  const missing = find("NO_PUBKEY") ?? find("ERRSIG");
  if (missing) {
    return {
      kind: "bad",
      reason: `it was made by key ${missing[1] ?? "?"}, which is not among the given signing keys`
    };
  }
  const good = find("GOODSIG");
  const valid = find("VALIDSIG");
  if (code !== 0 || !good || !valid?.[1])
    return { kind: "bad", reason: "it is not a valid OpenPGP signature" };
  return { kind: "good", fingerprint: valid[1], uid: good.slice(2).join(" ") };
}

// src/git/verify-tag.ts
var signatureStart = Buffer.from("\n-----BEGIN PGP SIGNATURE-----\n");
async function verifyTag(repo, tag, armoredKeys) {
  if (tag.object === tag.commit) {
    return { kind: "bad", reason: "it is a lightweight tag (no tag object), so it carries no signature" };
  }
  const type = await repo.exec(["cat-file", "-t", tag.object], { okCodes: [0, 128] });
  if (type.code !== 0) return { kind: "bad", reason: `its tag object ${tag.object} was not fetched` };
  if (type.stdout.trim() !== "tag") return { kind: "bad", reason: "it is not an annotated tag" };
  const dir = await mkdtemp7(join42(tmpdir6(), "patch-carrier-tag-"));
  try {
    const raw = join42(dir, "tag");
    const out = createWriteStream2(raw);
    const written = new Promise((resolve12, reject) => {
      out.on("finish", resolve12);
      out.on("error", reject);
    });
    await repo.exec(["cat-file", "tag", tag.object], { stdoutTo: out });
    await written;
    const bytes = await readFile16(raw);
    const cut = bytes.lastIndexOf(signatureStart);
    if (cut < 0) {
      const ssh = bytes.includes("-----BEGIN SSH SIGNATURE-----");
      return { kind: "bad", reason: ssh ? "it is SSH-signed, not OpenPGP-signed" : "it is not signed" };
    }
    const payload = bytes.subarray(0, cut + 1);
    const header = headerOf(payload.toString("utf8"));
    if (header.object !== tag.commit || header.type !== "commit") {
      return {
        kind: "bad",
        reason: `its signed text names object ${header.object ?? "?"}, not ${tag.commit}`
      };
    }
    if (header.tag !== tag.name) {
      return { kind: "bad", reason: `its signed text names tag '${header.tag ?? "?"}', not '${tag.name}'` };
    }
    const data = join42(dir, "payload");
    await writeFile12(data, payload);
    return await verifyDetached(armoredKeys, bytes.subarray(cut + 1), data);
  } finally {
    await rm22(dir, { recursive: true, force: true });
  }
}
function headerOf(text) {
  const header = {};
  for (const line2 of text.split("\n")) {
    if (line2 === "") break;
    const space = line2.indexOf(" ");
    if (space > 0) header[line2.slice(0, space)] ??= line2.slice(space + 1);
  }
  return { object: header.object, type: header.type, tag: header.tag };
}

// src/pipeline/verify-upstream.ts
var UpstreamAuthenticityError = class extends Error {
  name = "UpstreamAuthenticityError";
};
async function verifyUpstream(repo, settings, discovery, tag, report, forkEnv) {
  const keys = settings.upstreamSigningKey;
  if (!keys) return;
  await requireTools(["gpg", "gpgv"]);
  const object = discovery.upstream.refs.get(`refs/tags/${tag.name}`) ?? tag.commit;
  if (await repo.resolve(`${object}^{object}`) === void 0) {
    const url = settings.upstreamUrl ?? settings.remoteUrl;
    await fetchRefs(repo.withEnv(settings.upstreamUrl ? {} : forkEnv), url, [
      `+refs/tags/${tag.name}:refs/patch-carrier/verify/${tag.name}`
    ]);
  }
  const check2 = await verifyTag(repo, { name: tag.name, object, commit: tag.commit }, keys);
  if (check2.kind === "bad") {
    throw new UpstreamAuthenticityError(
      `Upstream tag '${tag.name}' does not verify against upstream-signing-key: ${check2.reason}. Nothing was pushed, published or opened.`
    );
  }
  report.upstreamSignature = `${check2.fingerprint} (${check2.uid})`;
  report.notes.push(`upstream tag ${tag.name}: good signature by ${check2.uid}, key ${check2.fingerprint}`);
}

// src/pipeline/stages.ts
async function discoverStage(settings, deps) {
  const report = emptyReport(settings.mode);
  const time = stageTimer(report, deps.log);
  await requireGit();
  const forkEnv = forkAuthEnv(settings);
  const withheld = tokenWithheldNote(settings);
  if (withheld) deps.log.info(withheld);
  const discovery = await time("Discover", () => discover(settings, forkEnv));
  report.branch = discovery.branch;
  report.upstreamTag = discovery.target.name;
  report.upstreamTagObject = discovery.upstream.refs.get(`refs/tags/${discovery.target.name}`);
  report.previousTag = discovery.previous.name;
  report.notes.push(...discovery.notes);
  deps.log.info(
    `Branch ${discovery.branch} is on ${discovery.previous.name}; newest upstream tag: ${discovery.target.name}` + (discovery.upToDate ? " (contained)" : "")
  );
  return { settings, deps, report, time, forkEnv, discovery };
}
async function prepareWork(run2, onTag, after) {
  const { settings, deps, discovery, report } = run2;
  report.upstreamTagObject = discovery.upstream.refs.get(`refs/tags/${onTag.name}`);
  const dataRefs = upstreamDataRefs(discovery.upstream, onTag, discovery.order);
  const { repo, origCacheDir } = await fetchStage(run2, onTag, dataRefs);
  const packager = await deps.packagerFor(repo, discovery.branchHead, settings);
  const { dir: scratchDir, release: releaseScratch } = await scratchFor(run2, repo, packager, onTag, after);
  const taken = await takeArchiveRelease(repo, discovery, onTag, scratchDir, report, run2.time);
  await verifyUpstream(repo, settings, discovery, onTag, report, run2.forkEnv);
  await deps.cache?.keep(repo);
  await requireTools(packager.tools);
  const work = { onTag, repo, packager, scratchDir, releaseScratch, dataRefs, origCacheDir, taken };
  const fromArchive = taken && await archiveOrig2(taken, scratchDir);
  work.early = fromArchive ? Promise.resolve(fromArchive) : startEarly(run2, work);
  if (work.early) after.background.push(work.early);
  return work;
}
async function fetchStage(run2, onTag, dataRefs) {
  const { settings, deps, discovery, time } = run2;
  const cache = deps.cache;
  const cached = cache ? await time("Cache", () => cache.prepare(onTag.name)) : {};
  const repo = await time(
    "Fetch",
    () => fetchWorkRepo({
      settings,
      discovery,
      onTag,
      dataRefs,
      forkEnv: run2.forkEnv,
      cache: cache && cached,
      packagerFor: deps.packagerFor,
      log: (line2) => deps.log.info(line2)
    })
  );
  await requireFetched(repo, discovery.branchHead, `Branch '${discovery.branch}'`);
  return { repo, origCacheDir: cached.origDir };
}
async function scratchFor(run2, repo, packager, onTag, after) {
  const { settings, discovery } = run2;
  const scratch = await openScratch({
    diskDir: join43(settings.workDir, "build"),
    // nothing is built without packaging (and a narrow fetch has not fetched the tree's files)
    treeBytes: async () => packager.kind === "none" ? 0 : repo.treeBytes(onTag.commit || discovery.previous.commit),
    allowMemory: settings.scratchInMemory
  });
  after.release.push(scratch.release);
  run2.deps.log.info(scratch.reason);
  return scratch;
}
function startEarly(run2, work) {
  return work.packager.startEarly?.({
    repo: work.repo,
    hint: run2.discovery.branchHead,
    upstreamTag: work.onTag,
    upstreamData: work.dataRefs.local,
    settings: run2.settings,
    scratchDir: work.scratchDir,
    origCacheDir: work.origCacheDir,
    log: (message) => run2.deps.log.info(message)
  });
}
async function buildStage(run2, work, head) {
  const { settings, discovery, report } = run2;
  report.commit = head;
  await mkdir14(settings.outputDir, { recursive: true });
  const built = await run2.time(
    "Build",
    () => work.packager.build({
      repo: work.repo,
      head,
      upstreamTag: work.onTag,
      carried: report.carried,
      dropped: report.dropped,
      versionFor: (base) => versionWithSuffix(base, settings.versionSuffix, head, discovery.fork.refs),
      upstreamData: work.dataRefs.local,
      settings,
      scratchDir: work.scratchDir,
      origCacheDir: work.origCacheDir,
      early: work.early
    })
  );
  work.releaseScratch().catch(() => void 0);
  report.version = built.version;
  report.files = await describeFiles(built.files);
  report.publishFiles = built.publish;
  report.notes.push(...built.notes);
  return built;
}
function branchUpdates2(run2, head, taken) {
  const { discovery } = run2;
  return [
    { ref: `refs/heads/${discovery.branch}`, sha: head },
    { ref: archiveRef(discovery.previous.name, discovery.branchHead), sha: discovery.branchHead },
    ...archiveRefUpdates(discovery, taken)
  ];
}
function buildTagUpdate(run2, version, head) {
  if (!version || run2.discovery.fork.refs.get(buildTagRef(version)) === head) return [];
  return [{ ref: buildTagRef(version), sha: head }];
}
async function shipStage(run2, work, updates, leaseBranch) {
  const { settings, deps, report, discovery } = run2;
  report.pushed = updates;
  const publishing = Boolean(settings.obs.project);
  if (settings.dryRun) {
    report.plan.push(...updates.map((update) => pushPlan(update, discovery)));
    if (publishing)
      report.plan.push(...await planObsCommit(deps.obsFor(settings), settings, report, deps.log));
    report.result = "planned";
    return false;
  }
  await publishAndPush({
    settings,
    deps,
    report,
    time: run2.time,
    gitDir: work.repo.gitDir,
    branch: discovery.branch,
    branchHead: discovery.branchHead,
    updates,
    forkEnv: run2.forkEnv,
    publishing,
    leaseBranch
  });
  report.result = publishing ? "published" : settings.mode === "build" ? "built" : "updated";
  return true;
}
function pushPlan(update, discovery) {
  const lease = update.ref === `refs/heads/${discovery.branch}` ? ` (now ${discovery.branchHead.slice(0, 12)}; --force-with-lease)` : "";
  if (update.sha === "") return `delete ${update.ref}`;
  return `push ${update.sha.slice(0, 12)} to ${update.ref}${lease}`;
}
async function waitForBuilds2(run2) {
  const { settings } = run2;
  if (!settings.obs.project || settings.obs.waitMinutes === void 0) return;
  run2.report.obsBuilds = await run2.time(
    "OBS builds",
    () => waitForObsBuilds(run2.deps.obsFor(settings), settings)
  );
}

// src/pipeline/run-pipeline.ts
async function runPipeline(settings, deps) {
  const after = { background: [], release: [] };
  try {
    if (settings.mode === "backport" || settings.mode !== "sync" && settings.backportFrom)
      return await runBackport(settings, deps, (release) => after.release.push(release));
    const run2 = await discoverStage(settings, deps);
    if (settings.mode === "check") return check(run2);
    if (settings.mode === "sync") return await sync(run2, after);
    return await build(run2, after);
  } finally {
    await endRun(after, deps.log);
  }
}
function check(run2) {
  run2.report.result = run2.discovery.upToDate ? "up-to-date" : "update-available";
  return run2.report;
}
async function sync(run2, after) {
  const { settings, deps, discovery, report, time } = run2;
  const carrier = await openCarrier({ settings, discovery, log: deps.log, forkEnv: run2.forkEnv });
  if (discovery.upToDate && !carrier.active) {
    report.commit = discovery.branchHead;
    return report;
  }
  const work = await prepareWork(run2, discovery.target, after);
  const step = await time("Rebase", () => carrier.rebase(work.repo, work.packager, report));
  if (step.kind !== "head") return time("Pull request", () => carrier.stop(step, report));
  const built = await buildStage(run2, work, step.head);
  const updates = [
    ...branchUpdates2(run2, step.head, work.taken),
    ...buildTagUpdate(run2, built.version, step.head)
  ];
  if (!await shipStage(run2, work, updates, true)) return report;
  await carrier.finish(report);
  await waitForBuilds2(run2);
  return report;
}
async function build(run2, after) {
  const { discovery, report } = run2;
  const work = await prepareWork(run2, discovery.previous, after);
  const head = discovery.branchHead;
  report.carried = await downstreamCommits(work.repo, discovery.previous.commit, head);
  const built = await buildStage(run2, work, head);
  if (await shipStage(run2, work, buildTagUpdate(run2, built.version, head), false)) await waitForBuilds2(run2);
  return report;
}

// src/action/outputs.ts
function outputsOf(report) {
  return {
    result: report.result,
    "upstream-tag": report.upstreamTag ?? "",
    "previous-tag": report.previousTag ?? "",
    version: report.version ?? "",
    commit: report.commit ?? "",
    files: JSON.stringify(report.files.map((file) => file.path)),
    "obs-revision": report.obsRevision ?? "",
    "pull-request-number": report.pullRequest ? String(report.pullRequest.number) : "",
    "pull-request-url": report.pullRequest?.url ?? "",
    "pull-request-operation": report.pullRequestOperation ?? "none"
  };
}

// src/report/summary.ts
import { basename as basename5 } from "node:path";

// src/report/links.ts
function obsWebUrl(apiUrl) {
  const url = new URL(apiUrl);
  if (url.hostname.startsWith("api.")) url.hostname = `build.${url.hostname.slice("api.".length)}`;
  return url.origin + url.pathname.replace(/\/+$/, "");
}
function obsPackageUrl(apiUrl, project, pkg) {
  return `${obsWebUrl(apiUrl)}/package/show/${project}/${pkg}`;
}
function commitUrl(remoteUrl, sha) {
  if (!/^https?:\/\//i.test(remoteUrl) || !/^[0-9a-f]{40,64}$/.test(sha)) return void 0;
  const url = new URL(remoteUrl);
  url.pathname = `${url.pathname.replace(/\/+$/, "").replace(/\.git$/, "")}/commit/${sha}`;
  url.search = "";
  url.hash = "";
  return url.href;
}
function markdownHref(url) {
  return url.replace(
    /[()<>|\s\\`]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`
  );
}
function summaryContext(settings, report) {
  const { project, package: pkg } = settings.obs;
  return {
    package: settings.packageName,
    obs: project && pkg ? { label: `${project}/${pkg}`, url: obsPackageUrl(settings.obs.url, project, pkg) } : void 0,
    // a dry run pushed nothing: its commit exists only in the run's work repository
    commitUrl: report.commit && !settings.dryRun ? commitUrl(settings.remoteUrl, report.commit) : void 0
  };
}

// src/backport/summary.ts
function renderBackport(report) {
  const backport = report.backport;
  if (!backport) return [];
  const out = [
    "### Backports",
    "",
    `Ported up to ${codeSpan(backport.start)} before this run` + (backport.base ? `; the fork is on upstream tag ${codeSpan(backport.base)}.` : "."),
    ""
  ];
  if (backport.pending.length === 0) out.push("No newer version of the watched tags.", "");
  for (const port of backport.versions) {
    const cves = port.cves.length > 0 ? ` \u2014 ${escapeInline(port.cves.join(", "))}` : "";
    out.push(`#### ${codeSpan(port.version)} (tag ${codeSpan(port.tag)})${cves}`, "");
    if (report.mode === "check") continue;
    if (port.verdicts.length === 0) out.push("No quilt patch added or changed.");
    for (const item of port.verdicts) out.push(`- ${escapeInline(describeVerdict(item))}`);
    out.push("");
  }
  return out;
}

// src/report/summary.ts
var linked = (text, url) => url ? `[${text}](${markdownHref(url)})` : text;
var cell = (text) => codeSpan(text).replace(/\|/g, "\\|");
var headline = {
  "up-to-date": "Up to date",
  updated: "Updated",
  published: "Published",
  "published-not-pushed": "Published to OBS; the fork was not updated",
  conflict: "Conflict",
  planned: "Planned (dry run)",
  built: "Built",
  "update-available": "Update available"
};
function renderSummary(report, context2 = {}) {
  return [
    `## patch-carrier: ${headline[report.result]}`,
    "",
    ...factsTable(report, context2),
    ...report.notPushed ? ["### The fork was not updated", "", fencedBlock(report.notPushed), ""] : [],
    ...commitSection(`Carried (${report.carried.length})`, report.carried),
    ...commitSection(`Dropped: already upstream (${report.dropped.length})`, report.dropped),
    ...conflictSection(report),
    ...renderBackport(report),
    ...archiveSection(report),
    ...sourcePackageSection(report),
    ...obsBuildsSection(report),
    ...bulletSection("Plan (dry run: nothing was pushed or uploaded)", report.plan),
    ...bulletSection("Notes", report.notes),
    ...stagesSection(report)
  ].join("\n");
}
function factsTable(report, context2) {
  const rows = [
    ["Package", context2.package && cell(context2.package)],
    ["Mode", report.mode],
    ["Branch", report.branch && cell(report.branch)],
    ["Previous tag", report.previousTag && cell(report.previousTag)],
    ["Upstream tag", report.upstreamTag && cell(report.upstreamTag)],
    ["Upstream tag object", report.upstreamTagObject],
    ["Upstream signature", report.upstreamSignature && escapeInline(report.upstreamSignature)],
    ["Debian archive", report.archive && `${escapeInline(report.archive.url)} ${cell(report.archive.suite)}`],
    [
      "InRelease",
      report.archive && `${escapeInline(report.archive.date)}, signed by \`${report.archive.fingerprint}\``
    ],
    ["Version", report.version && cell(report.version)],
    ["Commit", report.commit && linked(`\`${report.commit}\``, context2.commitUrl)],
    ["OBS package", context2.obs && linked(escapeInline(context2.obs.label), context2.obs.url)],
    ["OBS revision", report.obsRevision],
    ["Pull request", report.pullRequest && `[#${report.pullRequest.number}](${report.pullRequest.url})`]
  ];
  const shown2 = rows.filter(([, value]) => value).map(([name, value]) => `| ${name} | ${value} |`);
  return ["| | |", "|---|---|", ...shown2, ""];
}
var commitLine2 = (commit) => `- \`${commit.sha.slice(0, 12)}\` ${escapeInline(commit.subject)}`;
function commitSection(title, commits) {
  return commits.length > 0 ? [`### ${title}`, "", ...commits.map(commitLine2), ""] : [];
}
function conflictSection(report) {
  if (!report.conflict) return [];
  const failed2 = report.conflict.failed;
  const out = [
    "### Conflict",
    "",
    failed2.kind === "commit" ? `Commit \`${failed2.commit.sha.slice(0, 12)}\` ${escapeInline(failed2.commit.subject)} does not apply.` : `Patch ${codeSpan(failed2.name)} does not apply with fuzz 0.`,
    ""
  ];
  if (failed2.kind === "patch" && failed2.output) out.push(fencedBlock(failed2.output), "");
  for (const file of report.conflict.files) {
    out.push(`- ${codeSpan(file.path)}`);
    if (file.hunks) out.push("", fencedBlock(file.hunks, "diff"), "");
  }
  if (report.conflict.remaining.length > 0) {
    out.push("", "Still to apply:", "", ...report.conflict.remaining.map(commitLine2));
  }
  out.push("");
  return out;
}
function archiveSection(report) {
  if (!report.archive) return [];
  return [
    `### Taken from the Debian archive${report.archive.imported ? " (imported into the fork)" : ""}`,
    "",
    "| file | sha256 |",
    "|---|---|",
    ...report.archive.files.map((file) => `| ${cell(file.name)} | \`${file.sha256}\` |`),
    ""
  ];
}
function sourcePackageSection(report) {
  if (report.files.length === 0) return [];
  const rows = report.files.map(
    (file) => `| ${cell(basename5(file.path))} | ${file.size} | \`${file.sha256}\` |`
  );
  return ["### Source package", "", "| file | size | sha256 |", "|---|---:|---|", ...rows, ""];
}
function obsBuildsSection(report) {
  if (!report.obsBuilds || report.obsBuilds.length === 0) return [];
  const rows = report.obsBuilds.map((line2) => {
    const [where, result] = line2.split(/:\s*/, 2);
    return `| ${cell(where ?? line2)} | ${cell(result ?? "")} |`;
  });
  return ["### OBS builds", "", "| repository/arch | result |", "|---|---|", ...rows, ""];
}
function bulletSection(title, items) {
  return items.length > 0 ? [`### ${title}`, "", ...items.map((item) => `- ${escapeInline(item)}`), ""] : [];
}
function stagesSection(report) {
  const timings = Object.entries(report.timings);
  if (timings.length === 0) return [];
  const rows = timings.map(([stage, ms2]) => `| ${stage} | ${(ms2 / 1e3).toFixed(2)} |`);
  return ["### Stages", "", "| stage | seconds |", "|---|---:|", ...rows, ""];
}

// src/packaging/debian/packager.ts
import { rm as rm27, writeFile as writeFile17 } from "node:fs/promises";
import { join as join53 } from "node:path";

// src/packaging/debian/merge-changelog.ts
import { readFile as readFile17, writeFile as writeFile13 } from "node:fs/promises";
import { join as join44 } from "node:path";
async function mergeChangelogs(base, ours2, theirs) {
  for (const [side, text] of [
    ["upstream", ours2],
    ["downstream", theirs]
  ]) {
    if (!text.trim()) continue;
    try {
      parseChangelog(text);
    } catch (error) {
      throw new Error(`cannot merge the ${side} debian/changelog: ${error.message}`, {
        cause: error
      });
    }
  }
  return withTempDir("changelog", async (dir) => {
    const basePath = join44(dir, "base");
    const oursPath = join44(dir, "ours");
    const theirsPath = join44(dir, "theirs");
    const outPath = join44(dir, "merged");
    await writeFile13(basePath, base);
    await writeFile13(oursPath, ours2);
    await writeFile13(theirsPath, theirs);
    const result = await run("dpkg-mergechangelogs", ["-m", basePath, oursPath, theirsPath, outPath], {
      okCodes: [0, 1],
      env: { LC_ALL: "C" }
    });
    return { text: await readFile17(outPath, "utf8"), conflict: result.code === 1 };
  });
}

// src/packaging/debian/resolvers.ts
var seriesResolver = {
  matches: (path) => path === "debian/patches/series",
  resolve: async (base, ours2, theirs) => ({
    text: mergeSeries(base ?? "", ours2 ?? "", theirs ?? "").text,
    conflict: false
  })
};
var changelogResolver = {
  matches: (path) => path === "debian/changelog",
  resolve: (base, ours2, theirs) => mergeChangelogs(base ?? "", ours2 ?? "", theirs ?? "")
};

// src/packaging/debian/quilt-check.ts
import { access as access4, copyFile as copyFile4, readdir as readdir8, readFile as readFile18, rm as rm23, stat as stat4 } from "node:fs/promises";
import { join as join45 } from "node:path";
async function checkQuiltPatches(treeDir, options = {}) {
  const patchesDir = join45(treeDir, "debian", "patches");
  const entries = await readSeries(patchesDir);
  if (entries.length === 0) return { patches: [], ok: true };
  return withTempDir("quilt", async (scratch) => {
    const copy = join45(scratch, "tree");
    await run("cp", ["-a", "--", treeDir, copy]);
    const patches = [];
    const firsts = /* @__PURE__ */ new Map();
    for (const [index, entry] of entries.entries()) {
      const level = patchLevel(entry);
      const file = join45(patchesDir, entry.name);
      const unusable = await entryProblem(entry, level, file, firsts);
      if (unusable) {
        patches.push(unusable);
        continue;
      }
      let check2 = await checkOne(copy, entry.name, file, level, join45(scratch, "backups"));
      if (check2.status === "absorbed" && options.upstreamPatches) {
        const before = entries.slice(0, index).filter((earlier, at2) => patches[at2]?.status === "applies");
        const upstreamOnly = before.filter((earlier) => options.upstreamPatches.has(patchKey(earlier.name)));
        if (upstreamOnly.length < before.length) {
          check2 = await proveAbsorbed(treeDir, join45(scratch, `upstream-${index}`), upstreamOnly, check2);
        }
      }
      if (entry.options.length > 0) {
        check2.warning = `series options "${entry.options.join(" ")}" are ignored by dpkg-source, which applies every patch with -p1`;
      }
      patches.push(check2);
    }
    return { patches, ok: patches.every((patch) => patch.status !== "fails") };
  });
}
async function readSeries(patchesDir) {
  try {
    return parseSeries(await readFile18(join45(patchesDir, "series"), "utf8"));
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
}
async function entryProblem(entry, level, file, firsts) {
  const first = firsts.get(patchKey(entry.name));
  if (first) {
    return {
      name: entry.name,
      level,
      status: "duplicate",
      duplicateOf: first.name,
      warning: `debian/patches/series line ${entry.line} names ${first.name} again (first on line ${first.line}): it is applied once`
    };
  }
  firsts.set(patchKey(entry.name), entry);
  if (entry.name.split("/").includes("..")) {
    return {
      name: entry.name,
      level,
      status: "fails",
      reason: `the series entry "${entry.name}" leaves debian/patches/`
    };
  }
  if (!await exists2(file)) {
    return {
      name: entry.name,
      level,
      status: "fails",
      reason: `debian/patches/${entry.name} is listed in debian/patches/series but does not exist`
    };
  }
  return void 0;
}
async function proveAbsorbed(treeDir, copy, upstreamBefore, check2) {
  await run("cp", ["-a", "--", treeDir, copy]);
  const patchesDir = join45(treeDir, "debian", "patches");
  for (const entry of upstreamBefore) {
    await applyPatch2(copy, join45(patchesDir, entry.name), patchLevel(entry), ["--forward"]);
  }
  const reverse = await applyPatch2(copy, join45(patchesDir, check2.name), check2.level, ["--reverse"]);
  await rm23(copy, { recursive: true, force: true });
  if (reverse.code === 0 && !/Ignoring -R\./.test(reverse.output)) return check2;
  return {
    name: check2.name,
    level: check2.level,
    status: "fails",
    reason: "it does not apply, and its reverse applies only on top of the downstream patches before it: an earlier downstream patch already makes its change, upstream does not (list the change once)"
  };
}
async function checkOne(tree, name, file, level, backups) {
  const rejectFile = `${backups}-forward.rej`;
  const forward = await applyWithBackup(
    tree,
    file,
    level,
    ["--forward"],
    join45(backups, "forward"),
    rejectFile
  );
  const rejected = await readRejects(rejectFile);
  if (/^Ignoring potentially dangerous file name /m.test(forward.output)) {
    await restore(tree, join45(backups, "forward"));
    return { ...failure2(name, level, forward.output), reason: "it names a file outside the source tree" };
  }
  if (forward.code === 0) {
    await rm23(join45(backups, "forward"), { recursive: true, force: true });
    return { name, level, status: "applies" };
  }
  await restore(tree, join45(backups, "forward"));
  const reverse = await applyWithBackup(tree, file, level, ["--reverse"], join45(backups, "reverse"));
  await restore(tree, join45(backups, "reverse"));
  if (reverse.code === 0 && !/Ignoring -R\./.test(reverse.output)) return { name, level, status: "absorbed" };
  return { ...failure2(name, level, asQuiltSays(forward.output, rejectFile)), rejects: splitRejects(rejected) };
}
function asQuiltSays(output, rejectFile) {
  let current = "";
  return output.split("\n").map((line2) => {
    current = /^(?:patching|checking) file (.+)$/.exec(line2)?.[1] ?? current;
    const saving = ` -- saving rejects to file ${rejectFile}`;
    return line2.endsWith(saving) ? `${line2.slice(0, -saving.length)} -- saving rejects to file ${current}.rej` : line2;
  }).join("\n");
}
async function readRejects(rejectFile) {
  try {
    return await readFile18(rejectFile, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return "";
    throw error;
  } finally {
    await rm23(rejectFile, { force: true });
  }
}
function applyWithBackup(tree, file, level, mode, backups, rejectFile = "-") {
  return applyPatch2(tree, file, level, [...mode, "--backup", `--prefix=${backups}/`], rejectFile);
}
async function restore(tree, backups, relative3 = "") {
  const entries = await readdir8(join45(backups, relative3), { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const path = relative3 ? `${relative3}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      await restore(tree, backups, path);
      continue;
    }
    const saved = join45(backups, path);
    const info2 = await stat4(saved);
    await rm23(join45(tree, path), { force: true });
    if (info2.size > 0 || (info2.mode & 511) !== 0) await copyFile4(saved, join45(tree, path));
  }
  if (relative3 === "") await rm23(backups, { recursive: true, force: true });
}
function applyPatch2(tree, file, level, mode, rejectFile = "-") {
  const args = [
    `-p${level}`,
    "--fuzz=0",
    "--batch",
    "--no-backup-if-mismatch",
    `--reject-file=${rejectFile}`,
    "--remove-empty-files",
    "--quoting-style=literal",
    ...mode,
    "--input",
    file
  ];
  return run("patch", args, {
    cwd: tree,
    okCodes: [0, 1, 2],
    env: { LC_ALL: "C", POSIXLY_CORRECT: void 0 }
  }).then((result) => ({ code: result.code, output: `${result.stdout}${result.stderr}`.trim() }));
}
function failure2(name, level, output) {
  const { files, hunks, reason: reason2 } = parsePatchOutput(output, level);
  return {
    name,
    level,
    status: "fails",
    output,
    ...reason2 ? { reason: reason2 } : {},
    failedFiles: files,
    failedHunks: hunks
  };
}
async function exists2(path) {
  try {
    await access4(path);
    return true;
  } catch {
    return false;
  }
}

// src/packaging/debian/drop-patches.ts
import { posix } from "node:path";
async function dropAbsorbedPatches(repo, head, names, committer) {
  const drop = new Set(names.map(patchKey));
  const seriesPath = await repo.resolvePath(head, "debian/patches/series");
  const series = await repo.readFile(head, seriesPath) ?? "";
  const kept = series.split("\n").filter((line2) => {
    const entry = parseSeries(line2)[0];
    return !entry || !drop.has(patchKey(entry.name));
  }).join("\n");
  const files = await Promise.all(
    [...drop].map(async (key) => {
      const path = `debian/patches/${key}`;
      return `${await repo.resolvePath(head, posix.dirname(path))}/${posix.basename(path)}`;
    })
  );
  const blob = await writeBlob(repo, kept);
  const mode = (await repo.treeEntry(head, seriesPath))?.mode ?? "100644";
  const tree = await editTree(repo, head, { mode, blob, path: seriesPath }, files);
  const date = await commitDate(repo, head);
  const message = `Drop patches upstream already contains

${names.map((name) => `- ${name}`).join("\n")}
`;
  return commitTree(repo, { tree, parents: [head], message, identity: committer, date });
}

// src/git/commit-times.ts
var seconds = (output) => output.split("\n").filter((line2) => /^\d+$/.test(line2)).map(Number);
async function commitTimes(repo, ref, base, head) {
  const outputs = [
    await repo.read(["for-each-ref", "--format=%(creatordate:unix)", ref]),
    await repo.read(["show", "-s", "--format=%ct", base]),
    await repo.read(["log", "--format=%ct", `${base}..${head}`])
  ];
  return outputs.flatMap(seconds);
}

// src/packaging/entry-date.ts
async function changelogEntryDate(repo, upstreamTag, head, previous) {
  const ref = upstreamRef(`refs/tags/${upstreamTag.name}`);
  const seconds2 = await commitTimes(repo, ref, upstreamTag.commit, head);
  const latest = new Date(Math.max(...seconds2) * 1e3);
  return previous && previous > latest ? previous : latest;
}

// src/packaging/debian/dpkg-source.ts
import { access as access5, copyFile as copyFile5, lutimes, mkdir as mkdir15, readdir as readdir9, readFile as readFile19 } from "node:fs/promises";
import { basename as basename6, dirname as dirname3, join as join46, resolve as resolve5 } from "node:path";
var DIFF_IGNORE = "(^|/)\\.github(/|$)";
async function buildSourcePackage(options) {
  const tree = resolve5(options.treeDir);
  const parent = dirname3(tree);
  const epoch = options.sourceDateEpoch ?? await changelogEpoch(tree);
  await setTimes(join46(tree, "debian"), epoch);
  const outcome = await withTempDir("dpkg-source", async (tmp) => {
    try {
      const ignore = options.compareOnly ? `${DIFF_IGNORE}|${outside(options.compareOnly)}` : DIFF_IGNORE;
      const result = await run("dpkg-source", ["-b", `--extend-diff-ignore=${ignore}`, basename6(tree)], {
        cwd: parent,
        // dpkg-source leaves its diff in TMPDIR when it fails: keep it private and removed.
        env: { LC_ALL: "C", SOURCE_DATE_EPOCH: String(epoch), TMPDIR: tmp, TAR_OPTIONS: void 0 }
      });
      return { ok: true, output: `${result.stdout}${result.stderr}` };
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      const failure3 = classifyFailure(`${error.result.stdout}
${error.result.stderr}`, basename6(tree));
      if (failure3) return { ok: false, failure: failure3 };
      throw error;
    }
  });
  if (!outcome.ok) return outcome.failure;
  const dscName = /building \S+ in (\S+\.dsc)\s*$/m.exec(outcome.output)?.[1];
  if (!dscName) throw new Error(`dpkg-source did not report the .dsc it wrote:
${outcome.output.trim()}`);
  const dscPath = join46(parent, dscName);
  const dsc = parseDsc(await readFile19(dscPath, "utf8"));
  const built = [dscPath, ...dsc.files.map((file) => join46(parent, file.name))];
  for (const file of built) await access5(file);
  let files = built;
  if (options.outDir) {
    const outDir = resolve5(options.outDir);
    await mkdir15(outDir, { recursive: true });
    files = [];
    for (const file of built) {
      const target = join46(outDir, basename6(file));
      if (target !== file) await copyFile5(file, target);
      files.push(target);
    }
  }
  return {
    kind: "built",
    source: fieldValue(dsc.fields, "Source") ?? "",
    version: fieldValue(dsc.fields, "Version") ?? "",
    dsc: files[0] ?? dscPath,
    files
  };
}
function outside(paths) {
  const escaped2 = ["debian", ...paths].map((path) => path.replace(/[^A-Za-z0-9_/]/g, (c3) => `\\${c3}`));
  return `^(?!(?:${escaped2.join("|")})(?:/|$))`;
}
async function setTimes(dir, epoch) {
  for (const entry of await readdir9(dir, { withFileTypes: true })) {
    const path = join46(dir, entry.name);
    if (entry.isDirectory()) await setTimes(path, epoch);
    await lutimes(path, epoch, epoch);
  }
  await lutimes(dir, epoch, epoch);
}
async function changelogEpoch(tree) {
  const [top] = parseChangelog(await readFile19(join46(tree, "debian", "changelog"), "utf8"));
  const date = top && parseChangelogDate(top.date);
  if (!date) {
    throw new Error(
      `debian/changelog: the date of the top entry (line ${top?.line ?? 1}: "${top?.date ?? ""}") is not an RFC 2822 date like "Thu, 01 Jan 2026 00:00:00 +0000"`
    );
  }
  return Math.floor(date.getTime() / 1e3);
}
function classifyFailure(output, treeName) {
  const text = output.trim();
  const patch = /if patch '(.+?)' is correctly applied by quilt/.exec(text)?.[1] ?? /\bpatch .*< \S*?\/debian\/patches\/(\S+) subprocess returned exit status/.exec(text)?.[1];
  if (patch) return { kind: "patch-failed", patch, output: text };
  if (/unexpected upstream changes/.test(text)) {
    const files = [];
    const lines = text.split("\n");
    const start2 = lines.findIndex((line2) => /local changes detected, the modified files are:/.test(line2));
    for (const line2 of start2 < 0 ? [] : lines.slice(start2 + 1)) {
      if (!/^ \S/.test(line2)) break;
      const path = line2.trim();
      files.push(path.startsWith(`${treeName}/`) ? path.slice(treeName.length + 1) : path);
    }
    return { kind: "upstream-changes", files, output: text };
  }
  return void 0;
}

// src/packaging/debian/build-compare-less.ts
import { readdir as readdir11, readFile as readFile20 } from "node:fs/promises";
import { join as join48 } from "node:path";

// src/packaging/debian/orig-matches-tree.ts
import { readdir as readdir10 } from "node:fs/promises";
import { join as join47, relative } from "node:path";
var METADATA = /^(?:Mode|Mod time|Uid|Gid) differs$/;
var QUOTED = '"((?:[^"\\\\]|\\\\.)*)"';
var [NAME, DIFFERENCE] = [new RegExp(`^${QUOTED}$`), new RegExp(`^${QUOTED}: (.*)$`)];
var MISSING = new RegExp(`^(?:\\S*/)?tar: ${QUOTED}: Warning: Cannot stat: `);
async function origMatchesTree(request) {
  const env = { LC_ALL: "C", TAR_OPTIONS: void 0 };
  const compared = await run(
    "tar",
    [
      "--compare",
      "--verbose",
      "--quoting-style=c",
      "-f",
      request.orig,
      "-C",
      request.treeDir,
      "--strip-components=1"
    ],
    { env, okCodes: [0, 1] }
  );
  const quoted = [];
  const differences = [];
  for (const line2 of compared.stdout.split("\n")) {
    if (line2 === "") continue;
    const name = NAME.exec(line2)?.[1];
    const difference = DIFFERENCE.exec(line2);
    if (name !== void 0) quoted.push(name);
    else if (difference) differences.push({ path: difference[1], what: difference[2] });
    else return { same: false, why: `tar said: ${line2}` };
  }
  for (const line2 of compared.stderr.split("\n")) {
    if (line2 === "") continue;
    const path = MISSING.exec(line2)?.[1];
    if (path === void 0) return { same: false, why: `tar said: ${line2}` };
    differences.push({ path, what: "Warning: Cannot stat" });
  }
  const escaped2 = [...quoted, ...differences.map((d2) => d2.path)].find((text) => unquote(text) === void 0);
  if (escaped2 !== void 0)
    return { same: false, why: `the orig tarball has a name tar escapes: ${escaped2}` };
  const names = quoted.map((text) => unquote(text));
  const top = names[0]?.split("/")[0] ?? "";
  if (!top || names.some((name) => name !== top && !name.startsWith(`${top}/`)))
    return { same: false, why: "the orig tarball has no single top directory" };
  const members = new Set(
    names.map((name) => name.slice(top.length + 1)).filter((name) => name !== "" && !name.endsWith("/"))
  );
  const tree = new Set(request.treeFiles);
  const onlyTree = request.treeFiles.find((path) => !members.has(path) && !request.skip.has(path));
  if (onlyTree) return { same: false, why: `${onlyTree} is in the tree, not in the orig tarball` };
  const onlyOrig = [...members].find((path) => !tree.has(path) && !request.skip.has(path));
  if (onlyOrig) return { same: false, why: `${onlyOrig} is in the orig tarball, not in the tree` };
  for (const difference of differences) {
    const [path, what] = [unquote(difference.path), difference.what];
    if (METADATA.test(what)) continue;
    if (path === "" || request.skip.has(path)) continue;
    return { same: false, why: `${path}: ${what}` };
  }
  return { same: true };
}
function unquote(text) {
  const parts = text.match(/\\.|[^\\]+/g) ?? [];
  if (parts.some((part) => part.startsWith("\\") && part !== "\\:")) return void 0;
  return parts.map((part) => part === "\\:" ? ":" : part).join("");
}
async function listTreeFiles(treeDir) {
  const entries = await readdir10(treeDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => relative(treeDir, join47(entry.parentPath ?? entry.path, entry.name))).filter((path) => !/^(?:debian|\.github)(?:\/|$)/.test(path));
}

// src/packaging/debian/build-compare-less.ts
var MAX_PATHS = 2e3;
async function buildComparingLess(options, orig, rewriteTree, plan2 = planComparison(options.treeDir)) {
  const { treeFiles, patched } = await plan2;
  if (typeof patched === "string") return { built: await buildSourcePackage(options), wholeTree: patched };
  const [built, match] = await Promise.allSettled([
    buildSourcePackage({ ...options, compareOnly: patched }),
    origMatchesTree({ orig, treeDir: options.treeDir, treeFiles, skip: new Set(patched) })
  ]);
  const verdict = match.status === "fulfilled" ? match.value : { same: false, why: `tar could not compare: ${String(match.reason)}` };
  if (verdict.same) {
    if (built.status === "rejected") throw built.reason;
    return { built: built.value };
  }
  await rewriteTree();
  return { built: await buildSourcePackage(options), wholeTree: verdict.why };
}
async function planComparison(treeDir) {
  const treeFiles = await listTreeFiles(treeDir);
  return { treeFiles, patched: await patchedPaths(treeDir, new Set(treeFiles)) };
}
async function patchedPaths(treeDir, treeFiles) {
  const dir = join48(treeDir, "debian", "patches");
  const entries = await readdir11(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const paths = /* @__PURE__ */ new Set();
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const text = await readFile20(join48(entry.parentPath ?? entry.path, entry.name), "utf8");
    for (const path of patchTargets(text)) if (treeFiles.has(path)) paths.add(path);
  }
  const odd = [...paths].find((path) => !/^[\x20-\x7e]+$/.test(path));
  if (odd !== void 0) return `a patch names ${JSON.stringify(odd)} (not printable ASCII)`;
  if (paths.size > MAX_PATHS) return `the patches name ${paths.size} files`;
  return [...paths];
}

// src/packaging/debian/changelog-changes.ts
async function changelogChanges(request) {
  const items = [`Downstream changes carried onto upstream tag ${request.upstreamTag.name} by patch-carrier.`];
  const patches = await downstreamPatches(request);
  if (patches.length > 0) items.push(["Carried patches:", ...patches.map((name) => `  - ${name}`)].join("\n"));
  if (request.carried.length > 0) {
    items.push(
      [
        "Carried commits:",
        ...request.carried.map((commit) => `  - ${commit.subject} (${commit.sha.slice(0, 12)})`)
      ].join("\n")
    );
  }
  if (request.dropped.length > 0) {
    items.push(
      ["Dropped, already upstream:", ...request.dropped.map((commit) => `  - ${commit.subject}`)].join("\n")
    );
  }
  return items;
}
async function downstreamPatches(request) {
  const read = async (revision) => parseSeries(await request.repo.readFile(revision, "debian/patches/series") ?? "").map(
    (entry) => entry.name
  );
  const upstream = new Set((await read(request.upstreamTag.commit)).map(patchKey));
  const ours2 = [...new Map((await read(request.head)).map((name) => [patchKey(name), name])).entries()];
  return ours2.filter(([key]) => !upstream.has(key)).map(([, name]) => name);
}

// src/packaging/debian/export-patches.ts
import { appendFile as appendFile3, mkdir as mkdir16, readdir as readdir12, readFile as readFile21, rm as rm24, rmdir, writeFile as writeFile14 } from "node:fs/promises";
import { dirname as dirname4, join as join49, resolve as resolve6 } from "node:path";

// src/git/diff.ts
var diffOptions = ["--no-renames", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/"];
async function binaryChanges(repo, base, head, paths) {
  return (await repo.read(["diff", "--numstat", "--no-renames", base, head, "--", ...paths])).split("\n").filter((line2) => line2.startsWith("-	-	")).map((line2) => line2.slice(4));
}
function diffText(repo, base, head, paths) {
  return repo.read(["diff", ...diffOptions, base, head, "--", ...paths]);
}
async function changedFiles(repo, base, head, paths) {
  const fields = (await repo.read(["diff", "--name-status", "--no-renames", "-z", base, head, "--", ...paths])).split("\0").filter(Boolean);
  const changes = [];
  for (let i = 0; i + 1 < fields.length; i += 2) changes.push({ status: fields[i], path: fields[i + 1] });
  return changes;
}
function commitMail(repo, commit, paths) {
  return repo.read([
    "format-patch",
    "--stdout",
    "--keep-subject",
    "--no-signature",
    "--zero-commit",
    "--no-thread",
    "--no-cover-letter",
    ...diffOptions,
    "-1",
    commit,
    "--",
    ...paths
  ]);
}

// src/packaging/debian/export-patches.ts
async function exportCommitPatches(request) {
  const { repo, base, head } = request;
  const paths = pathspec(request.exclude);
  const binary = await binaryChanges(repo, base, head, paths);
  if (binary.length > 0) {
    throw new Error(
      `downstream commits change binary upstream files (${binary.join(", ")}): a patch cannot carry them; keep binary changes out of the fork, or ship them as separate source files`
    );
  }
  const commits = await downstreamCommits(repo, base, head, paths);
  if (commits.length === 0) return { patches: [], combined: false };
  const taken = new Set(request.taken);
  const patches = [];
  for (const [index, commit] of commits.entries()) {
    const text2 = await commitMail(repo, commit.sha, paths);
    patches.push({ name: claim(patchFileName(index + 1, commit.subject), taken), commit, text: `${text2}
` });
  }
  const texts = patches.map((patch) => patch.text);
  if (await patchesReproduce(repo, base, head, paths, texts)) return { patches, combined: false };
  const diff = await diffText(repo, base, head, paths);
  const subject2 = `Downstream changes ${base.slice(0, 12)}..${head.slice(0, 12)}`;
  const text = `Subject: ${subject2}

The downstream history has merges: its commits do not export one by one.
${commits.map((commit) => `  ${commit.sha.slice(0, 12)} ${commit.subject}`).join("\n")}
---
${diff}
`;
  const name = claim(patchFileName(1, "downstream changes"), new Set(request.taken));
  return { patches: [{ name, commit: { sha: head, subject: subject2 }, text }], combined: true };
}
function pathspec(exclude) {
  return [":/", ...exclude.map((path) => `:(top,literal,exclude)${path}`)];
}
function patchFileName(number, subject2) {
  const slug = subject2.replace(/[^A-Za-z0-9._]+/g, "-").replace(/\.{2,}/g, ".").slice(0, 52).replace(/^[.-]+|[.-]+$/g, "") || "patch";
  return `${String(number).padStart(4, "0")}-${slug}.patch`;
}
function claim(name, taken) {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = name.replace(/\.patch$/, `-${n}.patch`);
  taken.add(candidate);
  return candidate;
}
async function exportQuiltPatches(repo, base, head, treeDir) {
  const exclude = ["debian", ".github"];
  const patchesDir = join49(treeDir, "debian", "patches");
  const existing = await ifPresent(readdir12(patchesDir), "debian/patches in the build tree") ?? [];
  const set = await exportCommitPatches({ repo, base, head, exclude, taken: new Set(existing) });
  if (set.patches.length === 0) return set;
  await mkdir16(patchesDir, { recursive: true });
  for (const patch of set.patches) await writeFile14(join49(patchesDir, patch.name), patch.text);
  const series = await ifPresent(
    readFile21(join49(patchesDir, "series"), "utf8"),
    "debian/patches/series in the build tree"
  ) ?? "";
  const separator = series === "" || series.endsWith("\n") ? "" : "\n";
  await appendFile3(join49(patchesDir, "series"), separator + set.patches.map((p2) => `${p2.name}
`).join(""));
  await restoreUpstreamFiles(repo, base, head, pathspec(exclude), treeDir);
  return set;
}
async function restoreUpstreamFiles(repo, base, head, paths, treeDir) {
  const dest = resolve6(treeDir);
  const restore2 = [];
  for (const change of await changedFiles(repo, base, head, paths)) {
    if (change.status === "A") await removeWithEmptyParents(dest, change.path);
    else restore2.push(change.path);
  }
  if (restore2.length > 0) await checkoutFiles(repo, base, dest, restore2);
}
async function removeWithEmptyParents(root, path) {
  await rm24(join49(root, path), { force: true });
  for (let dir = dirname4(join49(root, path)); dir.startsWith(`${root}/`); dir = dirname4(dir)) {
    if ((await readdir12(dir)).length > 0) return;
    await rmdir(dir);
  }
}

// src/packaging/debian/orig-signature.ts
import { readFile as readFile22, writeFile as writeFile15 } from "node:fs/promises";
import { basename as basename7 } from "node:path";
var signingKeyPath = "debian/upstream/signing-key.asc";
async function checkOrigSignatures(request) {
  const keys = await (request.keys ?? request.repo.readFile(request.head, signingKeyPath));
  if (keys === void 0) return [];
  if (request.orig.method === "git-archive" || request.orig.method === "pristine-tar" && !request.pristineTarRef) {
    return [
      `${signingKeyPath} is present, but the orig tarballs were made with git archive: there is no upstream tarball signature to check (upstream-signing-key verifies the tag instead)`
    ];
  }
  await requireTools(["gpg", "gpgv"]);
  const notes = [];
  for (const file of request.orig.files) {
    const name = basename7(file);
    const signature = request.orig.method === "debian-archive" ? await ifPresent(readFile22(`${file}.asc`, "utf8"), `the signature ${name}.asc taken from the archive`) : await request.repo.readFile(request.pristineTarRef, `${name}.asc`);
    if (signature === void 0) {
      notes.push(`${name}: no upstream signature in the ${request.orig.method} data; it could not be checked`);
      continue;
    }
    const check2 = await verifyDetached(keys, Buffer.from(signature, "utf8"), file);
    if (check2.kind === "bad") {
      throw new Error(
        `orig tarball ${name}: its upstream signature does not verify against ${signingKeyPath}: ${check2.reason}`
      );
    }
    await writeFile15(`${file}.asc`, signature);
    notes.push(`${name}: good upstream signature by ${check2.uid}, key ${check2.fingerprint}`);
  }
  return notes;
}

// src/packaging/debian/upstream-patches.ts
var PATCHES3 = "debian/patches/";
async function upstreamOwnPatches(repo, upstream, head) {
  const [theirs, ours2] = await Promise.all([repo.listFiles(upstream), repo.listFiles(head)]);
  const blobOf = async (files, path) => {
    const where = await resolveInTree(repo.linksOf(files), path).catch(() => void 0);
    return where === void 0 ? void 0 : files.get(where)?.sha;
  };
  const own = /* @__PURE__ */ new Set();
  const series = await blobOf(theirs, `${PATCHES3}series`);
  const text = series ? await repo.readBlob(series) : "";
  for (const entry of parseSeries(text)) {
    if (entry.name.split("/").includes("..")) continue;
    const key = patchKey(entry.name);
    const upstreamBlob = await blobOf(theirs, PATCHES3 + key);
    if (upstreamBlob && upstreamBlob === await blobOf(ours2, PATCHES3 + key)) own.add(key);
  }
  return own;
}

// src/packaging/debian/build-tree.ts
import { readFile as readFile23, rm as rm25, writeFile as writeFile16 } from "node:fs/promises";
import { join as join50 } from "node:path";
async function prepareBuildTree(treeDir) {
  await assertLinksInside(
    treeDir,
    "debian",
    "dpkg-source would follow it, and dpkg-source -x refuses a package whose debian/ links point outside its source root"
  );
  await rm25(join50(treeDir, ".pc"), { recursive: true, force: true });
  const series = join50(treeDir, "debian", "patches", "series");
  const text = await readFile23(series, "utf8").catch((error) => {
    if (error.code === "ENOENT") return void 0;
    throw error;
  });
  const { text: once, repeats } = dedupeSeries(text ?? "");
  if (repeats.length === 0) return [];
  await writeFile16(series, once);
  return repeats.map(
    ({ entry, first }) => `debian/patches/series line ${entry.line} names ${first.name} again (first on line ${first.line}): the package applies it once`
  );
}

// src/packaging/debian/archive-attributes.ts
import { rm as rm26, rmdir as rmdir2, readdir as readdir13 } from "node:fs/promises";
import { dirname as dirname5, join as join51, posix as posix2 } from "node:path";
var CONVERTING = ["ident", "filter", "text", "eol", "working-tree-encoding"];
var PACKAGING = /^(?:debian|\.github)(?:\/|$)/;
async function archiveAttributes(repo, revision) {
  const entries = (await repo.listEntries(revision)).filter((entry) => !PACKAGING.test(entry.path));
  if (!entries.some((entry) => /(?:^|\/)\.gitattributes$/.test(entry.path))) return void 0;
  const names = ["export-ignore", "export-subst", ...CONVERTING];
  const paths = entries.map((entry) => entry.path);
  const set = await treeAttributes(repo, revision, paths, names);
  const has = (path, name) => set.get(path)?.has(name) ?? false;
  const ignoredDirs = entries.filter((e) => e.type === "tree" && has(e.path, "export-ignore")).map((e) => e.path);
  const files = entries.filter((entry) => entry.type === "blob").map((entry) => entry.path);
  const ignored = files.filter(
    (path) => has(path, "export-ignore") || ignoredDirs.some((dir) => path.startsWith(`${dir}/`))
  );
  const left = new Set(ignored);
  const kept = files.filter((path) => !left.has(path));
  return {
    ignored,
    substituted: kept.filter((path) => has(path, "export-subst")),
    converted: kept.filter((path) => CONVERTING.some((name) => has(path, name)))
  };
}
async function alignWithArchive(repo, revision, treeDir, attributes, base) {
  for (const path of attributes.ignored) await removeWithEmptyParents2(treeDir, path);
  const same = [];
  for (const path of attributes.substituted) {
    const [ours2, theirs] = await Promise.all([repo.treeEntry(base, path), repo.treeEntry(revision, path)]);
    if (ours2 && ours2.sha === theirs?.sha) same.push(path);
  }
  if (same.length === 0) return;
  await withTempDir("subst", async (dir) => {
    const tar = join51(dir, "subst.tar");
    await repo.archiveToFile(tar, ["--format=tar", `${revision}^{commit}`, "--", ...same.map(literal)]);
    await run("tar", ["-x", "-f", tar, "-C", treeDir], { env: { TAR_OPTIONS: void 0 } });
  });
}
function attributesAt(attributes, paths) {
  if (!attributes) return void 0;
  const wanted = new Set(paths);
  const groups = [
    ["export-ignore: git archive leaves them out of the orig tarball", attributes.ignored],
    ["export-subst: git archive fills in their $Format$ placeholders", attributes.substituted],
    ["ident, eol, filter or encoding: git converts them, patches made from git do not", attributes.converted]
  ];
  const parts = groups.flatMap(([why, list]) => {
    const hit = list.filter((path) => wanted.has(path));
    return hit.length > 0 ? [`${hit.join(", ")} (${why})`] : [];
  });
  return parts.length > 0 ? parts.join("; ") : void 0;
}
function literal(path) {
  return `:(top,literal)${path}`;
}
async function removeWithEmptyParents2(root, path) {
  const parent = posix2.dirname(path) === "." ? "" : posix2.dirname(path);
  if (await resolveInTree(diskLinks(root), parent).catch(() => void 0) !== parent) return;
  await rm26(join51(root, path), { force: true });
  for (let dir = dirname5(join51(root, path)); dir.startsWith(`${root}/`); dir = dirname5(dir)) {
    const left = await readdir13(dir).catch(() => void 0);
    if (left === void 0 || left.length > 0) return;
    await rmdir2(dir);
  }
}
async function archiveAlignment(repo, revision, base, treeDir) {
  const attributes = await archiveAttributes(repo, revision);
  if (!attributes || attributes.ignored.length + attributes.substituted.length === 0) return void 0;
  const counts = [
    attributes.ignored.length > 0 ? `${attributes.ignored.length} export-ignore files left out` : "",
    attributes.substituted.length > 0 ? `${attributes.substituted.length} export-subst files filled in` : ""
  ].filter(Boolean);
  return {
    attributes,
    align: () => alignWithArchive(repo, revision, treeDir, attributes, base),
    note: `upstream's .gitattributes: the tree given to dpkg-source matches the git archive orig tarball (${counts.join(", ")})`
  };
}

// src/packaging/debian/build-errors.ts
import { readFile as readFile24 } from "node:fs/promises";
import { join as join52 } from "node:path";
async function sourceBuildError(refused, treeDir, attributes) {
  const fix = "leave these files as upstream has them, or build on upstream\u2019s own tarball (orig-source pristine-tar)";
  if (refused.kind === "patch-failed") {
    const text = await readFile24(join52(treeDir, "debian", "patches", refused.patch), "utf8").catch(() => "");
    const where2 = attributesAt(attributes, patchTargets(text));
    return new Error(
      `dpkg-source: patch ${refused.patch} does not apply to the orig tarball` + (where2 ? `; upstream's .gitattributes set ${where2}: ${fix}` : "") + `:
${refused.output}`
    );
  }
  const where = attributesAt(attributes, refused.files);
  return new Error(
    `dpkg-source: the tree differs from the orig tarball outside debian/ where no quilt patch says so` + (refused.files.length > 0 ? ` (${refused.files.join(", ")})` : "") + (where ? `; upstream's .gitattributes set ${where}: ${fix}` : "") + `:
${refused.output}`
  );
}

// src/git/same-tree.ts
async function sameTreeOutside(repo, a, b2, ignored) {
  const [left, right] = await Promise.all([topLevel(repo, a, ignored), topLevel(repo, b2, ignored)]);
  return left === right;
}
async function topLevel(repo, commit, ignored) {
  const listing = await repo.read(["ls-tree", "-z", "--end-of-options", `${commit}^{tree}`]);
  const skip = new Set(ignored);
  return listing.split("\0").filter((entry) => entry !== "" && !skip.has(entry.slice(entry.indexOf("	") + 1))).join("\0");
}

// src/packaging/debian/lean-tree.ts
var PACKAGING2 = ["debian", ".github"];
async function leanTreeProven(repo, head, upstream, orig) {
  return orig?.unpackedAs === upstream && sameTreeOutside(repo, upstream, head, PACKAGING2);
}
async function writeLeanTree(repo, head, treeDir, finishDebian) {
  const files = [...(await repo.listFiles(head)).keys()];
  await exportPaths(
    repo,
    head,
    treeDir,
    files.filter((path) => path.startsWith("debian/"))
  );
  await finishDebian();
  const upstreamFiles = new Set(
    files.filter((path) => !PACKAGING2.some((name) => path.startsWith(`${name}/`)))
  );
  const patched = await patchedPaths(treeDir, upstreamFiles);
  if (typeof patched === "string") return patched;
  await exportPaths(repo, head, treeDir, patched);
  return patched;
}
async function buildLeanTree(options, paths, rewriteTree) {
  const built = await buildSourcePackage({ ...options, compareOnly: paths });
  if (built.kind === "built") return { built };
  await rewriteTree();
  return {
    built: await buildSourcePackage(options),
    wholeTree: "the build of debian/ and the patched files alone did not succeed"
  };
}

// src/packaging/debian/packager.ts
var debianPackager = {
  kind: "debian",
  tools: ["dpkg-source", "dpkg-mergechangelogs", "patch", "pristine-tar", "tar", "xz"],
  resolvers: [seriesResolver, changelogResolver],
  checkPatches,
  startEarly: startOrigEarly,
  build: build2
};
async function checkPatches(repo, head, settings, upstream) {
  const upstreamPatches = upstream ? await upstreamOwnPatches(repo, upstream, head) : void 0;
  const result = await withTempDir("quilt", async (dir) => {
    await exportQuiltInputs(repo, head, dir);
    return checkQuiltPatches(dir, { upstreamPatches });
  });
  const failed2 = result.patches.find((patch) => patch.status === "fails");
  if (failed2) {
    return {
      kind: "conflict",
      head,
      failed: { kind: "patch", name: failed2.name, output: failed2.reason ?? failed2.output ?? "" },
      // the hunks patch rejected (what `quilt push -f` leaves in <file>.rej), else patch's own words
      files: (failed2.failedFiles ?? []).map((path) => ({
        path,
        hunks: failed2.rejects?.get(path) ?? failed2.output ?? ""
      }))
    };
  }
  const absorbed = result.patches.filter((patch) => patch.status === "absorbed").map((patch) => patch.name);
  if (absorbed.length === 0) return { kind: "ok", head, dropped: [] };
  const newHead = await dropAbsorbedPatches(repo, head, absorbed, settings.maintainer);
  return {
    kind: "ok",
    head: newHead,
    dropped: absorbed.map((name) => ({ sha: newHead, subject: `debian/patches/${name}` }))
  };
}
async function build2(request) {
  const { repo, head, settings } = request;
  const { changelogText, top, format } = await debianHeader(repo, head);
  const native = format === "3.0 (native)";
  const quilt = format === "3.0 (quilt)";
  const version = request.versionFor(debianBaseVersion(request.upstreamTag, native));
  const upstreamVersion = upstreamVersionOf(version);
  const date = await changelogEntryDate(repo, request.upstreamTag, head, parseChangelogDate(top.date));
  const entry = {
    source: top.source,
    version,
    distribution: settings.distribution,
    changes: request.changes ?? await changelogChanges(request),
    maintainer: `${settings.maintainer.name} <${settings.maintainer.email}>`,
    date
  };
  const treeDir = join53(request.scratchDir, `${top.source}-${upstreamVersion}`);
  const tree = buildTree(request, treeDir, prependChangelogEntry(changelogText, entry), quilt);
  const { leanPaths, notes } = await placeTree(request, tree, origKey(top.source, upstreamVersion), quilt);
  let plan2 = quilt && !leanPaths ? planComparison(treeDir) : void 0;
  plan2?.catch(() => void 0);
  const orig = native ? void 0 : await prepareOrig(request, tree, top.source, upstreamVersion, notes);
  if (plan2 && tree.archived) plan2 = planComparison(treeDir);
  const options = { treeDir, outDir: settings.outputDir, sourceDateEpoch: Math.floor(date.getTime() / 1e3) };
  const { built, wholeTree } = leanPaths ? await buildLeanTree(options, leanPaths, tree.write) : plan2 && orig?.files.length === 1 ? await buildComparingLess(options, orig.files[0], tree.write, plan2) : { built: await buildSourcePackage(options), wholeTree: void 0 };
  if (wholeTree) notes.push(`dpkg-source compared the whole tree with the orig tarball: ${wholeTree}`);
  if (built.kind !== "built") throw await sourceBuildError(built, treeDir, tree.archived?.attributes);
  return { version, files: built.files, notes };
}
async function debianHeader(repo, head) {
  const changelogText = await repo.readFile(head, "debian/changelog");
  if (changelogText === void 0)
    throw new Error(`debian/changelog is missing at ${head.slice(0, 12)}: not a Debian source tree`);
  const top = parseChangelog(changelogText)[0];
  if (!top) throw new Error("debian/changelog has no entry");
  const format = (await repo.readFile(head, "debian/source/format"))?.trim() ?? "1.0";
  return { changelogText, top, format };
}
function buildTree(request, treeDir, changelog, quilt) {
  const { repo, head } = request;
  const tree = {
    dir: treeDir,
    notes: [],
    async finishDebian() {
      tree.notes = await prepareBuildTree(treeDir);
      await writeFile17(join53(treeDir, "debian", "changelog"), changelog);
      return quilt ? await exportQuiltPatches(repo, request.upstreamTag.commit, head, treeDir) : void 0;
    },
    write: async () => {
      await rm27(treeDir, { recursive: true, force: true });
      await exportTree(repo, head, treeDir);
      const exported = await tree.finishDebian();
      await tree.archived?.align();
      return exported;
    }
  };
  return tree;
}
async function placeTree(request, tree, key, quilt) {
  const { repo, head } = request;
  const atHand = request.settings.upstreamArchive && quilt ? await request.early : void 0;
  const lean = atHand?.key === key && await leanTreeProven(repo, head, request.upstreamTag.commit, atHand.orig);
  let exported;
  const written = lean ? await writeLeanTree(repo, head, tree.dir, async () => {
    exported = await tree.finishDebian();
  }) : void 0;
  const leanPaths = Array.isArray(written) ? written : void 0;
  if (!leanPaths) exported = await tree.write();
  const notes = [...tree.notes];
  if (leanPaths)
    notes.push(
      `build tree: debian/ and the ${leanPaths.length} upstream files the patches touch; the rest is the archive import of the orig tarballs, unchanged`
    );
  if (exported && exported.patches.length > 0) {
    notes.push(
      `upstream files changed by downstream commits, exported to debian/patches: ${exported.patches.map((p2) => p2.name).join(", ")}` + (exported.combined ? " (one combined patch: the history has merges)" : "")
    );
  }
  return { leanPaths, notes };
}
async function prepareOrig(request, tree, source, upstreamVersion, notes) {
  const { repo, head } = request;
  const keys = repo.readFile(head, signingKeyPath);
  keys.catch(() => void 0);
  const early = await request.early;
  const orig = early?.key === origKey(source, upstreamVersion) ? early.orig : await makeOrig({ ...request, source, upstreamVersion, outDir: request.scratchDir });
  notes.push(
    orig.method === "debian-archive" ? "orig tarballs taken from the Debian archive, bit for bit" : `orig tarballs from ${orig.method}${orig.cached ? " (cached by an earlier run)" : ""}` + (early?.orig === orig ? `, made alongside the rebase in ${early.seconds.toFixed(2)} s` : "")
  );
  notes.push(
    ...await checkOrigSignatures({
      repo,
      head,
      orig,
      pristineTarRef: request.upstreamData.pristineTar,
      keys
    })
  );
  if (orig.method === "git-archive") {
    const revision = request.upstreamData.upstreamTree ?? request.upstreamTag.commit;
    tree.archived = await archiveAlignment(repo, revision, request.upstreamTag.commit, tree.dir);
    await tree.archived?.align();
    if (tree.archived) notes.push(tree.archived.note);
  }
  return orig;
}

// src/packaging/none.ts
var nonePackager = {
  kind: "none",
  tools: [],
  resolvers: [],
  checkPatches: async (_repo, head) => ({ kind: "ok", head, dropped: [] }),
  build: async (request) => ({
    version: request.versionFor(request.upstreamTag.version),
    files: [],
    notes: ["packaging: none, nothing built"]
  })
};

// src/packaging/rpm/build.ts
import { copyFile as copyFile6, mkdir as mkdir18, writeFile as writeFile19 } from "node:fs/promises";
import { basename as basename8, join as join58, resolve as resolve9 } from "node:path";

// src/packaging/rpm/spec-sections.ts
var SECTIONS = [
  "package",
  "description",
  "prep",
  "generate_buildrequires",
  "conf",
  "build",
  "install",
  "check",
  "clean",
  "pretrans",
  "pre",
  "post",
  "preun",
  "postun",
  "posttrans",
  "preuntrans",
  "postuntrans",
  "verifyscript",
  "triggerprein",
  "triggerin",
  "triggerun",
  "triggerpostun",
  "filetriggerin",
  "filetriggerun",
  "filetriggerpostun",
  "transfiletriggerin",
  "transfiletriggerun",
  "transfiletriggerpostun",
  "files",
  "changelog",
  "sourcelist",
  "patchlist"
];
var sectionLine = new RegExp(`^%(${SECTIONS.join("|")})(\\s|$)`);
function sectionOf(line2) {
  return sectionLine.exec(line2)?.[1];
}
function preambleRange(lines) {
  const end = lines.findIndex((line2) => sectionOf(line2) !== void 0);
  return [0, end < 0 ? lines.length : end];
}
function sectionRange(lines, name) {
  const header = lines.findIndex((line2) => sectionOf(line2) === name);
  if (header < 0) return void 0;
  const next = lines.findIndex((line2, index) => index > header && sectionOf(line2) !== void 0);
  return [header + 1, next < 0 ? lines.length : next];
}

// src/packaging/rpm/changelog.ts
var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
var MONTHS2 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
function rpmChangelogDate(date) {
  const day = String(date.getUTCDate()).padStart(2, "0");
  return `${DAYS[date.getUTCDay()]} ${MONTHS2[date.getUTCMonth()]} ${day} ${date.getUTCFullYear()}`;
}
function newestChangelogDate(spec) {
  const lines = spec.split("\n");
  const range2 = sectionRange(lines, "changelog");
  const header = range2 && lines.slice(...range2).find((line2) => line2.startsWith("*"));
  const match = header && /^\*\s+\w{3}\s+(\w{3})\s+(\d{1,2})\s+(?:[\d:]+\s+\S+\s+)?(\d{4})\b/.exec(header);
  if (!match) return void 0;
  const month = MONTHS2.indexOf(match[1]);
  return month < 0 ? void 0 : new Date(Date.UTC(Number(match[3]), month, Number(match[2])));
}
function prependRpmChangelog(spec, entry) {
  const escape = (text2) => text2.replace(/%/g, "%%");
  const text = [
    `* ${rpmChangelogDate(entry.date)} ${escape(entry.maintainer)} - ${entry.versionRelease}`,
    ...entry.items.map((item) => `- ${escape(item)}`),
    ""
  ];
  const lines = spec.split("\n");
  const range2 = sectionRange(lines, "changelog");
  if (!range2) return `${spec.replace(/\n*$/, "\n")}
%changelog
${text.join("\n")}`;
  lines.splice(range2[0], 0, ...text);
  return lines.join("\n");
}

// src/packaging/rpm/rpmbuild.ts
import { readFile as readFile25 } from "node:fs/promises";
import { join as join54, relative as relative2, resolve as resolve7 } from "node:path";
async function buildSrpm(topdir, specPath, epoch) {
  const defines = [
    ["_topdir", "."],
    ["use_source_date_epoch_as_buildtime", "1"],
    ["clamp_mtime_to_source_date_epoch", "1"],
    ["_buildhost", "patch-carrier"]
  ].flatMap(([name, value]) => ["--define", `${name} ${value}`]);
  const result = await run("rpmbuild", ["-bs", ...defines, relative2(topdir.root, specPath)], {
    cwd: topdir.root,
    env: { LC_ALL: "C", SOURCE_DATE_EPOCH: String(epoch) }
  });
  const written = /^Wrote: (.+\.src\.rpm)$/m.exec(result.stdout)?.[1];
  if (!written)
    throw new Error(`rpmbuild -bs did not report the source rpm it wrote:
${result.stdout.trim()}`);
  return resolve7(topdir.root, written);
}
async function prepSources(topdir, specPath, patchFiles, setupDir) {
  const args = ["-bp", "--nodeps", ...topdir.defines, specPath];
  const result = await run("rpmbuild", args, { env: { LC_ALL: "C" }, okCodes: [0, 1] });
  if (result.code === 0) return { kind: "ok" };
  const trace = result.stderr.split("\n").filter((line2) => line2.startsWith("+ "));
  const last = trace[trace.length - 1] ?? "";
  const patch = [...trace].reverse().flatMap((line2) => patchFiles.filter((file) => mentions(line2, file)))[0];
  if (!patch || !(/(^\+ |\/)patch\s/.test(last) || mentions(last, patch))) {
    throw new CommandError("rpmbuild", args, result);
  }
  const output = failingPatchOutput(result.stdout, patch);
  const parsed = parsePatchOutput(output);
  const rejected = [...output.matchAll(/saving rejects to file (.+)\.rej$/gm)].map((match) => match[1]);
  const paths = [.../* @__PURE__ */ new Set([...parsed.files, ...rejected])];
  const files = await Promise.all(
    paths.map(async (path) => ({
      path,
      hunks: setupDir ? await readFile25(join54(topdir.build, setupDir, `${path}.rej`), "utf8").catch(() => output) : output
    }))
  );
  return {
    kind: "patch-failed",
    patch,
    output: parsed.reason ? `${parsed.reason}
${output}` : output,
    files
  };
}
function failingPatchOutput(stdout, patch) {
  const lines = stdout.split("\n");
  const echo = lines.findLastIndex((line2) => /^Patch #\d+ \((.*)\):$/.exec(line2)?.[1] === patch);
  return lines.slice(echo + 1).filter((line2) => !/^(Executing\(%prep\)|Patch #\d+ \(|RPM build (errors|warnings):)/.test(line2)).filter((line2) => !tarListing.test(line2)).join("\n").trim();
}
var tarListing = /^[-dlcbps][-rwxsStT]{9} \S+\/\S+ +[\d,]+ \d{4}-\d\d-\d\d \d\d:\d\d /;
function mentions(line2, file) {
  return line2.includes(`/${file}`) || line2.includes(`(${file})`);
}

// src/packaging/rpm/spec-edit.ts
function setVersion(spec, version) {
  const lines = spec.split("\n");
  const tagLines = preambleLines(lines, /^Version\s*:/i);
  if (tagLines.length === 0) throw new Error("the spec has no Version: tag");
  for (const index of tagLines) {
    const value = valueOf(lines[index]);
    const macro = /^%\{?([A-Za-z_]\w*)\}?$/.exec(value)?.[1];
    const definition = macro ? lines.findIndex((line2) => new RegExp(`^%(global|define)\\s+${macro}\\s`).test(line2)) : -1;
    if (definition >= 0) lines[definition] = lines[definition].replace(/^(%\w+\s+\w+\s+).*$/, `$1${version}`);
    else lines[index] = replaceValue(lines[index], version);
  }
  return lines.join("\n");
}
function setRelease(spec, release) {
  const lines = spec.split("\n");
  const tagLines = preambleLines(lines, /^Release\s*:/i);
  if (tagLines.length === 0) throw new Error("the spec has no Release: tag");
  for (const index of tagLines) {
    const tail = /(%\{\?[^{}\s]+\})+$/.exec(valueOf(lines[index]))?.[0] ?? "";
    lines[index] = replaceValue(lines[index], `${release}${tail}`);
  }
  return lines.join("\n");
}
function patchStyle(spec) {
  const lines = spec.split("\n");
  const range2 = sectionRange(lines, "prep");
  if (!range2) throw new Error("the spec has no %prep section");
  const prep = lines.slice(...range2);
  const auto = prep.find(
    (line2) => /^%autopatch\b/.test(line2) || /^%autosetup\b/.test(line2) && !/\s-N\b/.test(line2)
  );
  if (auto) {
    const level = /\s-p\s*(\d+)/.exec(auto)?.[1];
    return { kind: "auto", line: auto.trim(), level: level === void 0 ? void 0 : Number(level) };
  }
  if (prep.some((line2) => /^%setup\b/.test(line2))) return { kind: "classic" };
  throw new Error(
    "the spec's %prep has neither %setup nor %autosetup: patch-carrier cannot tell where to apply patches"
  );
}
function addPatches(spec, patches, comment) {
  if (patches.length === 0) return spec;
  const style = patchStyle(spec);
  if (style.kind === "auto" && style.level !== 1) {
    throw new Error(
      `the spec's %prep applies patches with "${style.line}", but downstream commits are exported as -p1 patches: add -p1 to it`
    );
  }
  const lines = spec.split("\n");
  const anchor = lastOf(preambleLines(lines, /^Patch\d*\s*:/i)) ?? lastOf(preambleLines(lines, /^Source\d*\s*:/i));
  if (anchor === void 0) throw new Error("the spec has no Source0: tag");
  lines.splice(
    anchor + 1,
    0,
    `# ${comment}`,
    ...patches.map((patch) => `Patch${patch.number}: ${patch.file}`)
  );
  if (style.kind === "classic") {
    const [start2, end] = sectionRange(lines, "prep");
    const prep = lines.slice(start2, end);
    const after = lastOf(prep.flatMap((line2, index) => /^%patch/.test(line2) ? [index] : [])) ?? prep.findIndex((line2) => /^%setup\b/.test(line2));
    lines.splice(start2 + after + 1, 0, ...patches.map((patch) => `%patch -P ${patch.number} -p1`));
  }
  return lines.join("\n");
}
function preambleLines(lines, tag) {
  const [start2, end] = preambleRange(lines);
  const found = [];
  for (let index = start2; index < end; index++) if (tag.test(lines[index])) found.push(index);
  return found;
}
var lastOf = (indexes) => indexes[indexes.length - 1];
function valueOf(line2) {
  return line2.slice(line2.indexOf(":") + 1).trim();
}
function replaceValue(line2, value) {
  return line2.replace(/^([^:]*:\s*).*$/, `$1${value.replace(/\$/g, "$$$$")}`);
}

// src/packaging/rpm/spec-file.ts
async function findSpec(repo, commit) {
  const specs = (await repo.listTree(commit)).filter((name) => name.endsWith(".spec"));
  if (specs.length === 1) return specs[0];
  throw new Error(
    specs.length === 0 ? `no *.spec file at the top of ${commit.slice(0, 12)}: packaging rpm needs one` : `several spec files at the top of ${commit.slice(0, 12)} (${specs.join(", ")}): keep one, or set packaging`
  );
}

// src/packaging/rpm/spec-info.ts
async function querySpec(specPath, defines) {
  const result = await run("rpmspec", ["-P", ...defines, specPath], { env: { LC_ALL: "C" } });
  return parseExpandedSpec(result.stdout);
}
function parseExpandedSpec(text) {
  const lines = text.split("\n");
  const tags = /* @__PURE__ */ new Map();
  for (const line2 of lines.slice(0, preambleRange(lines)[1])) {
    const match = /^(Name|Version)\s*:(.*)$/i.exec(line2);
    if (match && !tags.has(match[1].toLowerCase())) tags.set(match[1].toLowerCase(), match[2].trim());
  }
  const name = tags.get("name");
  const version = tags.get("version");
  if (!name || !version) throw new Error(`the spec has no ${name ? "Version" : "Name"}: tag`);
  return { name, version, ...specEntries(text), ...setupOf(lines) };
}
function specEntries(text) {
  const lines = text.split("\n");
  const entries = { source: [], patch: [] };
  const next = { source: 0, patch: 0 };
  for (const line2 of lines.slice(0, preambleRange(lines)[1])) {
    const match = /^(Source|Patch)(\d*)\s*:(.*)$/i.exec(line2);
    if (!match) continue;
    match[3] = match[3].trim();
    const tag = match[1].toLowerCase();
    const number = match[2] ? Number(match[2]) : next[tag];
    next[tag] = Math.max(next[tag], number + 1);
    entries[tag].push({ number, value: match[3] ?? "", file: fileOf2(match[3] ?? "") });
  }
  return { sources: entries.source, patches: entries.patch };
}
function fileOf2(value) {
  const fragment = value.lastIndexOf("#/");
  const path = fragment >= 0 ? value.slice(fragment + 2) : value;
  return path.slice(path.lastIndexOf("/") + 1);
}
function setupOf(lines) {
  const range2 = sectionRange(lines, "prep");
  const prep = range2 ? lines.slice(...range2) : [];
  const unquote2 = (word) => word.replace(/^'(.*)'$/, "$1");
  for (const [index, line2] of prep.entries()) {
    const cd = /^cd ('[^'/][^']*'|[^\s'/]\S*)\s*$/.exec(line2);
    if (!cd?.[1]) continue;
    const dir = unquote2(cd[1]);
    const made = prep.slice(0, index).some((before) => /^\S*mkdir -p (\S+)\s*$/.exec(before)?.[1]?.replace(/^'(.*)'$/, "$1") === dir);
    return { setupDir: dir, setupCreatesDir: made };
  }
  return { setupDir: void 0, setupCreatesDir: false };
}

// src/packaging/rpm/stage.ts
import { writeFile as writeFile18 } from "node:fs/promises";
import { join as join57 } from "node:path";

// src/packaging/rpm/sources.ts
import { rename as rename2 } from "node:fs/promises";
import { dirname as dirname6, join as join55 } from "node:path";
async function writeSourceTarball(request) {
  const compress = compressorFor(request.file);
  const dash = request.topDir.indexOf("-");
  if (dash <= 0 || request.topDir.includes("/")) {
    throw new Error(
      `%setup unpacks into "${request.topDir}", but patch-carrier makes Source0 with a top directory like <name>-<version>: use %setup -n <name>-<version> (or a name with a "-")`
    );
  }
  const target = join55(request.sourcesDir, request.file);
  await withTempDir(
    "source0",
    async (dir) => {
      const [made] = await archiveOrig(
        request.repo,
        request.revision,
        request.topDir.slice(0, dash),
        request.topDir.slice(dash + 1),
        [],
        request.exclude,
        dir
      );
      await rename2(await compress(made), target);
    },
    // beside SOURCES: the rename stays on one file system (the scratch may be a tmpfs)
    dirname6(request.sourcesDir)
  );
  return target;
}
function compressorFor(file) {
  const gunzip = async (tarGz) => {
    await run("gzip", ["-d", "-f", "--", tarGz]);
    return tarGz.replace(/\.gz$/, "");
  };
  const recompress = (program, args, extension) => async (tarGz) => {
    const tar = await gunzip(tarGz);
    await run(program, [...args, "-f", "--", tar]);
    return `${tar}.${extension}`;
  };
  if (/\.(tar\.gz|tgz)$/.test(file)) return async (tarGz) => tarGz;
  if (/\.tar$/.test(file)) return gunzip;
  if (/\.(tar\.bz2|tbz2?)$/.test(file)) return recompress("bzip2", ["-9"], "bz2");
  if (/\.(tar\.xz|txz)$/.test(file)) return recompress("xz", ["--threads=1"], "xz");
  throw new Error(`Source0 is ${file}: patch-carrier makes .tar.gz, .tgz, .tar.bz2, .tar.xz or .tar tarballs`);
}
async function copyCommitFile(repo, commit, name, dir) {
  const entry = await repo.treeEntry(commit, await repo.resolvePath(commit, name));
  if (!entry || !/^100[0-7]{3}$/.test(entry.mode)) return false;
  await repo.blobToFile(entry.sha, join55(dir, name));
  return true;
}

// src/packaging/rpm/topdir.ts
import { mkdir as mkdir17 } from "node:fs/promises";
import { join as join56, resolve as resolve8 } from "node:path";
async function makeTopdir(dir) {
  const root = resolve8(dir);
  const topdir = {
    root,
    specs: join56(root, "SPECS"),
    sources: join56(root, "SOURCES"),
    build: join56(root, "BUILD"),
    srpms: join56(root, "SRPMS"),
    defines: [
      ["_topdir", root],
      ["_tmppath", join56(root, "tmp")],
      ["_default_patch_fuzz", "0"]
    ].flatMap(([name, value]) => ["--define", `${name} ${value}`])
  };
  for (const path of [topdir.specs, topdir.sources, topdir.build, topdir.srpms, join56(root, "tmp")]) {
    await mkdir17(path, { recursive: true });
  }
  return topdir;
}

// src/packaging/rpm/stage.ts
var ALWAYS_EXCLUDED = [".github"];
async function stageSpec(dir, specName, text) {
  const topdir = await makeTopdir(dir);
  const specPath = join57(topdir.specs, specName);
  await writeFile18(specPath, text);
  return { topdir, specPath, info: await querySpec(specPath, topdir.defines) };
}
function packagingFiles(specName, info2) {
  return [.../* @__PURE__ */ new Set([specName, ...[...info2.sources, ...info2.patches].map((entry) => entry.file)])];
}
async function stageSources(repo, head, staged, tarball) {
  const { info: info2, topdir } = staged;
  const source0 = info2.sources.find((entry) => entry.number === 0);
  if (!source0)
    throw new Error("the spec has no Source0 (or Source:) tag: patch-carrier makes it from upstream");
  if (info2.setupCreatesDir) {
    throw new Error(
      "%setup -c expects a tarball without a top directory: patch-carrier makes Source0 with one"
    );
  }
  const files = [
    await writeSourceTarball({
      repo,
      revision: tarball.revision,
      file: checkedName(source0, "Source"),
      topDir: info2.setupDir ?? `${info2.name}-${info2.version}`,
      exclude: tarball.exclude,
      sourcesDir: topdir.sources
    })
  ];
  const others = [
    ...info2.sources.filter((entry) => entry !== source0).map((entry) => ({ entry, tag: "Source" })),
    ...info2.patches.map((entry) => ({ entry, tag: "Patch" }))
  ];
  for (const { entry, tag } of others) {
    const name = checkedName(entry, tag);
    if (!await copyCommitFile(repo, head, name, topdir.sources)) {
      throw new Error(
        `${tag}${entry.number} (${name}) is not in the top directory of ${head.slice(0, 12)}: commit it beside the spec (patch-carrier downloads nothing)`
      );
    }
    files.push(join57(topdir.sources, name));
  }
  return files;
}
function checkedName(entry, tag) {
  if (!entry.file || entry.file === "." || entry.file === "..") {
    throw new Error(`${tag}${entry.number}: "${entry.value}" names no file`);
  }
  return entry.file;
}

// src/packaging/rpm/version.ts
var RPM_VERSION = /^[A-Za-z0-9._+~^]+$/;
function rpmVersionFor(tag, versionFor) {
  const dep14 = parseDep14Tag(tag.name);
  const upstream = dep14 && dep14.vendor !== "upstream" ? upstreamVersionOf(tag.version) : tag.version;
  const version = upstream.replace(/-/g, "~");
  if (!RPM_VERSION.test(version)) {
    throw new Error(
      `the version of upstream tag ${tag.name} ("${upstream}") cannot be an RPM Version (letters, digits, '.', '_', '+', '~', '^'): choose other tags with upstream-tags`
    );
  }
  const full = versionFor(`${version}-1`);
  const release = full.startsWith(`${version}-`) ? full.slice(version.length + 1) : "";
  if (!RPM_VERSION.test(release)) {
    throw new Error(`version-suffix gives "${full}", whose release "${release}" is not a valid RPM Release`);
  }
  return { version, release, full };
}

// src/packaging/rpm/build.ts
async function buildRpm(request) {
  const { repo, head, settings, upstreamTag } = request;
  const specName = await findSpec(repo, head);
  const original = await repo.readFile(head, specName) ?? "";
  const version = rpmVersionFor(upstreamTag, request.versionFor);
  const date = await changelogEntryDate(repo, upstreamTag, head, newestChangelogDate(original));
  let text = prependRpmChangelog(setRelease(setVersion(original, version.version), version.release), {
    date,
    maintainer: `${settings.maintainer.name} <${settings.maintainer.email}>`,
    versionRelease: version.full,
    items: await changelogChanges(request)
  });
  const staged = await stageSpec(join58(request.scratchDir, "rpmbuild"), specName, text);
  const packaging = packagingFiles(specName, staged.info);
  const exported = await exportCommitPatches({
    repo,
    base: upstreamTag.commit,
    head,
    exclude: [...packaging, ...ALWAYS_EXCLUDED],
    taken: new Set(packaging)
  });
  const used = [...staged.info.patches, ...specEntries(original).patches].map((patch) => patch.number);
  const first = Math.max(-1, ...used) + 1;
  text = addPatches(
    text,
    exported.patches.map((patch, index) => ({ number: first + index, file: patch.name })),
    "Downstream commits to upstream files, exported by patch-carrier"
  );
  await writeFile19(staged.specPath, text);
  const sources = await stagePrepared(request, staged, exported.patches);
  const srpm = await buildSrpm(staged.topdir, staged.specPath, Math.floor(date.getTime() / 1e3));
  const files = await copyInto(resolve9(settings.outputDir), [staged.specPath, ...sources, srpm]);
  const notes = [`${basename8(sources[0])} from git archive of ${upstreamTag.name}`];
  if (exported.patches.length > 0) {
    notes.push(
      `upstream files changed by downstream commits, exported as spec patches: ${exported.patches.map((p2) => p2.name).join(", ")}` + (exported.combined ? " (one combined patch: the history has merges)" : "")
    );
  }
  return { version: version.full, files, publish: files.filter((file) => !file.endsWith(".src.rpm")), notes };
}
async function stagePrepared(request, staged, patches) {
  const sources = await stageSources(request.repo, request.head, staged, {
    revision: request.upstreamTag.commit,
    exclude: ALWAYS_EXCLUDED
  });
  for (const patch of patches) {
    await writeFile19(join58(staged.topdir.sources, patch.name), patch.text);
    sources.push(join58(staged.topdir.sources, patch.name));
  }
  const patchFiles = [...staged.info.patches.map((patch) => patch.file), ...patches.map((p2) => p2.name)];
  const prep = await prepSources(staged.topdir, staged.specPath, patchFiles, staged.info.setupDir);
  if (prep.kind === "patch-failed") {
    throw new Error(
      `rpmbuild -bp: patch ${prep.patch} does not apply with fuzz 0 to Source0 made from ${request.upstreamTag.name}:
${prep.output}`
    );
  }
  return sources;
}
async function copyInto(outDir, files) {
  await mkdir18(outDir, { recursive: true });
  const copies = [];
  for (const file of files) {
    const target = join58(outDir, basename8(file));
    await copyFile6(file, target);
    copies.push(target);
  }
  return copies;
}

// src/packaging/rpm/check.ts
async function checkSpecPatches(repo, head) {
  const specName = await findSpec(repo, head);
  const text = await repo.readFile(head, specName) ?? "";
  return withTempDir("rpm-check", async (dir) => {
    const staged = await stageSpec(dir, specName, text);
    if (staged.info.patches.length === 0) return { kind: "ok", head, dropped: [] };
    const exclude = [...packagingFiles(specName, staged.info), ...ALWAYS_EXCLUDED];
    await stageSources(repo, head, staged, { revision: head, exclude });
    const prep = await prepSources(
      staged.topdir,
      staged.specPath,
      staged.info.patches.map((patch) => patch.file),
      staged.info.setupDir
    );
    if (prep.kind === "ok") return { kind: "ok", head, dropped: [] };
    return {
      kind: "conflict",
      head,
      failed: { kind: "patch", name: prep.patch, output: prep.output },
      files: prep.files
    };
  });
}

// src/packaging/rpm/packager.ts
var rpmPackager = {
  kind: "rpm",
  tools: ["rpmbuild", "rpmspec", "patch", "gzip"],
  resolvers: [],
  checkPatches: (repo, head) => checkSpecPatches(repo, head),
  build: buildRpm
};

// src/packaging/choose.ts
async function choosePackager(repo, head, settings) {
  const kind = settings.packaging === "auto" ? await detect(repo, head) : settings.packaging;
  switch (kind) {
    case "debian":
      return debianPackager;
    case "rpm":
      return rpmPackager;
    case "none":
      return nonePackager;
  }
}
async function detect(repo, head) {
  const top = await repo.listTree(head);
  if (top.includes("debian")) return "debian";
  if (top.some((name) => name.endsWith(".spec"))) return "rpm";
  return "none";
}

// src/action/failure.ts
var internal = /* @__PURE__ */ new Set(["TypeError", "RangeError", "ReferenceError", "SyntaxError"]);
function describeFailure(error) {
  if (!(error instanceof Error)) return { message: `Unexpected failure: ${String(error)}` };
  const words = error.message.trim() || `${error.name} without a message`;
  if (!internal.has(error.name)) return { message: words };
  return {
    message: `Internal error in patch-carrier (please report it with this log): ${error.name}: ${words}`,
    stack: error.stack
  };
}

// src/config/select.ts
import { tmpdir as tmpdir7 } from "node:os";
import { isAbsolute, join as join59, resolve as resolve10 } from "node:path";
async function selectPackages(read, env) {
  const path = read("config");
  const wanted = read("package");
  if (!path) {
    if (wanted)
      throw new SettingsError("package", "selects an entry of a config file: set the config input too");
    return { kind: "one", read };
  }
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const { loadConfigFile } = await import("./file-KDYUNU7S.js");
  const file = await loadConfigFile(isAbsolute(path) ? path : resolve10(workspace, path), path);
  const names = [...file.packages.keys()];
  if (wanted && !file.packages.has(wanted)) {
    throw new SettingsError("package", `${path} has no package '${wanted}' (it has: ${names.join(", ")})`);
  }
  const chosen = wanted ? [wanted] : names;
  const packages = chosen.map((name) => ({ name, read: packageReader(read, env, file, name) }));
  if ((read("mode") || "sync") === "check") return { kind: "many", config: path, packages };
  if (packages.length !== 1) {
    throw new SettingsError(
      "package",
      `is required in mode ${read("mode") || "sync"}: ${path} lists ${names.length} packages (${names.join(", ")}); run one per matrix job with package: \${{ matrix.package }}`
    );
  }
  return { kind: "one", read: packages[0].read };
}
function packageReader(read, env, file, name) {
  const entry = file.packages.get(name) ?? {};
  const fromFile = (input) => packageInputs.has(input) ? entry[input] ?? file.defaults[input] : void 0;
  const merged = (input) => {
    if (input === "package") return name;
    if (input === "work-dir") {
      return join59(read("work-dir") || join59(env.RUNNER_TEMP || tmpdir7(), "patch-carrier-work"), name);
    }
    const value = fromFile(input) ?? read(input);
    if (input === "obs-package" && !value && merged("obs-project")) return name;
    if (input === "repository" && fromFile("repository") === void 0) {
      return repositoryOf(fromFile("remote-url"), env) ?? value;
    }
    return value;
  };
  return merged;
}
function repositoryOf(remoteUrl, env) {
  if (!remoteUrl) return void 0;
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  if (!remoteUrl.startsWith(`${server}/`)) return void 0;
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(
    remoteUrl.slice(server.length + 1)
  );
  return match ? `${match[1]}/${match[2]}` : void 0;
}

// src/config/limit.ts
async function mapBounded(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

// src/config/matrix.ts
function matrixOf(checks) {
  return {
    include: checks.filter((check2) => check2.report?.result === "update-available").map((check2) => ({
      package: check2.name,
      "upstream-tag": check2.report?.upstreamTag ?? "",
      "previous-tag": check2.report?.previousTag ?? ""
    }))
  };
}

// src/config/prefixed-log.ts
function prefixedLogger(log, name) {
  const tag = `[${name}]`;
  return {
    info: (message) => log.info(`${tag} ${message}`),
    warning: (message, file) => log.warning(`${tag} ${message}`, file),
    group: async (stage, work) => {
      const started = Date.now();
      try {
        return await work();
      } finally {
        log.info(`${tag} ${stage}: ${((Date.now() - started) / 1e3).toFixed(2)} s`);
      }
    }
  };
}

// src/config/summary.ts
var cell2 = (text) => text ? codeSpan(text).replace(/\|/g, "\\|") : "";
var shown = {
  "update-available": "**update available**",
  "up-to-date": "up to date"
};
function renderChecks(config, checks, matrix) {
  const updates = matrix.include.length;
  const failed2 = checks.filter((check2) => check2.error !== void 0).length;
  const out = [
    `## patch-carrier: ${updates} of ${checks.length} package${checks.length === 1 ? "" : "s"} need${updates === 1 ? "s" : ""} an update` + (failed2 > 0 ? `, ${failed2} failed` : ""),
    "",
    `Config: ${cell2(config)}`,
    "",
    "| package | result | branch | on tag | newest upstream tag | seconds |",
    "|---|---|---|---|---|---:|"
  ];
  for (const check2 of checks) {
    const report = check2.report;
    const result = report ? shown[report.result] ?? escapeInline(report.result) : `failed: ${escapeInline(check2.error ?? "unknown error")}`;
    out.push(
      `| ${cell2(check2.name)} | ${result} | ${cell2(report?.branch)} | ${cell2(report?.previousTag)} | ${cell2(report?.upstreamTag)} | ${(check2.ms / 1e3).toFixed(2)} |`
    );
  }
  out.push("", "`matrix` output:", "", fencedBlock(JSON.stringify(matrix, null, 2), "json"), "");
  return out.join("\n");
}

// src/config/check-many.ts
var CHECK_CONCURRENCY = 8;
async function checkPackages(selection, env, host, depsFor, concurrency = CHECK_CONCURRENCY) {
  const parsed = selection.packages.map((pkg) => ({
    name: pkg.name,
    settings: parseFor(pkg.name, pkg.read, env)
  }));
  const checks = await host.log.group(
    `Check ${parsed.length} package${parsed.length === 1 ? "" : "s"}`,
    () => mapBounded(parsed, concurrency, async ({ name, settings }) => {
      const started = Date.now();
      try {
        const report = await runPipeline(settings, depsFor(prefixedLogger(host.log, name)));
        return { name, report, ms: Date.now() - started };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { name, error: message, ms: Date.now() - started };
      }
    })
  );
  const matrix = matrixOf(checks);
  host.setOutput("result", matrix.include.length > 0 ? "update-available" : "up-to-date");
  host.setOutput("matrix", JSON.stringify(matrix));
  await host.summary(renderChecks(selection.config, checks, matrix));
  const failed2 = checks.filter((check2) => check2.error !== void 0);
  if (failed2.length > 0) {
    host.fail(failed2.map((check2) => `Package '${check2.name}': ${check2.error}`).join("\n"));
  }
  return checks;
}
function parseFor(name, read, env) {
  try {
    return parseSettings(read, env);
  } catch (error) {
    if (error instanceof SettingsError)
      throw new Error(`Package '${name}': ${error.message}`, { cause: error });
    throw error;
  }
}

// src/cache/session.ts
import { rm as rm28 } from "node:fs/promises";
import { tmpdir as tmpdir8 } from "node:os";
import { join as join61, resolve as resolve11 } from "node:path";

// src/cache/objects.ts
import { stat as stat5 } from "node:fs/promises";
import { join as join60 } from "node:path";
async function usableObjects(cacheRepo) {
  try {
    if (!(await stat5(join60(cacheRepo, "objects"))).isDirectory()) return false;
    return await hasRefs(new GitRepo(cacheRepo));
  } catch {
    return false;
  }
}
async function keepObjects(work, cacheRepo) {
  const cache = await usableObjects(cacheRepo) ? new GitRepo(cacheRepo) : await initObjectStore(cacheRepo);
  await copyRefs(cache, work.gitDir, `+${upstreamRef("refs/")}*:refs/*`);
}

// src/cache/service.ts
function actionsCacheAvailable(env) {
  return Boolean(env.ACTIONS_RUNTIME_TOKEN && (env.ACTIONS_RESULTS_URL || env.ACTIONS_CACHE_URL));
}
var actionsCacheService = {
  async restore(paths, key, restoreKeys) {
    const cache = await import("./cache-IG4BF7JY.js");
    return cache.restoreCache(paths, key, restoreKeys);
  },
  async save(paths, key) {
    const cache = await import("./cache-IG4BF7JY.js");
    return await cache.saveCache(paths, key) !== -1;
  }
};

// src/cache/session.ts
function openCache(settings, env, log, service = actionsCacheAvailable(env) ? actionsCacheService : void 0) {
  const upstreamUrl = settings.upstreamUrl;
  if (!settings.cache || !upstreamUrl) return void 0;
  const root = (settings.cacheDir && resolve11(settings.cacheDir)) ?? (service ? join61(env.RUNNER_TEMP || tmpdir8(), "patch-carrier-cache") : void 0);
  if (!root) return void 0;
  const paths = cachePaths(root, upstreamUrl);
  let key;
  let restored;
  let kept = false;
  const attempt2 = async (what, work) => {
    try {
      return await work();
    } catch (error) {
      log.info(
        `Cache: ${what} failed, the run goes on without it: ${error instanceof Error ? error.message : String(error)}`
      );
      return void 0;
    }
  };
  return {
    async prepare(tag) {
      const keys = cacheKeys(upstreamUrl, tag);
      key = keys.primary;
      if (service) {
        restored = await attempt2("restore", () => service.restore([paths.dir], keys.primary, keys.restore));
        log.info(restored ? `Cache: restored ${restored}` : `Cache: nothing cached yet for ${keys.primary}`);
      }
      if (await usableObjects(paths.objects)) return { objects: paths.objects, origDir: paths.orig };
      await attempt2("clean-up", () => rm28(paths.objects, { recursive: true, force: true }));
      return { origDir: paths.orig };
    },
    async keep(repo) {
      if (!key) return;
      kept = await attempt2("update", () => keepObjects(repo, paths.objects).then(() => true)) ?? false;
    },
    async save() {
      if (!service || !key || !kept || restored === key) return;
      const saving = key;
      const saved = await attempt2("save", () => service.save([paths.dir], saving));
      log.info(saved ? `Cache: saved ${saving}` : `Cache: not saved (${saving})`);
    }
  };
}

// src/action/main.ts
var actionsHost = {
  log: {
    info: (message) => info(message),
    warning: (message, file) => warning(message, file ? { file } : {}),
    group: async (name, stage) => {
      const started = Date.now();
      startGroup(name);
      try {
        return await stage();
      } finally {
        info(`${name}: ${((Date.now() - started) / 1e3).toFixed(2)} s`);
        endGroup();
      }
    }
  },
  mask: (secret) => setSecret(secret),
  setOutput: (name, value) => setOutput(name, value),
  summary: async (markdown) => {
    if (process.env.GITHUB_STEP_SUMMARY) await summary.addRaw(markdown, true).write();
    else info(markdown);
  },
  fail: (message) => setFailed(message),
  annotate: (message, file) => warning(message, { title: "patch-carrier", ...file ? { file } : {} })
};
async function main(env = process.env, read = inputsFromEnv(env), host = actionsHost) {
  try {
    for (const name of secretInputs) maskSecret(host, read(name));
    if (read("github-token")) host.mask(basicAuthValue(read("github-token")));
    const selection = await selectPackages(read, env);
    if (selection.kind === "many") {
      await checkPackages(selection, env, host, pipelineDeps);
      return void 0;
    }
    const settings = parseSettings(selection.read, env);
    if (settings.obs.user && settings.obs.password)
      host.mask(Buffer.from(`${settings.obs.user}:${settings.obs.password}`).toString("base64"));
    const cache = openCache(settings, env, host.log);
    const deps = { ...pipelineDeps(host.log), cache };
    let report;
    try {
      report = await runPipeline(settings, deps);
    } catch (error) {
      if (!(error instanceof PublishedNotPushedError)) throw error;
      report = error.report;
    } finally {
      await cache?.save();
    }
    for (const [name, value] of Object.entries(outputsOf(report))) host.setOutput(name, value);
    annotate(host, report);
    await host.summary(renderSummary(report, summaryContext(settings, report)));
    if (report.result === "conflict" && settings.conflict === "fail") {
      const what = report.mode === "backport" ? "The backport of" : "The rebase onto";
      host.fail(`${what} ${report.upstreamTag} conflicts (conflict: fail); see the job summary`);
    }
    if (report.notPushed) host.fail(report.notPushed);
    return report;
  } catch (error) {
    const failure3 = describeFailure(error);
    if (failure3.stack) host.log.info(failure3.stack);
    host.fail(failure3.message);
    return void 0;
  }
}
function pipelineDeps(log) {
  return {
    log,
    packagerFor: choosePackager,
    obsFor: (s) => createObsClient({
      apiUrl: s.obs.url,
      auth: { user: s.obs.user ?? "", password: s.obs.password, sshKey: s.obs.sshKey },
      log: (line2) => log.info(line2)
    })
  };
}
function maskSecret(host, value) {
  if (!value) return;
  host.mask(value);
  const lines = value.split("\n").map((line2) => line2.trim());
  if (lines.length > 1) {
    for (const line2 of lines) if (line2.length > 8) host.mask(line2);
  }
}
function annotate(host, report) {
  if (!report.conflict) return;
  const failed2 = report.conflict.failed;
  const what = failed2.kind === "commit" ? `commit ${failed2.commit.sha.slice(0, 12)} (${failed2.commit.subject})` : `patch ${failed2.name}`;
  const run2 = `${report.mode === "backport" ? "Backport of" : "Rebase onto"} ${report.upstreamTag}`;
  for (const file of report.conflict.files) host.annotate(`${run2}: ${what} conflicts here`, file.path);
  if (report.conflict.files.length === 0) host.annotate(`${run2}: ${what} does not apply`);
}

export {
  main
};
