// Credit-risk classification: the model as data and its pure arithmetic (browser-safe, except
// industry.ts, which reads the GB/T 4754 catalogue).
export { DEFAULT_MODEL } from './default-model.ts';
export * from './model.ts';
