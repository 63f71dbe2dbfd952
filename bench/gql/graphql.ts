/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: any; output: any; }
};

export type AuditAction =
  | 'ACTIVITY_REATTRIBUTED'
  | 'DEMERGED'
  | 'GHOST_PROFILE'
  | 'IDENTIFIER_LINKED'
  | 'IDENTITIES_RESET'
  | 'IDENTITY_ERROR'
  | 'PROFILES_MERGED'
  | 'PROFILES_UNMERGED'
  | 'PROFILE_CREATED'
  | 'PROFILE_DELETED'
  | 'TRAITS_CHANGED';

export type ChangeKind =
  | 'ACTIVITY_REATTRIBUTED'
  | 'IDENTIFIER_ADDED'
  | 'IDENTIFIER_REMOVED'
  | 'PROFILES_MERGED'
  | 'PROFILE_CREATED'
  | 'PROFILE_DELETED'
  /** A profile came apart (unmerge, demerge, reset identities) */
  | 'PROFILE_SPLIT'
  /** Traits of a profile id changed (rule 11) */
  | 'TRAITS_CHANGED';

export type IdentifierInput = {
  /** user_id, email, phone, or a configured custom type */
  type: Scalars['String']['input'];
  value: Scalars['String']['input'];
};

/** One thing of a profile: exactly one of deviceId, profileId, identifier */
export type IdentityRefInput = {
  deviceId?: InputMaybe<Scalars['String']['input']>;
  /** Normalised as in resolve, so an email may be given in any case */
  identifier?: InputMaybe<IdentifierInput>;
  profileId?: InputMaybe<Scalars['ID']['input']>;
};

/** What an IdentityRef names */
export type IdentityRefKind =
  | 'DEVICE'
  | 'IDENTIFIER'
  | 'PROFILE_ID';

/** The kind of edge a step follows */
export type LinkKind =
  /** A device and one of its own profile ids (only ever at either end of a chain: a device joins nothing) */
  | 'DEVICE_PROFILE_ID'
  /** An identifier attached to a profile id (IDENTIFIER_LINKED) */
  | 'IDENTIFIER'
  /** An admin's merge of two profile ids (mergeProfiles) */
  | 'MANUAL_MERGE';

export type ResolveInput = {
  deviceId?: InputMaybe<Scalars['String']['input']>;
  /** Optional event name */
  event?: InputMaybe<Scalars['String']['input']>;
  identifiers?: InputMaybe<Array<IdentifierInput>>;
  /** Idempotency key: a repeated messageId returns the first answer and changes nothing */
  messageId?: InputMaybe<Scalars['String']['input']>;
  /** When the observation happened; defaults to the time it was received */
  timestamp?: InputMaybe<Scalars['DateTime']['input']>;
  /** Profile properties this observation sets, name to value; per name the newest timestamp wins (rule 11) */
  traits?: InputMaybe<Scalars['JSON']['input']>;
  /** Properties set only where the profile has none yet; the oldest timestamp wins (rule 11) */
  traitsOnce?: InputMaybe<Scalars['JSON']['input']>;
  /** Trait names this observation removes (rule 11) */
  unsetTraits?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Shorthand for identifiers: [{ type: "user_id", value: userId }] */
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type WarningCode =
  | 'BLOCKED_IDENTIFIER'
  | 'DEVICE_LIMIT_REACHED'
  | 'DUPLICATE_MESSAGE'
  | 'IDENTIFIER_CONFLICT'
  | 'LATE_OBSERVATION';

export type BenchResolveBatchMutationVariables = Exact<{
  inputs: Array<ResolveInput> | ResolveInput;
}>;


export type BenchResolveBatchMutation = { resolveBatch: Array<{ profileId: string }> };

export type BenchLinksQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type BenchLinksQuery = { auditLog: { edges: Array<{ node: { id: string, action: AuditAction } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type BenchResetMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type BenchResetMutation = { resetIdentities: { profileIds: Array<string> } };

export type BenchUnmergeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type BenchUnmergeMutation = { unmerge: { profileIds: Array<string> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const BenchResolveBatchDocument = new TypedDocumentString(`
    mutation BenchResolveBatch($inputs: [ResolveInput!]!) {
  resolveBatch(inputs: $inputs) {
    profileId
  }
}
    `) as unknown as TypedDocumentString<BenchResolveBatchMutation, BenchResolveBatchMutationVariables>;
export const BenchLinksDocument = new TypedDocumentString(`
    query BenchLinks($id: ID!, $after: String) {
  auditLog(profileId: $id, first: 200, after: $after) {
    edges {
      node {
        id
        action
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<BenchLinksQuery, BenchLinksQueryVariables>;
export const BenchResetDocument = new TypedDocumentString(`
    mutation BenchReset($id: ID!) {
  resetIdentities(profileId: $id, reason: "benchmark") {
    profileIds
  }
}
    `) as unknown as TypedDocumentString<BenchResetMutation, BenchResetMutationVariables>;
export const BenchUnmergeDocument = new TypedDocumentString(`
    mutation BenchUnmerge($id: ID!) {
  unmerge(auditEntryId: $id, reason: "benchmark") {
    profileIds
  }
}
    `) as unknown as TypedDocumentString<BenchUnmergeMutation, BenchUnmergeMutationVariables>;