import path from 'node:path';
import { apiEnv, dbEnv, doctorEnv, redisEnv, rendererEnv, workerEnv } from '@fractafrag/core';
import type { Env } from './config.check.ts';

/** The variables the doctor's machine checks read (the configuration check reads them all). */
export const DOCTOR_SHAPE = {
  DATABASE_URL: dbEnv.DATABASE_URL,
  MIGRATE_ON_START: apiEnv.MIGRATE_ON_START,
  REDIS_URL: redisEnv.REDIS_URL,
  CHROMIUM_PATH: rendererEnv.CHROMIUM_PATH,
  RENDERER_GL_BACKEND: rendererEnv.RENDERER_GL_BACKEND,
  RENDERER_CHROMIUM_FLAGS: rendererEnv.RENDERER_CHROMIUM_FLAGS,
  GLSLANG_VALIDATOR_PATH: rendererEnv.GLSLANG_VALIDATOR_PATH,
  RENDERS_DIR: workerEnv.RENDERS_DIR,
  ...doctorEnv,
};
type Shape = typeof DOCTOR_SHAPE;
export type DoctorKey = keyof Shape;
export type DoctorConfig = { [K in DoctorKey]: ReturnType<Shape[K]['parse']> };

export interface DoctorSettings {
  config: DoctorConfig;
  /** Variables whose value did not validate: checks that read them are skipped, not run on a default. */
  invalid: ReadonlySet<DoctorKey>;
}

/**
 * Reads each variable on its own, so one bad value does not stop the other checks; a bad value
 * falls back to its default here and the configuration check reports it.
 */
export function readDoctorSettings(env: Env, cwd = process.cwd()): DoctorSettings {
  const values: Record<string, unknown> = {};
  const invalid = new Set<DoctorKey>();
  for (const key of Object.keys(DOCTOR_SHAPE) as DoctorKey[]) {
    const field = DOCTOR_SHAPE[key];
    const parsed = field.safeParse(env[key]);
    if (parsed.success) values[key] = parsed.data;
    else {
      invalid.add(key);
      values[key] = field.parse(undefined);
    }
  }
  const config = values as DoctorConfig;
  // The worker resolves a relative RENDERS_DIR against its own working directory; the doctor, run
  // from the checkout (make doctor), against the checkout.
  config.RENDERS_DIR = path.resolve(cwd, config.RENDERS_DIR);
  return { config, invalid };
}
