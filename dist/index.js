import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-RTQI5YY5.js";

// src/index.ts
await main();
