/** What other modules may use of the trajectory module: read functions, types and the hooks a membership change needs. */
export {
	canSee,
	coachedMembers,
	coachOf,
	diamondGoalOf,
	talkFor,
	talksFor,
	viewer,
	visibleTo
} from './trajectory.read.ts';
export { canCoach, type Viewer } from './trajectory.policy.ts';
export { endRelationsOfCoach } from './coaching-relation.service.ts';
export { forgetMember } from './trajectory.service.ts';
