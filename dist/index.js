import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-WY5INFGR.js";
import "./chunks/chunk-5PERFCMJ.js";

// src/action/index.ts
await main();
