// Types for the parts of `natural` imported by file path. Importing its index would run dotenv and
// load every storage backend, so Waspada imports only the modules it uses.
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer_id.js' {
  export default class AggressiveTokenizerId {
    tokenize(text: string): string[];
  }
}
declare module 'natural/lib/natural/stemmers/indonesian/stemmer_id.js' {
  const StemmerId: { stem(token: string): string; tokenizeAndStem(text: string): string[] };
  export default StemmerId;
}
declare module 'natural/lib/natural/ngrams/ngrams.js' {
  const NGrams: { ngrams(sequence: string | string[], n: number): string[][]; bigrams(s: string | string[]): string[][] };
  export default NGrams;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier.js' {
  export default class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    addDocument(text: string | string[], label: string): void;
    train(): void;
    classify(text: string | string[]): string;
    getClassifications(text: string | string[]): Array<{ label: string; value: number }>;
    static restore(classifier: unknown, stemmer?: unknown): BayesClassifier;
  }
}
declare module 'natural/lib/natural/classifiers/logistic_regression_classifier.js' {
  export default class LogisticRegressionClassifier {
    constructor(stemmer?: unknown);
    addDocument(text: string | string[], label: string): void;
    train(): void;
    classify(text: string | string[]): string;
    getClassifications(text: string | string[]): Array<{ label: string; value: number }>;
  }
}
