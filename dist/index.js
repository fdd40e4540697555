import { createRequire as __pcCreateRequire } from 'node:module'; const require = __pcCreateRequire(import.meta.url);
import {
  main
} from "./chunks/chunk-2T2YWUVO.js";
import "./chunks/chunk-J3AOJQT5.js";

// src/action/index.ts
await main();
