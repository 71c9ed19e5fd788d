export * from './idcard.ts';
export * from './industry.ts';
export * from './region.ts';
export * from './regnum.ts';
export * from './uscc.ts';
