import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-2RGYV5JG.js";
import "./chunks/chunk-JZAK42HK.js";
import "./chunks/chunk-XEFGPW4O.js";
import "./chunks/chunk-QQW4PSPM.js";
import "./chunks/chunk-IDNWYBYB.js";
import "./chunks/chunk-S55MPTRD.js";
import "./chunks/chunk-7SMPN4Q6.js";

// src/action/index.ts
await main();
