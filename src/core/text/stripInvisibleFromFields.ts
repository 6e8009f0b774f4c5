import { stripInvisible } from './stripInvisible';
import { stripInvisibleFromBlocks } from './stripInvisibleFromBlocks';

/** Which fields of a record hold public text, by kind. */
export interface TextFieldKinds {
  /** Plain strings (Strapi's `string` and `text`). */
  text?: readonly string[];
  /** Strapi's `blocks` rich text. */
  blocks?: readonly string[];
}

/**
 * A shallow copy of `data` with stripInvisible applied to every listed field it holds: plain
 * text fields as they are (not trimmed: a separator such as " > " keeps its spaces), blocks
 * through stripInvisibleFromBlocks. Fields not sent, and values of the wrong type, are left for
 * Strapi's validation.
 */
export function stripInvisibleFromFields<T extends Record<string, unknown>>(data: T, fields: TextFieldKinds): T {
  const copy: Record<string, unknown> = { ...data };
  for (const field of fields.text ?? []) {
    if (typeof copy[field] === 'string') copy[field] = stripInvisible(copy[field] as string);
  }
  for (const field of fields.blocks ?? []) {
    if (field in copy) copy[field] = stripInvisibleFromBlocks(copy[field]);
  }
  return copy as T;
}
