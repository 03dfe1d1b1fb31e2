import type { MessageKey } from './i18n/catalogues';
import { t } from './i18n/translate';

/**
 * Domain errors. Services throw these; the GraphQL layer turns them into `userErrors` entries or
 * GraphQL errors with an `extensions.code`. Anything else is an internal error and is masked.
 */
export interface UserErrorEntry {
  field?: string[];
  message: string;
  code: string;
}

/** Input a person can fix; carries one or more Dutch messages. Nothing was changed. */
export class UserInputError extends Error {
  readonly userErrors: UserErrorEntry[];

  constructor(userErrors: UserErrorEntry[]) {
    super(userErrors.map((e) => e.message).join(' '));
    this.name = 'UserInputError';
    this.userErrors = userErrors;
  }

  static single(code: string, message: string, field?: string[]): UserInputError {
    return new UserInputError([{ code, message, field }]);
  }

  /** Someone else changed the item since the caller read it; nothing was written. */
  static versionConflict(field: string[]): UserInputError {
    return UserInputError.single(
      'VERSION_CONFLICT',
      'Iemand anders heeft dit intussen gewijzigd. Laad het opnieuw en probeer nog eens.',
      field,
    );
  }
}

export class UnauthenticatedError extends Error {
  readonly code = 'UNAUTHENTICATED';

  constructor(message = 'Aanmelden is nodig voor deze bewerking.') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends Error {
  readonly code = 'FORBIDDEN';

  constructor(message = 'Je hebt geen toestemming voor deze bewerking.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** An optimistic-concurrency check failed: someone else changed the item in between. */
export class VersionConflictError extends Error {
  constructor(entity: string, id: string, options?: { cause?: unknown }) {
    super(`${entity} ${id} was changed concurrently`, options);
    this.name = 'VersionConflictError';
  }
}

const badRequestTexts = {
  INVALID_CURSOR: 'request.invalidCursor',
  INVALID_PAGE_SIZE: 'request.invalidPageSize',
  TO_BEFORE_FROM: 'request.toBeforeFrom',
} as const satisfies Record<string, MessageKey>;

/**
 * A client-supplied argument that is malformed (a bad cursor, a page size out of range). The
 * `reason` and `values` let the GraphQL layer write it in the caller's language (error-language.ts).
 */
export class BadRequestError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly reason: keyof typeof badRequestTexts,
    readonly values: Record<string, number> = {},
  ) {
    super(t('nl', badRequestTexts[reason], values));
    this.name = 'BadRequestError';
  }
}
