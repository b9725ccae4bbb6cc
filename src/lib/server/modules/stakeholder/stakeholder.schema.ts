import { isRealDate } from '#lib/dates.ts';
import { STAKEHOLDER_KINDS } from '#lib/stakeholder.ts';
import { z } from 'zod';
import { optionalText, requiredText, text, token } from '../../validation.ts';

export { quadrantOf, SCORES, STAKEHOLDER_KINDS, type Quadrant } from '#lib/stakeholder.ts';

const score = (key: string) => z.coerce.number(key).int(key).min(1, key).max(5, key);

/** The map's two scores; moving a stakeholder on the grid posts only these. */
export const placeInput = z.object({
	influence: score('error_stakeholder_influence'),
	interest: score('error_stakeholder_interest')
});
export type PlaceInput = z.input<typeof placeInput>;

/** A stakeholder's words: who, the win for them, who knows them, and the next move. */
export const detailsInput = z.object({
	name: requiredText(200),
	organisation: optionalText(200),
	kind: z.enum(STAKEHOLDER_KINDS, 'error_stakeholder_kind'),
	win: requiredText(1000),
	relation: optionalText(500),
	/** The member who knows them: an account id from the list of members, or '' for nobody. */
	knownBy: token().default(''),
	// An action's title is at most 300 characters, so a next move can become one as it is.
	nextMove: optionalText(300),
	nextMoveOn: text(10)
		.default('')
		.refine((v) => v === '' || isRealDate(v), 'error_date'),
	notes: optionalText(4000)
});
export type DetailsInput = z.input<typeof detailsInput>;

/** A new stakeholder: its words and its place on the map. */
export const stakeholderInput = detailsInput.extend(placeInput.shape);
export type StakeholderInput = z.input<typeof stakeholderInput>;

/** Which of my commitments the next move becomes an action of. */
export const toActionInput = z.object({
	commitmentId: token().min(1, 'error_stakeholder_commitment')
});
export type ToActionInput = z.input<typeof toActionInput>;
