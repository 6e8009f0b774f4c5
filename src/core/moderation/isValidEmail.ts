// Deliberately stricter than the validator Strapi runs on write (it demands a
// dot and an alphabetic TLD), so that anything accepted here can be stored.
const EMAIL_PATTERN =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export function isValidEmail(email: string): boolean {
  return EMAIL_PATTERN.test(email);
}
