// LINK and DETACH of minidisks: the access rules and CP's messages.

export * from './link-rules.ts';
export * from './link-messages.ts';
export { targetFromCompiled, targetFromSource } from './targets.ts';
export { LinkRegistry } from './registry.ts';
