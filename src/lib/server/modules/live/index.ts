/** What other modules may use of the live module: what came in on a step, shaped for the screens. */
export { stepResults, type StepResults } from './results.service.ts';
export { latestCheckinReport } from './checkin.service.ts';
export { sessionHarvest, type SessionHarvest } from './harvest.read.ts';
export { livePatches } from './patch.service.ts';
