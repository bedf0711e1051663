export * from './api.ts';
export * from './queues.ts';
export * from './renderer.ts';
export * from './shader-source.ts';
