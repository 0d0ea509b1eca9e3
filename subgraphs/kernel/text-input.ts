import { DomainError } from './domain-error';

/** Names are shown in dashboards and on invoices: not blank, at most 200 characters. */
export function assertName(name: string, what: string): void {
  if (name.trim() === '') throw new DomainError('BAD_USER_INPUT', `${what} name must not be empty`);
  if (name.length > 200) throw new DomainError('BAD_USER_INPUT', `${what} name is longer than 200 characters`);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A plausible e-mail address (one @, a dot in the domain, no spaces), at most 254 characters. */
export function assertEmail(email: string): void {
  if (email.length > 254 || !EMAIL.test(email)) {
    // The value is not repeated: it may be anything, of any size.
    throw new DomainError('BAD_USER_INPUT', 'email is not an e-mail address (one @, a dot in the domain, no spaces, at most 254 characters)');
  }
}
