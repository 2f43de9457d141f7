// Sign-up validation with Mastodon's answer: every broken rule at once, each as a code and a
// description per field (ValidationErrorFormatter: "ERR_" + the Rails error key), plus a
// sentence "Validation failed: Username has already been taken, ..." for simple clients.
import { isLanguageCode } from "../../domain/languages.ts";
import { USERNAME_MAX_LENGTH, usernameProblem } from "../../domain/usernames.ts";
import {
  EMAIL_MAX_LENGTH,
  EMAIL_RE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../accounts/create-local-account.ts";

export type ValidationCode =
  | "ERR_BLANK"
  | "ERR_INVALID"
  | "ERR_TOO_LONG"
  | "ERR_TOO_SHORT"
  | "ERR_TAKEN"
  | "ERR_RESERVED"
  | "ERR_ACCEPTED"
  | "ERR_INCLUSION"
  | "ERR_CONFIRMATION";

export interface FieldError {
  error: ValidationCode;
  description: string;
}

/** Field name → its errors, in the order they were found. */
export type ValidationDetails = Record<string, FieldError[]>;

// Rails' messages, as Mastodon's English locale has them.
const DESCRIPTIONS: Record<ValidationCode, string> = {
  ERR_BLANK: "can't be blank",
  ERR_INVALID: "is invalid",
  ERR_TOO_LONG: "is too long",
  ERR_TOO_SHORT: "is too short",
  ERR_TAKEN: "has already been taken",
  ERR_RESERVED: "is reserved",
  ERR_ACCEPTED: "must be accepted",
  ERR_INCLUSION: "is not included in the list",
  ERR_CONFIRMATION: "doesn't match Password",
};

const LABELS: Record<string, string> = {
  username: "Username",
  email: "Email",
  password: "Password",
  // Only the web form asks for it twice; the API has no such field.
  password_confirmation: "Password confirmation",
  agreement: "Agreement",
  locale: "Locale",
  reason: "Reason",
};

export function addError(
  details: ValidationDetails,
  field: string,
  error: ValidationCode,
  description: string = DESCRIPTIONS[error],
): void {
  const list = details[field] ?? [];
  list.push({ error, description });
  details[field] = list;
}

/** The same details with the fields in form order (username first), whatever found them. */
export function inFieldOrder(details: ValidationDetails): ValidationDetails {
  const order = Object.keys(LABELS);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return Object.fromEntries(
    Object.entries(details).sort(([a], [b]) => rank(a) - rank(b)),
  ) as ValidationDetails;
}

export function hasErrors(details: ValidationDetails): boolean {
  return Object.keys(details).length > 0;
}

/** "Validation failed: Username has already been taken, Agreement must be accepted". */
export function validationMessage(details: ValidationDetails): string {
  const parts = Object.entries(details).flatMap(([field, errors]) =>
    errors.map((e) => `${LABELS[field] ?? field} ${e.description}`),
  );
  return `Validation failed: ${parts.join(", ")}`;
}

// Mastodon keeps the moderators' queue readable: an application reason is at most 420 chars.
export const REASON_MAX_LENGTH = 420;

export interface SignUpFields {
  username: string;
  email: string;
  password: string;
  agreement: boolean;
  locale: string | undefined;
  reason: string | undefined;
}

/** The rules that need no database. Uniqueness is checked by the service. */
export function validateSignUpFields(input: SignUpFields): ValidationDetails {
  const details: ValidationDetails = {};
  const problem = usernameProblem(input.username);
  if (problem === "empty") addError(details, "username", "ERR_BLANK");
  else if (problem === "too-long")
    addError(
      details,
      "username",
      "ERR_TOO_LONG",
      `is too long (maximum is ${USERNAME_MAX_LENGTH} characters)`,
    );
  else if (problem === "invalid")
    addError(
      details,
      "username",
      "ERR_INVALID",
      "must contain only letters, numbers and underscores",
    );
  else if (problem === "reserved") addError(details, "username", "ERR_RESERVED");

  addEmailErrors(details, "email", input.email);

  const length = [...input.password].length;
  if (length === 0) addError(details, "password", "ERR_BLANK");
  else if (length < PASSWORD_MIN_LENGTH)
    addError(
      details,
      "password",
      "ERR_TOO_SHORT",
      `is too short (minimum is ${PASSWORD_MIN_LENGTH} characters)`,
    );
  else if (length > PASSWORD_MAX_LENGTH)
    addError(
      details,
      "password",
      "ERR_TOO_LONG",
      `is too long (maximum is ${PASSWORD_MAX_LENGTH} characters)`,
    );

  if (!input.agreement) addError(details, "agreement", "ERR_ACCEPTED");
  if (input.locale !== undefined && !isLocale(input.locale))
    addError(details, "locale", "ERR_INCLUSION");
  if (input.reason !== undefined && [...input.reason].length > REASON_MAX_LENGTH)
    addError(
      details,
      "reason",
      "ERR_TOO_LONG",
      `is too long (maximum is ${REASON_MAX_LENGTH} characters)`,
    );
  return details;
}

export function addEmailErrors(details: ValidationDetails, field: string, email: string): void {
  const trimmed = email.trim();
  if (trimmed === "") addError(details, field, "ERR_BLANK");
  else if (!EMAIL_RE.test(trimmed) || trimmed.length > EMAIL_MAX_LENGTH)
    addError(details, field, "ERR_INVALID");
}

/** A language code, optionally with a region or script: `en`, `pt-BR`, `zh_TW`, `sr-Latn`. */
export function isLocale(locale: string): boolean {
  const match = /^([a-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})?$/.exec(locale);
  return match !== null && isLanguageCode(match[1] as string);
}
