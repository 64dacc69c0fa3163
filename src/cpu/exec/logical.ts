import type { HandlerMap } from '../dispatch.ts';

export const logicalHandlers: HandlerMap = {};
