// The app's single database connection (browser main thread and workers each open their own).
import { openDb, type YardstickDb } from './schema';

let instance: YardstickDb | null = null;

export function getDb(): YardstickDb {
  instance ??= openDb();
  return instance;
}
