import type { HandlerMap } from '../dispatch.ts';

export const ioHandlers: HandlerMap = {};
