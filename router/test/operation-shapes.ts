/**
 * The two operations measured on a running Agora (issue 10): on it, the first ran 6.5 s
 * and returned 14.5 MB, the second took 4.6 s and 2,000 database transactions.
 */

/** A search whose products' recommendations nest `depth` fields deep in all, with `first` at each level. */
export function nestedRecommendations(depth: number, first: number): string {
  const levels = depth - 4; // search, edges, node ... id
  const open = `recommendations(first: ${first}) { `.repeat(levels);
  return `{ search(query: "a", first: ${first}) { edges { node { ${open}id${' }'.repeat(levels)} } } } }`;
}

/** One operation with `count` aliases of `search`, each with its default page of products. */
export function aliasesOfSearch(count: number): string {
  const searches = Array.from({ length: count }, (_, i) => `s${i}: search(query: "a") { edges { node { id name } } }`);
  return `{ ${searches.join(' ')} }`;
}
