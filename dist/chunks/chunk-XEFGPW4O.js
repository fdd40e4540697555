import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);
import {
  parseHttpUrl
} from "./chunk-QQW4PSPM.js";

// src/action/inputs.ts
var runSetupInputs = [
  "output-dir",
  "work-dir",
  "dry-run",
  "config",
  "package",
  "cache",
  "cache-dir",
  "scratch-in-memory"
];
var inputNames = [
  "mode",
  "repository",
  "remote-url",
  "branch",
  "upstream-url",
  "upstream-tags",
  "upstream-tag",
  "backport-from",
  "upstream-signing-key",
  "upstream-archive",
  "upstream-suites",
  "upstream-package",
  "archive-keyring",
  "downstream-base",
  "version-order",
  "packaging",
  "version-suffix",
  "orig-source",
  "orig-components",
  "maintainer",
  "distribution",
  "obs-url",
  "obs-project",
  "obs-package",
  "obs-user",
  "obs-password",
  "obs-ssh-key",
  "obs-keep",
  "obs-create",
  "obs-wait",
  "obs-wait-timeout",
  "github-token",
  "conflict",
  "review",
  ...runSetupInputs
];
var booleanInputs = /* @__PURE__ */ new Set([
  "dry-run",
  "obs-create",
  "obs-wait",
  "cache",
  "scratch-in-memory"
]);
var urlInputs = /* @__PURE__ */ new Set([
  "remote-url",
  "upstream-url",
  "upstream-archive",
  "obs-url"
]);
var secretInputs = /* @__PURE__ */ new Set(["github-token", "obs-password", "obs-ssh-key"]);

