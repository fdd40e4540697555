import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);

// src/github/errors.ts
var GitHubApiError = class extends Error {
  constructor(message, status, operation) {
    super(message);
    this.status = status;
    this.operation = operation;
    this.name = "GitHubApiError";
  }
  status;
  operation;
};
function redact(text, secrets) {
  let out = text;
  for (const secret of secrets) {
    if (!secret) continue;
    for (const form of [secret, Buffer.from(`x-access-token:${secret}`).toString("base64")]) {
      out = out.split(form).join("***");
    }
  }
  return out;
}

export {
  GitHubApiError,
  redact
};
