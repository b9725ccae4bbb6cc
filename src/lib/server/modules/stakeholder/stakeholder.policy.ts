/**
 * Who may do what on the network's stakeholder map, decided from facts handed in (no queries).
 * The map is the network's: every active member lists it, sees every stakeholder and adds one.
 * Changing a stakeholder (its words, its place on the map) and removing it is for the member who
 * added it and for the network's coordinators. Making its next move an action of a commitment is
 * for those, and for the member named as the one who knows them; the action always goes into a
 * commitment the acting member keeps (the commitment module checks that again).
 */
export type StakeholderDeed = 'list' | 'see' | 'add' | 'edit' | 'place' | 'remove' | 'to_action';

export interface StakeholderActor {
	userId: string;
	role: string;
}
export interface StakeholderFacts {
	createdBy: string | null;
	knownBy: string | null;
}

export function mayOnStakeholder(
	m: StakeholderActor,
	deed: StakeholderDeed,
	s?: StakeholderFacts
): boolean {
	if (deed === 'list' || deed === 'add') return true;
	if (!s) return false;
	if (deed === 'see') return true;
	const keeps = m.role === 'coordinator' || (s.createdBy !== null && s.createdBy === m.userId);
	if (deed === 'to_action') return keeps || (s.knownBy !== null && s.knownBy === m.userId);
	return keeps;
}
