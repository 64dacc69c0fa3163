// Re-renders a component whenever a 3270 screen model changes.

import { useCallback, useSyncExternalStore } from 'react';
import type { Screen3270 } from '../term/screen-model.ts';

export function useScreenVersion(screen: Screen3270): number {
  const subscribe = useCallback((listener: () => void) => screen.subscribe(listener), [screen]);
  return useSyncExternalStore(subscribe, () => screen.version);
}
