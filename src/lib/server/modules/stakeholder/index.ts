/** What other modules may use of the stakeholder module: read functions and types. */
export { mapPage, stakeholderPage } from './view.ts';
export type { StakeholderDeed } from './stakeholder.policy.ts';
