import type { Membership } from '../../db/types.ts';

/**
 * Who sees an organisation's partners: its own members, and nobody else, leaders of the network
 * included. The network sees the step plan's progress only as aggregates (see `stepPlanProgress`).
 */
export const keepsInventory = (m: Membership, partner: { organisationId: string }) =>
	m.organisationId !== null && m.organisationId === partner.organisationId;

/**
 * The smallest number of organisations whose evaluations an average may be made of: with fewer,
 * an average would be one organisation's scores under another name.
 */
export const MIN_ORGANISATIONS_FOR_AVERAGE = 3;
