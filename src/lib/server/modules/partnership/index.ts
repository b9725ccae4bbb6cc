/** What other modules may use of the partnership module: read functions and types. */
export { stepPlanProgress } from './view.ts';
