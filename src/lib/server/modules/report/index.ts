/**
 * What other modules (and the job handlers) may use of the report module: putting what a
 * session produced into the search index, and the report's shape.
 */
export { indexSession, reindexSessionsOfNetwork } from './report-index.service.ts';
export type { Report } from './report.service.ts';
export { reportIsShared } from './report-state.service.ts';
