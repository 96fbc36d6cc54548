// The router's library entry, free of side effects; main.ts is the process entry.
export { createRouter, type Router } from './app';
export { composeSupergraph, type ComposeResult } from './compose';
export { loadConfig, type RouterConfig } from './config';
