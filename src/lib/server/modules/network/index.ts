/** What other modules may use of the network module: read functions and types. */
export { findMembership, requireCoordinator, requireMember } from './network.read.ts';
export { canManageNetwork, isActiveMembership } from './network.policy.ts';
export { findNetwork, findOrganisation, listRegions } from './network.repository.ts';
export type { MemberRow } from './network.repository.ts';
