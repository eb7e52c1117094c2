/** Migrations could not be applied; the message names the database and the reason. */
export class MigrationError extends Error {
  override name = "MigrationError";
}
