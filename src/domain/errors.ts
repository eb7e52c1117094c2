/**
 * An error whose message is written for the person who ran the command: it says what was wrong
 * and how to write it right. Anything else that escapes a use case is a bug, logged with its
 * stack and shown to the user only as a generic failure with the request id.
 */
export type UserErrorKind = "invalid" | "denied" | "not_found" | "conflict" | "unavailable";

export class UserFacingError extends Error {
  override name = "UserFacingError";
  constructor(
    readonly kind: UserErrorKind,
    message: string,
    /** A correct example or the usage line, shown under the message. */
    readonly hint?: string,
    /** The option or form field at fault, so a modal can show the error beside it. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const invalid = (message: string, hint?: string, field?: string) =>
  new UserFacingError("invalid", message, hint, field);
