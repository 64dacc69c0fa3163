import type { HandlerMap } from '../dispatch.ts';

export const hfpHandlers: HandlerMap = {};
