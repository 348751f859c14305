export * from './safety-rules';
