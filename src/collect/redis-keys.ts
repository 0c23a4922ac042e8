// Every Redis key the collector uses, in one place, under the configured prefix.
export const collectKeys = {
  /** The next free request slot (ms since epoch) for one host, shared by all workers. */
  hostSlot: (prefix: string, host: string): string => `${prefix}:collect:rate:${host.toLowerCase()}`,
};
