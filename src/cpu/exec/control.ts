import type { HandlerMap } from '../dispatch.ts';

export const controlHandlers: HandlerMap = {};
