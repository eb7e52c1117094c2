// Assertions shared by the tests of code that rejects what a user typed.
import { expect } from "vitest";
import { UserFacingError } from "../../src/domain/errors.js";

/** Runs `fn`, expects it to throw a UserFacingError of kind "invalid", and returns that error. */
export function errorOf(fn: () => unknown): UserFacingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).kind).toBe("invalid");
    return error as UserFacingError;
  }
  throw new Error("expected a UserFacingError, but nothing was thrown");
}

/** Awaits `promise`, expects it to reject with a UserFacingError saying exactly `message`. */
export async function expectUserError(promise: Promise<unknown>, message: string): Promise<UserFacingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  expect((error as UserFacingError).message).toBe(message);
  return error as UserFacingError;
}
