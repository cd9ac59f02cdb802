// The old name of the glibc-artefact lookup, now answered by the catalog in ./glibc-downloads
// (its entries carry the same `what` and `instead`). Kept while callers written against the
// old module (MC1007 on a sibling branch) move to `glibcDownload`.
export { glibcDownload as glibcArtefact } from './glibc-downloads';
