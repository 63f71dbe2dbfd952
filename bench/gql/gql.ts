/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation BenchResolveBatch($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { profileId } }\n": typeof types.BenchResolveBatchDocument,
    "\n  query BenchLinks($id: ID!, $after: String) {\n    auditLog(profileId: $id, first: 200, after: $after) { edges { node { id action } } pageInfo { hasNextPage endCursor } }\n  }\n": typeof types.BenchLinksDocument,
    "\n  mutation BenchReset($id: ID!) { resetIdentities(profileId: $id, reason: \"benchmark\") { profileIds } }\n": typeof types.BenchResetDocument,
    "\n  mutation BenchUnmerge($id: ID!) { unmerge(auditEntryId: $id, reason: \"benchmark\") { profileIds } }\n": typeof types.BenchUnmergeDocument,
};
const documents: Documents = {
    "\n  mutation BenchResolveBatch($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { profileId } }\n": types.BenchResolveBatchDocument,
    "\n  query BenchLinks($id: ID!, $after: String) {\n    auditLog(profileId: $id, first: 200, after: $after) { edges { node { id action } } pageInfo { hasNextPage endCursor } }\n  }\n": types.BenchLinksDocument,
    "\n  mutation BenchReset($id: ID!) { resetIdentities(profileId: $id, reason: \"benchmark\") { profileIds } }\n": types.BenchResetDocument,
    "\n  mutation BenchUnmerge($id: ID!) { unmerge(auditEntryId: $id, reason: \"benchmark\") { profileIds } }\n": types.BenchUnmergeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BenchResolveBatch($inputs: [ResolveInput!]!) { resolveBatch(inputs: $inputs) { profileId } }\n"): typeof import('./graphql.js').BenchResolveBatchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BenchLinks($id: ID!, $after: String) {\n    auditLog(profileId: $id, first: 200, after: $after) { edges { node { id action } } pageInfo { hasNextPage endCursor } }\n  }\n"): typeof import('./graphql.js').BenchLinksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BenchReset($id: ID!) { resetIdentities(profileId: $id, reason: \"benchmark\") { profileIds } }\n"): typeof import('./graphql.js').BenchResetDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BenchUnmerge($id: ID!) { unmerge(auditEntryId: $id, reason: \"benchmark\") { profileIds } }\n"): typeof import('./graphql.js').BenchUnmergeDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
