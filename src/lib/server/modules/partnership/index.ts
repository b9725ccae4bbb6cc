/** What other modules may use of the partnership module: read functions, types and jobs. */
export { stepPlanProgress } from './view.ts';
export { planPartnerReviews, sendPartnerReview } from './partner-review.service.ts';