// src/urls/credentials.ts
var transportPrefix = /^[A-Za-z][A-Za-z0-9+.-]*::/;
var scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
var sshSchemes = /^(ssh|git\+ssh|ssh\+git)$/i;
var loginName = /^[A-Za-z0-9._-]+$/;
function carriesCredentials(url) {
  let address = url;
  while (transportPrefix.test(address)) address = address.replace(transportPrefix, "");
  const named = scheme.exec(address);
  if (named) {
    const authority = address.slice(named[0].length).split(/[/?#]/, 1)[0] ?? "";
    const at = authority.lastIndexOf("@");
    if (at < 0) return false;
    return !(sshSchemes.test(named[1] ?? "") && loginName.test(authority.slice(0, at)));
  }
  return /^[^/@]*:[^/@]*@/.test(address);
}
function isLoopbackHost(hostname) {
  const host = hostname.toLowerCase();
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
var gitAdvice = "github-token authenticates to the GitHub server; for another host use a credential helper or an ssh URL with a deploy key (see README)";
var advice = {
  "remote-url": gitAdvice,
  "upstream-url": gitAdvice,
  "obs-url": "give obs-user with obs-password or obs-ssh-key instead"
};
function credentialsRefusal(input) {
  const instead = advice[input];
  const why = "must not carry credentials (a user or password before '@'): URLs are shown in logs and kept on disk";
  return instead ? `${why}; ${instead}` : why;
}

// src/action/settings.ts
import { join, resolve } from "node:path";
import { tmpdir } from "node:os";
var SettingsError = class extends Error {
  constructor(input, message) {
    super(`Input '${input}': ${message}`);
    this.input = input;
    this.name = "SettingsError";
  }
  input;
};
function inputsFromEnv(env) {
  return (name) => (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}
function oneOf(read, input, allowed, fallback) {
  const value = read(input) || fallback;
  if (!allowed.includes(value)) {
    throw new SettingsError(input, `must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
  }
  return value;
}
function boolean(read, input, fallback) {
  const value = read(input);
  if (value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new SettingsError(input, `must be true or false (got ${JSON.stringify(value)})`);
}
function list(value) {
  return value.split(/[\n,]/).map((item) => item.trim()).filter(Boolean);
}
function minutes(read, input, fallback) {
  const value = read(input);
  if (value === "") return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 24 * 60) {
    throw new SettingsError(
      input,
      `must be a whole number of minutes from 1 to 1440 (got ${JSON.stringify(value)})`
    );
  }
  return Number(value);
}
function optional(read, input) {
  return read(input) || void 0;
}
var controlCharacters = /[\u0000-\u001f\u007f]/;
function gitUrl(input, value) {
  if (carriesCredentials(value)) throw new SettingsError(input, credentialsRefusal(input));
  if (controlCharacters.test(value) || value.startsWith("-")) {
    throw new SettingsError(input, `is not a usable git URL: ${JSON.stringify(value)}`);
  }
  if (/^(ext|fd)::/i.test(value)) {
    throw new SettingsError(input, `must not use git's ${value.split("::")[0]}:: transport`);
  }
  return value;
}
function httpUrl(input, value) {
  if (carriesCredentials(value)) throw new SettingsError(input, credentialsRefusal(input));
  if (controlCharacters.test(value)) throw new SettingsError(input, "must not hold control characters");
  const url = parseHttpUrl(value);
  if (url === "must not carry credentials") throw new SettingsError(input, credentialsRefusal(input));
  if (typeof url === "string") {
    throw new SettingsError(input, `must be an http(s) URL (got ${JSON.stringify(value)})`);
  }
  return value.replace(/\/+$/, "");
}
function maintainer(value) {
  const match = /^([^<>\n]+?)\s*<([^<>\s@]+@[^<>\s@]+)>$/.exec(value);
  if (!match?.[1] || !match[2]) {
    throw new SettingsError(
      "maintainer",
      `must look like "Full Name <email@example.org>" (got ${JSON.stringify(value)})`
    );
  }
  return { name: match[1], email: match[2] };
}
function versionSuffix(value) {
  const plain = value.replace("{n}", "1");
  if (value.split("{n}").length > 2 || !/^[A-Za-z0-9.+~]*$/.test(plain)) {
    throw new SettingsError(
      "version-suffix",
      `may hold letters, digits, '.', '+', '~' and one '{n}' (got ${JSON.stringify(value)})`
    );
  }
  return value;
}
function signingKey(value) {
  if (!value) return void 0;
  if (/PRIVATE KEY/.test(value)) {
    throw new SettingsError("upstream-signing-key", "holds a private key: give the public key(s) only");
  }
  if (!/-----BEGIN PGP PUBLIC KEY BLOCK-----[\s\S]+-----END PGP PUBLIC KEY BLOCK-----/.test(value)) {
    throw new SettingsError(
      "upstream-signing-key",
      "must be ASCII-armored OpenPGP public key(s) (-----BEGIN PGP PUBLIC KEY BLOCK-----)"
    );
  }
  return value;
}
var obsName = /^[A-Za-z0-9_][A-Za-z0-9_.:+-]*$/;
function obsSettings(read) {
  const project = optional(read, "obs-project");
  const pkg = optional(read, "obs-package");
  if (project && !obsName.test(project))
    throw new SettingsError("obs-project", `is not a valid OBS project name: ${JSON.stringify(project)}`);
  if (pkg && !obsName.test(pkg))
    throw new SettingsError("obs-package", `is not a valid OBS package name: ${JSON.stringify(pkg)}`);
  if (Boolean(project) !== Boolean(pkg)) {
    throw new SettingsError(
      project ? "obs-package" : "obs-project",
      "obs-project and obs-package go together: set both or neither"
    );
  }
  const user = optional(read, "obs-user");
  const password = optional(read, "obs-password");
  const sshKey = optional(read, "obs-ssh-key");
  if (project && !user)
    throw new SettingsError("obs-user", "is required to publish to OBS (obs-project is set)");
  if (project && !password && !sshKey) {
    throw new SettingsError("obs-password", "publishing to OBS needs obs-password or obs-ssh-key");
  }
  const keep = read("obs-keep");
  const url = httpUrl("obs-url", read("obs-url") || "https://api.opensuse.org");
  if (password && new URL(url).protocol === "http:" && !isLoopbackHost(new URL(url).hostname)) {
    throw new SettingsError(
      "obs-url",
      "is http:// and obs-password is set: the password would cross the network unencrypted; use https:// (http:// only for an OBS on this machine: 127.0.0.1, ::1, localhost)"
    );
  }
  return {
    url,
    project,
    package: pkg,
    user,
    password,
    sshKey,
    keep: keep ? list(keep) : ["_service*", "_constraints", "_multibuild"],
    create: boolean(read, "obs-create", false),
    waitMinutes: boolean(read, "obs-wait", false) ? minutes(read, "obs-wait-timeout", 120) : void 0
  };
}
function parseSettings(read, env) {
  const mode = oneOf(read, "mode", ["sync", "build", "check", "backport"], "sync");
  const serverUrl = httpUrl("GITHUB_SERVER_URL", env.GITHUB_SERVER_URL || "https://github.com");
  const { repository, remote } = fork(read, env, serverUrl);
  const { upstreamUrl, upstreamArchive } = upstream(read, mode);
  const branch = refPart(read, "branch", "branch");
  const upstreamTag = refPart(read, "upstream-tag", "tag");
  const backportFrom = backportStart(read, mode);
  const runnerTemp = env.RUNNER_TEMP || tmpdir();
  const runUrl = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : void 0;
  const distribution = distributionName(read);
  const components = origComponents(read);
  return {
    mode,
    repository,
    remoteUrl: gitUrl("remote-url", remote),
    branch,
    upstreamUrl: upstreamUrl && gitUrl("upstream-url", upstreamUrl),
    upstreamArchive,
    upstreamTags: list(read("upstream-tags") || "*"),
    upstreamTag,
    backportFrom,
    upstreamSigningKey: signingKey(read("upstream-signing-key")),
    versionOrder: oneOf(read, "version-order", ["debian", "semver", "auto"], "auto"),
    packaging: oneOf(read, "packaging", ["debian", "rpm", "none", "auto"], "auto"),
    versionSuffix: versionSuffix(read("version-suffix") || "+carrier{n}"),
    origSource: oneOf(read, "orig-source", ["pristine-tar", "git-archive", "auto"], "auto"),
    origComponents: components,
    maintainer: maintainer(read("maintainer") || "patch-carrier <patch-carrier@users.noreply.github.com>"),
    distribution,
    obs: obsSettings(read),
    githubToken: optional(read, "github-token"),
    apiUrl: httpUrl("GITHUB_API_URL", env.GITHUB_API_URL || "https://api.github.com"),
    serverUrl,
    conflict: oneOf(read, "conflict", ["pull-request", "fail"], "pull-request"),
    review: oneOf(read, "review", ["on-conflict", "always"], "on-conflict"),
    outputDir: read("output-dir") || join(runnerTemp, "patch-carrier"),
    workDir: read("work-dir") || join(runnerTemp, "patch-carrier-work"),
    dryRun: boolean(read, "dry-run", false),
    runUrl,
    packageName: optional(read, "package"),
    cache: boolean(read, "cache", true),
    cacheDir: optional(read, "cache-dir"),
    scratchInMemory: boolean(read, "scratch-in-memory", true)
  };
}
function fork(read, env, serverUrl) {
  const repository = read("repository") || env.GITHUB_REPOSITORY || "";
  if (repository && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) {
    throw new SettingsError("repository", `must be owner/name (got ${JSON.stringify(repository)})`);
  }
  const remote = read("remote-url") || (repository ? `${serverUrl}/${repository}.git` : "");
  if (!remote)
    throw new SettingsError("remote-url", "is required when repository (GITHUB_REPOSITORY) is not set");
  return { repository, remote };
}
function upstream(read, mode) {
  const upstreamUrl = optional(read, "upstream-url");
  const upstreamArchive = archiveUpstream(read);
  if (upstreamArchive && read("upstream-signing-key")) {
    throw new SettingsError(
      "upstream-signing-key",
      "verifies git tags; with upstream-archive the archive's InRelease signature (archive-keyring) is the trust"
    );
  }
  const pinned = mode === "backport" || mode === "check" && read("backport-from") !== "";
  if (pinned && upstreamArchive && !upstreamUrl && mode === "backport")
    throw new SettingsError(
      "upstream-url",
      "is required in mode backport with upstream-archive too: the fork's own upstream (its tag, orig tarballs)"
    );
  if (upstreamUrl && upstreamArchive && !pinned) {
    throw new SettingsError(
      "upstream-archive",
      "upstream-url and upstream-archive are two kinds of upstream: set one of them, not both"
    );
  }
  if (!upstreamUrl && !upstreamArchive && mode !== "build")
    throw new SettingsError("upstream-url", `(or upstream-archive) is required in mode ${mode}`);
  return { upstreamUrl, upstreamArchive };
}
function refPart(read, input, kind) {
  const value = optional(read, input);
  if (value && !isSafeRefPart(value))
    throw new SettingsError(input, `is not a valid ${kind} name: ${JSON.stringify(value)}`);
  return value;
}
function distributionName(read) {
  const distribution = read("distribution") || "UNRELEASED";
  if (!/^[A-Za-z0-9][A-Za-z0-9.+-]*$/.test(distribution)) {
    throw new SettingsError(
      "distribution",
      `is not a valid Debian distribution name: ${JSON.stringify(distribution)}`
    );
  }
  return distribution;
}
function origComponents(read) {
  const components = list(read("orig-components"));
  for (const component of components) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(component)) {
      throw new SettingsError(
        "orig-components",
        `${JSON.stringify(component)} is not a valid component name (letters, digits, '-')`
      );
    }
  }
  return components;
}
function backportStart(read, mode) {
  const value = optional(read, "backport-from");
  if (mode === "backport") {
    if (!value)
      throw new SettingsError(
        "backport-from",
        'is required in mode backport: the version (or tag) the fork has ported up to, e.g. "1:2.3.19.1+dfsg1-2.1"'
      );
    for (const input of ["upstream-tag", "review"]) {
      if (read(input) && !(input === "review" && read(input) === "on-conflict"))
        throw new SettingsError(input, "is not supported in mode backport");
    }
  }
  if (!value) return void 0;
  if (read("upstream-tags") === "" && read("upstream-archive") === "")
    throw new SettingsError(
      "upstream-tags",
      'is required with backport-from: the glob of the watched versions, e.g. "debian/1%2.3.19.1+dfsg1-2.1+deb12u*"'
    );
  if (mode === "sync")
    throw new SettingsError(
      "backport-from",
      "marks a pinned fork: use it with mode backport (or check), not sync"
    );
  if (value.startsWith("-") || controlCharacters.test(value) || !(isSafeRefPart(value) || /^[0-9][A-Za-z0-9.+~:-]*$/.test(value)))
    throw new SettingsError("backport-from", `is neither a version nor a tag name: ${JSON.stringify(value)}`);
  return value;
}
var defaultArchiveKeyring = "/usr/share/keyrings/debian-archive-keyring.gpg";
var suiteName = /^[A-Za-z0-9][A-Za-z0-9._+-]*(\/[A-Za-z0-9][A-Za-z0-9._+-]*)*$/;
var sourceName = /^[a-z0-9][a-z0-9+.-]+$/;
function archiveUpstream(read) {
  const url = optional(read, "upstream-archive");
  const companions = ["upstream-suites", "upstream-package", "archive-keyring", "downstream-base"];
  if (!url) {
    const stray = companions.find((input) => read(input) !== "");
    if (stray) throw new SettingsError(stray, "applies only with upstream-archive, which is not set");
    return void 0;
  }
  const suites = list(read("upstream-suites"));
  if (suites.length === 0)
    throw new SettingsError("upstream-suites", 'is required with upstream-archive (e.g. "bookworm-security")');
  for (const suite of suites) {
    if (!suiteName.test(suite) || suite.includes(".."))
      throw new SettingsError("upstream-suites", `${JSON.stringify(suite)} is not a suite name`);
  }
  const pkg = optional(read, "upstream-package");
  if (pkg && !sourceName.test(pkg))
    throw new SettingsError("upstream-package", `is not a Debian source package name: ${JSON.stringify(pkg)}`);
  const downstreamBase = optional(read, "downstream-base");
  if (downstreamBase && !isSafeRefPart(downstreamBase))
    throw new SettingsError(
      "downstream-base",
      `is not a commit, tag or ref: ${JSON.stringify(downstreamBase)}`
    );
  return {
    urls: [...new Set(list(url).map((one) => httpUrl("upstream-archive", one)))],
    suites: [...new Set(suites)],
    package: pkg,
    keyring: archiveKeyring(read("archive-keyring")),
    downstreamBase
  };
}
function archiveKeyring(value) {
  if (value === "") return { kind: "file", path: defaultArchiveKeyring };
  if (/PRIVATE KEY/.test(value))
    throw new SettingsError("archive-keyring", "holds a private key: give the public key(s) only");
  if (value.includes("-----BEGIN PGP PUBLIC KEY BLOCK-----")) return { kind: "armored", text: value };
  if (controlCharacters.test(value))
    throw new SettingsError(
      "archive-keyring",
      `must be the path of a keyring file or ASCII-armored public keys (got ${JSON.stringify(value.slice(0, 80))})`
    );
  return { kind: "file", path: resolve(value) };
}
function isSafeRefPart(name) {
  return name.length > 0 && name.length <= 255 && !name.startsWith("-") && !name.startsWith("/") && !name.endsWith("/") && !name.endsWith(".") && !name.endsWith(".lock") && !name.includes("..") && !name.includes("@{") && !name.includes("//") && name !== "@" && !/[~^:?*[\\\s]/.test(name) && !controlCharacters.test(name) && !name.split("/").some((part) => part.startsWith("."));
}

// src/config/keys.ts
var runInputs = /* @__PURE__ */ new Set(["mode", "upstream-tag", ...runSetupInputs]);
var packageInputs = new Set(
  inputNames.filter((name) => !runInputs.has(name) && !secretInputs.has(name))
);
var packageName = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

export {
  inputNames,
  booleanInputs,
  urlInputs,
  secretInputs,
  carriesCredentials,
  credentialsRefusal,
  SettingsError,
  inputsFromEnv,
  parseSettings,
  packageInputs,
  packageName
};
