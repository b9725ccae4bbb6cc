/** What other modules may use of the network module: read functions and types. */
export {
	findActiveMemberAccount,
	findMemberByUserId,
	findMembership,
	findNetwork,
	findOrganisation,
	listActiveMemberEmails,
	listActiveMembers,
	listActiveMembershipIds,
	listActiveSpanners,
	requireCoordinator,
	requireMember
} from './network.read.ts';
export { askToJoin } from './request.ask.ts';
export { canManageNetwork, isActiveMembership, isLeadingRole } from './network.policy.ts';
export type { MemberRow } from './network.repository.ts';
