import { prepareTemplateDatabase } from '@fractafrag/db/testing';

/** Migrates the template database that every integration test file clones. */
export default async function setup(): Promise<() => Promise<void>> {
  return prepareTemplateDatabase();
}
