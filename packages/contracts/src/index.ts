export * from './accounts.ts';
export * from './api.ts';
export * from './discovery.ts';
export * from './desires.ts';
export * from './queues.ts';
export * from './renderer.ts';
export * from './shader-source.ts';
export * from './shaders.ts';
