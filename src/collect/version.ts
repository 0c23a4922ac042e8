// The crawler version recorded with every piece of evidence, so a court can tell which code captured it.
export const CRAWLER_VERSION = 'waspada-collect/0.1.0';
