import type { HandlerMap } from '../dispatch.ts';

export const decimalHandlers: HandlerMap = {};
