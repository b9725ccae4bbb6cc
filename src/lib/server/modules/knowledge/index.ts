/**
 * What other modules may use of the knowledge module: uploaded files, a session's resources and
 * the search index. What goes into the index is decided by the module that owns it (the report
 * indexes a session, see report-index.service); the knowledge module only stores and searches.
 */
export {
	checkUpload,
	discardFile,
	hasFile,
	readImages,
	storeFile,
	type CheckedFile
} from './file.service.ts';
export { sessionResources } from './resource.queries.ts';
export { reindexResources } from './resource.service.ts';
export { indexDocs, removeDocs } from './search.service.ts';
export type { SearchDoc, SearchKind } from './knowledge.schema.ts';
