import type { KeyedProjection } from '../projection.js';

/** A keyed projection whose key is not the subject (the event type): it cannot be split by subject. */
export const countsByType: KeyedProjection<number> = {
  kind: 'keyed',
  name: 'counts-by-type',
  version: 1,
  keyOf: (e) => e.type,
  init: () => 0,
  apply: (n) => n + 1,
};
