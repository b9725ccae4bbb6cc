/** What other modules may use of the learning module: read functions and types. */
export { publicCollection, type CollectionView, type InsightView } from './view.ts';
export { creditFor, type Credit } from './learning.policy.ts';
export { collectionDocument, publicCollectionDocument } from './learning.document.ts';
export { reindexLearning } from './search.ts';
